package io.snapgpu.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An SSH shell request of an embedded machine: an interactive bash (or sh) on a real pseudo-terminal.
 * Java cannot open a pty itself, so util-linux's {@code script} does ({@code script -qfec SHELL /dev/null}):
 * it makes the pty, runs the shell on it and relays bytes between the pty and its stdin/stdout,
 * which are the channel's. The size the client asked for is set with {@code stty} on the shell's own
 * terminal before the shell starts; a window-change request sets it on that terminal
 * ({@code stty -F /dev/pts/N}, found through /proc), and the kernel sends the shell SIGWINCH as it
 * would under sshd. Closing the channel hangs up: the process tree is ended.
 */
final class PtyShell extends LocalProcessCommand {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private final String command;

    /** @param command what an exec request with a pty asked to run (as sh -c runs it), or null for a shell request */
    PtyShell(String command, Map<String, String> env, Path workDir, Executor pipes, Consumer<Process> started) {
        super(env, workDir, pipes, started);
        this.command = command;
    }

    static boolean available() {
        return Files.isExecutable(SCRIPT);
    }

    @Override
    public void start(ChannelSession channel, Environment sshEnv) throws IOException {
        Map<String, String> requested = sshEnv.getEnv();
        int cols = number(requested.get(Environment.ENV_COLUMNS), 80);
        int rows = number(requested.get(Environment.ENV_LINES), 24);
        String term = requested.getOrDefault(Environment.ENV_TERM, "xterm-256color");
        if (!term.matches("[A-Za-z0-9._+-]{1,64}")) {
            term = "xterm";
        }
        String shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
        // the size is numbers only; a command is the client's own, run as sshd runs it (its shell's -c)
        String inner = "stty rows " + rows + " cols " + cols + " 2>/dev/null; "
                + (command == null ? "exec " + shell + " -i" : command);
        ProcessBuilder pb = new ProcessBuilder(List.of(SCRIPT.toString(), "-qfec", inner, "/dev/null"));
        Map<String, String> e = new HashMap<>(env);
        e.put("TERM", term);
        e.put("SHELL", shell);
        e.putIfAbsent("LANG", "C.UTF-8");
        e.put("PS1", "\\u@snapgpu-local:\\w\\$ ");
        pb.environment().clear();
        pb.environment().putAll(e);
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        running(p);
        sshEnv.addSignalListener((ch, signal) -> resize(number(sshEnv.getEnv().get(Environment.ENV_COLUMNS), cols),
                number(sshEnv.getEnv().get(Environment.ENV_LINES), rows)), Signal.WINCH);
        pipes.execute(() -> {
            copy(p.getInputStream(), out, false);
            try {
                exit.onExit(p.waitFor());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Sets the size of the shell's terminal; the kernel tells its foreground processes (SIGWINCH). */
    private void resize(int cols, int rows) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.toHandle().children().findFirst().ifPresent(child -> {
            try {
                Path tty = Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/fd/0"));
                if (!tty.toString().matches("/dev/pts/[0-9]+")) {
                    return;
                }
                new ProcessBuilder("stty", "-F", tty.toString(), "rows", Integer.toString(rows), "cols",
                        Integer.toString(cols)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor();
            } catch (IOException ex) {
                // the shell ended meanwhile
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static int number(String v, int dflt) {
        try {
            int n = v == null ? dflt : Integer.parseInt(v.strip());
            return n < 1 || n > 1000 ? dflt : n;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }
}
