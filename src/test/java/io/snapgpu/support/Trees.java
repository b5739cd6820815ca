package io.snapgpu.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Directory trees compared by content. */
public final class Trees {
    private Trees() {
    }

    /** Every path under {@code root} with its SHA-256 ("dir" for folders): equal maps, equal trees. */
    public static Map<String, String> digest(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(x -> !x.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                out.put(rel, Files.isDirectory(p) ? "dir" : HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    /** Removes {@code root} and everything below it. */
    public static void delete(Path root) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
