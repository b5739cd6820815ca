package io.snapgpu.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH exec request run as OpenSSH runs it for a user whose shell is /bin/sh:
 * {@code /bin/sh -c <the string received>}, a local process with its three streams bridged to the
 * channel. Like OpenSSH without a terminal, closing the channel only closes the command's stdin:
 * nothing is killed and no signal is sent, so a command stops only when it chooses to.
 */
public final class ShCommand implements Command {
    private final String command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Executor pipes;
    private final Consumer<Process> started;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /**
     * @param env the whole environment of the command, or null for this process's own
     * @param workDir its working directory, or null for this process's
     * @param pipes runs the stream copies (four blocking tasks per command)
     */
    public ShCommand(String command, Map<String, String> env, Path workDir, Executor pipes, Consumer<Process> started) {
        this.command = command;
        this.env = env;
        this.workDir = workDir;
        this.pipes = pipes;
        this.started = started;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment sshEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        process = p;
        started.accept(p);
        pipes.execute(() -> copy(in, p.getOutputStream(), true));
        CountDownLatch streams = new CountDownLatch(2);
        pipes.execute(() -> {
            copy(p.getInputStream(), out, false);
            streams.countDown();
        });
        pipes.execute(() -> {
            copy(p.getErrorStream(), err, false);
            streams.countDown();
        });
        pipes.execute(() -> {
            try {
                int code = p.waitFor();
                streams.await();
                exit.onExit(code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            try {
                p.getOutputStream().close(); // what sshd does: the command sees EOF, nothing more
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Copies until EOF (or until either side goes away), flushing each piece; closes {@code to} after if asked. */
    static void copy(InputStream from, OutputStream to, boolean closeAfter) {
        byte[] buf = new byte[16384];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the channel or the process went away
        } finally {
            if (closeAfter) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        }
    }
}
