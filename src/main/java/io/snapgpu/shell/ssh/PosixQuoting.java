package io.snapgpu.shell.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell single-quoting. SSH exec hands the remote side one string that the login shell parses,
 * so every argument goes through {@link #quote} and stays one word, whatever it contains: inside
 * single quotes nothing is special except the closing quote, which becomes {@code '\''}.
 */
public final class PosixQuoting {
    private PosixQuoting() {
    }

    /** {@code it's} → {@code 'it'\''s'}; the empty string → {@code ''}. */
    public static String quote(String word) {
        if (word == null) {
            throw new IllegalArgumentException("a shell word cannot be null");
        }
        if (word.indexOf('\0') >= 0) {
            // no exec(2) argument can hold NUL; a shell would cut the word there silently
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Each word quoted, joined by single spaces. */
    public static String join(List<String> words) {
        return words.stream().map(PosixQuoting::quote).collect(Collectors.joining(" "));
    }
}
