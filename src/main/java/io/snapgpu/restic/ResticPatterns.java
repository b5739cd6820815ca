package io.snapgpu.restic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * restic's exclude patterns, read the way restic reads them, so SnapGPU can tell which entries of a
 * workspace a restore leaves alone: a pattern is split into path elements, each a filepath.Match glob
 * ({@code **} any number of elements); one starting with {@code /} is anchored at the snapshot's root,
 * any other may match at any depth; a match of a directory covers everything below it; {@code !}
 * negates, and the last pattern that matches decides.
 */
public final class ResticPatterns {
    private final List<Compiled> patterns = new ArrayList<>();

    private record Compiled(boolean negated, List<Pattern> parts, boolean[] anyDepth) {
    }

    public ResticPatterns(List<String> excludes) {
        for (String raw : excludes) {
            boolean negated = raw.startsWith("!");
            String p = negated ? raw.substring(1) : raw;
            List<Pattern> parts = new ArrayList<>();
            List<Boolean> any = new ArrayList<>();
            for (String element : p.split("/", -1)) {
                any.add(element.equals("**"));
                parts.add(glob(element));
            }
            if (p.endsWith("/")) { // a trailing slash adds no element ("tmp/" is "tmp")
                parts.remove(parts.size() - 1);
                any.remove(any.size() - 1);
            }
            boolean[] anyDepth = new boolean[any.size()];
            for (int i = 0; i < anyDepth.length; i++) {
                anyDepth[i] = any.get(i);
            }
            patterns.add(new Compiled(negated, parts, anyDepth));
        }
    }

    /** True when {@code path} (absolute in the snapshot: {@code /data/x.bin}) is excluded. */
    public boolean excludes(String path) {
        String[] elements = path.split("/", -1);
        boolean excluded = false;
        for (Compiled c : patterns) {
            if (matchesAnywhere(c, elements)) {
                excluded = !c.negated();
            }
        }
        return excluded;
    }

    /** A path element as a restic pattern that matches it literally (glob characters escaped). */
    public static String literal(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean matchesAnywhere(Compiled c, String[] elements) {
        // an anchored pattern's first element is empty and matches only the root's empty first element
        for (int start = 0; start < elements.length; start++) {
            if (matchFrom(c, 0, elements, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchFrom(Compiled c, int i, String[] elements, int j) {
        if (i == c.parts().size()) {
            return true; // the rest of the path lies below a matched directory
        }
        if (c.anyDepth()[i]) {
            for (int k = j; k <= elements.length; k++) {
                if (matchFrom(c, i + 1, elements, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < elements.length && c.parts().get(i).matcher(elements[j]).matches()
                && matchFrom(c, i + 1, elements, j + 1);
    }

    /** One filepath.Match element as a regular expression. */
    private static Pattern glob(String element) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '\\' && i + 1 < element.length()) {
                re.append(Pattern.quote(String.valueOf(element.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int end = element.indexOf(']', i + 2);
                if (end < 0) {
                    re.append("\\[");
                    continue;
                }
                String body = element.substring(i + 1, end);
                re.append('[').append(body.startsWith("^") ? "^" + body.substring(1).replace("[", "\\[")
                        : body.replace("[", "\\[")).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
