package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.shell.CommandSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What SSH carries for a command, and the remote script run locally by dash and bash. */
class SshRemoteCommandTest {
    private static final List<String> SHELLS = List.of("/usr/bin/dash", "/bin/bash");

    @Test
    void environmentGoesToStdinNotTheCommandLine() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RESTIC_PASSWORD", "p@ss word=with=equals $(x)");
        env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
        RemoteCommand remote = RemoteCommand.of(new CommandSpec(List.of("restic", "snapshots"), env, Path.of("/workspace")));

        assertFalse(remote.commandLine().contains("p@ss"));
        assertFalse(remote.commandLine().contains("AKIAEXAMPLE"));
        assertFalse(remote.commandLine().contains("RESTIC_PASSWORD"));
        assertTrue(remote.commandLine().contains("cd -- '/workspace' || exit"));
        assertTrue(remote.commandLine().contains("'restic' 'snapshots'"));
        assertEquals("AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nRESTIC_PASSWORD=p@ss word=with=equals $(x)\n\n",
                new String(remote.stdin(), StandardCharsets.UTF_8));
        assertFalse(remote.toString().contains("p@ss"));
    }

    @Test
    void noEnvironmentStillSendsTheEmptyLine() {
        RemoteCommand remote = RemoteCommand.of(new CommandSpec(List.of("true"), Map.of(), null));
        assertEquals("\n", new String(remote.stdin(), StandardCharsets.UTF_8));
        assertFalse(remote.commandLine().contains("cd --"));
    }

    @Test
    void rejectsWhatCannotTravel() {
        for (String key : List.of("", "1ABC", "A-B", "A B", "A=B", "A;B", "__snapgpu_ok", "$(x)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RemoteCommand.of(new CommandSpec(List.of("true"), Map.of(key, "v"), null)), key);
            assertTrue(e.getMessage().contains("name"), e.getMessage());
        }
        for (String value : List.of("a\nb", "\n", "a\0b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RemoteCommand.of(new CommandSpec(List.of("true"), Map.of("SECRET", value + "hidden"), null)));
            assertTrue(e.getMessage().contains("SECRET"), e.getMessage());
            assertFalse(e.getMessage().contains("hidden"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> RemoteCommand.of(new CommandSpec(List.of("echo", "a\0b"), Map.of(), null)));
        // allowed: empty, '=', quotes, carriage return, lowercase and underscore names
        RemoteCommand.of(new CommandSpec(List.of("true"), Map.of("_a1", "", "b", "x=y'\"\r"), null));
    }

    /** The prelude itself, run by dash and bash locally with the bytes SSH would carry on stdin. */
    @Test
    void preludeExportsTheEnvironmentAndRefusesATruncatedOne() throws Exception {
        Map<String, String> env = Map.of("SECRET", "v a l'u\"e $(no) `no`", "EMPTY", "", "EQ", "a=b=c");
        RemoteCommand remote = RemoteCommand.of(new CommandSpec(
                List.of("sh", "-c", "printf '%s|' \"$SECRET\" \"$EMPTY\" \"$EQ\"; env | grep -c __snapgpu_ || true"), env, null));
        for (String shell : installed()) {
            // stdin stays open while the command runs, as over SSH: its end would mean "cancel"
            Process ok = new ProcessBuilder(shell, "-c", remote.commandLine()).start();
            ok.getOutputStream().write(remote.stdin());
            ok.getOutputStream().flush();
            String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ok.waitFor(), shell);
            ok.getOutputStream().close();
            assertEquals("v a l'u\"e $(no) `no`||a=b=c|0\n", out, shell);

            byte[] truncated = "SECRET=x\n".getBytes(StandardCharsets.UTF_8); // no empty line: the sender died
            Process p = start(List.of(shell, "-c", remote.commandLine()), truncated);
            p.getOutputStream().close();
            assertEquals(125, p.waitFor(), shell);
            assertEquals("", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8), "command must not run");
        }
    }

    /** The end of stdin is how a cancellation reaches the remote side: the command is stopped. */
    @Test
    void endOfStdinStopsTheCommand() throws Exception {
        RemoteCommand remote = RemoteCommand.of(new CommandSpec(List.of("sleep", "300"), Map.of(), null));
        for (String shell : installed()) {
            Process p = start(List.of(shell, "-c", remote.commandLine()), remote.stdin());
            p.getOutputStream().flush();
            assertFalse(p.waitFor(500, TimeUnit.MILLISECONDS), shell + ": the command runs while stdin is open");
            p.getOutputStream().close();
            // stopped by the end of stdin (SIGTERM), long before its sleep of 300 s would end
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), shell + ": still running after stdin ended");
            assertEquals(128 + 15, p.exitValue(), shell);
            assertTrue(p.descendants().noneMatch(ProcessHandle::isAlive), shell + ": left a process behind");
        }
    }

    @Test
    void exitStatusOfTheCommandIsTheExitStatusOfTheScript() throws Exception {
        RemoteCommand remote = RemoteCommand.of(new CommandSpec(List.of("sh", "-c", "exit 42"), Map.of(), null));
        for (String shell : installed()) {
            Process p = start(List.of(shell, "-c", remote.commandLine()), remote.stdin());
            p.getOutputStream().flush();
            assertTrue(p.waitFor(5, TimeUnit.SECONDS));
            assertEquals(42, p.exitValue(), shell);
        }
    }

    private static List<String> installed() {
        List<String> shells = SHELLS.stream().filter(s -> new File(s).canExecute()).toList();
        assertFalse(shells.isEmpty(), "no POSIX shell to test with");
        return shells;
    }

    private static Process start(List<String> command, byte[] stdin) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin);
        return p;
    }
}
