package io.snapgpu.validation;

import java.util.Collection;
import java.util.regex.Pattern;

/** The checks every API input goes through; adapters call the service, the service calls these. */
public final class Inputs {
    public static final int MAX_PATH = 1024;
    public static final int MAX_PATTERN = 256;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@-]+");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

    private Inputs() {
    }

    /** A collector for a request with several fields: every field is checked, all refusals reported at once. */
    public static FieldErrors check() {
        return new FieldErrors();
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InputException(field, "is required");
        }
        return value;
    }

    /** A short human label: letters, digits, space and . _ @ - ; 1 to {@code max} characters. */
    public static String name(String field, String value, int max) {
        required(field, value);
        String v = value.strip();
        if (v.length() > max) {
            throw new InputException(field, "must be at most " + max + " characters");
        }
        if (!NAME.matcher(v).matches()) {
            throw new InputException(field, "may contain only letters, digits, spaces and . _ @ -");
        }
        return v;
    }

    public static String username(String field, String value) {
        required(field, value);
        if (!USERNAME.matcher(value).matches()) {
            throw new InputException(field,
                    "must be 2 to 63 characters: lowercase letters, digits and . _ - , starting with a letter or digit");
        }
        return value;
    }

    /** Free text (descriptions): no control characters, at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InputException(field, "must be at most " + max + " characters");
        }
        noControlCharacters(field, value);
        return value.strip();
    }

    /**
     * An absolute path on a machine: starts with /, normalised (no . or .. segments, no //), no
     * control characters, bounded. Such a path can never be read as an option by restic.
     */
    public static String absolutePath(String field, String value) {
        required(field, value);
        if (value.length() > MAX_PATH) {
            throw new InputException(field, "must be at most " + MAX_PATH + " characters");
        }
        noControlCharacters(field, value);
        if (!value.startsWith("/")) {
            throw new InputException(field, "must be an absolute path starting with / (got '" + shorten(value) + "')");
        }
        String p = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        for (String segment : p.substring(1).split("/", -1)) {
            if (p.length() > 1 && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw new InputException(field, "must be a normalised path without empty, . or .. segments (got '"
                        + shorten(value) + "')");
            }
        }
        return p;
    }

    /** Where the workspace lives on the providers' machines, as people write it in paths. */
    public static final String WORKSPACE = "/workspace";

    /**
     * A path inside the workspace, as people type it: {@code /workspace/data}, {@code /data} and
     * {@code data} all mean the workspace's {@code data} ({@code /} or {@code /workspace}: all of it).
     * Returns the {@link #absolutePath} form relative to the workspace root ({@code /data}); anything
     * else is refused as {@link #absolutePath} refuses it.
     */
    public static String workspacePath(String field, String value) {
        required(field, value);
        String v = value.strip();
        if (v.equals(WORKSPACE) || v.startsWith(WORKSPACE + "/")) {
            v = v.length() == WORKSPACE.length() ? "/" : v.substring(WORKSPACE.length());
        }
        // only what reads as a name is taken as relative: "-x" or "; rm" stay refused, never turned into paths
        if (!v.isEmpty() && (Character.isLetterOrDigit(v.charAt(0)) || v.charAt(0) == '_')) {
            v = "/" + v;
        }
        if (!v.startsWith("/")) {
            required(field, value);
            throw new InputException(field, "must be a path inside the workspace, such as /workspace/data, /data or data"
                    + " (got '" + shorten(value) + "')");
        }
        return absolutePath(field, v);
    }

    /** An exclude/include pattern (restic glob): no control characters, must not start with -. */
    public static String pattern(String field, String value) {
        required(field, value);
        if (value.length() > MAX_PATTERN) {
            throw new InputException(field, "must be at most " + MAX_PATTERN + " characters");
        }
        noControlCharacters(field, value);
        if (value.startsWith("-")) {
            throw new InputException(field, "must not start with - (got '" + shorten(value) + "')");
        }
        return value;
    }

    /** An id: a UUID, or an error naming the field. */
    public static java.util.UUID uuid(String field, String value) {
        required(field, value);
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InputException(field, "must be an id (a UUID)");
        }
    }

    public static <T> T oneOf(String field, T value, Collection<T> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InputException(field, "must be one of " + allowed + (value == null ? "" : " (got " + value + ")"));
        }
        return value;
    }

    public static int range(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new InputException(field, "must be between " + min + " and " + max
                    + (value == null ? "" : " (got " + value + ")"));
        }
        return value;
    }

    /** A number that may be left out (null); else not NaN and from {@code min} to {@code max}. */
    public static Double between(String field, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new InputException(field, "must be between " + plain(min) + " and " + plain(max) + " (got " + value + ")");
        }
        return value;
    }

    /** A money cap that may be left out (null: no cap); else more than 0 and at most {@code max} {@code unit}. */
    public static java.math.BigDecimal money(String field, java.math.BigDecimal value, int max, String unit) {
        if (value != null && (value.signum() <= 0 || value.compareTo(java.math.BigDecimal.valueOf(max)) > 0)) {
            throw new InputException(field, "must be more than 0 and at most " + max + " (" + unit + ") (got "
                    + value.toPlainString() + ")");
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public static <T> Collection<T> maxItems(String field, Collection<T> values, int max) {
        if (values != null && values.size() > max) {
            throw new InputException(field, "must have at most " + max + " entries");
        }
        return values;
    }

    private static void noControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InputException(field, "must not contain control characters (newline, NUL, ...)");
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
