package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PosixQuoting, checked by real shells. */
class SshQuotingTest {

    @Test
    void quotesAsPosixSingleQuotes() {
        assertEquals("'plain'", PosixQuoting.quote("plain"));
        assertEquals("''", PosixQuoting.quote(""));
        assertEquals("'it'\\''s'", PosixQuoting.quote("it's"));
        assertEquals("''\\'''\\'''", PosixQuoting.quote("''"));
        assertEquals("'$(x) `y` \"z\" ; \\ *'", PosixQuoting.quote("$(x) `y` \"z\" ; \\ *"));
        assertEquals("'a\nb'", PosixQuoting.quote("a\nb"));
        assertEquals("'-rf' '--x=1' ''", PosixQuoting.join(List.of("-rf", "--x=1", "")));
    }

    @Test
    void refusesNulAndNull() {
        assertThrows(IllegalArgumentException.class, () -> PosixQuoting.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> PosixQuoting.quote(null));
    }

    /** The property that matters: dash and bash turn every quoted word back into exactly itself. */
    @Test
    void realShellsReadBackEveryWordUnchanged() throws Exception {
        List<String> words = new ArrayList<>(List.of("", "'", "''", "\\'", "'\\''", "$(id)", "`id`", "${HOME}", "$1",
                "a b", " lead", "trail ", "\n", "a\nb\n", "\t", "!", "!!", "#comment", "~", "~root", "*", "?", "[a]",
                "{a,b}", "a;b", "a|b", "a&b", "a>b", "<a", "\"", "\\", "\\\\", "-n", "-e", "--", "ünï ✓", "\r"));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder w = new StringBuilder();
            int len = random.nextInt(12);
            for (int j = 0; j < len; j++) {
                // printable ASCII plus newline and tab, weighted towards the characters shells care about
                String special = "'\"\\$`;|&<>(){}[]*?!~# \n\t";
                w.append(random.nextBoolean() ? special.charAt(random.nextInt(special.length()))
                        : (char) (32 + random.nextInt(95)));
            }
            words.add(w.toString());
        }
        for (String shell : List.of("/bin/sh", "/bin/bash", "/usr/bin/dash")) {
            if (!new java.io.File(shell).canExecute()) {
                continue;
            }
            String script = "printf '%s\\0' " + PosixQuoting.join(words);
            byte[] out = run(List.of(shell, "-c", script), new byte[0]);
            assertArrayEquals(nulJoined(words), out, shell);
        }
    }

    private static byte[] nulJoined(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String w : words) {
            out.writeBytes(w.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process p = start(command, stdin);
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return out;
    }

    private static Process start(List<String> command, byte[] stdin) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        return p;
    }
}
