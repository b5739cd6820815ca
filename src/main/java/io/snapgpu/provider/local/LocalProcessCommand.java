package io.snapgpu.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

/**
 * What an embedded machine's SSH requests have in common: a local process run for the channel, with
 * the channel's streams and exit callback, the environment and working directory it runs with, and the
 * pool that copies its streams. Subclasses start the process and decide what closing the channel does.
 */
abstract class LocalProcessCommand implements Command {
    protected final Map<String, String> env;
    protected final Path workDir;
    protected final Executor pipes;
    protected final Consumer<Process> started;
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    protected ExitCallback exit;
    protected volatile Process process;

    LocalProcessCommand(Map<String, String> env, Path workDir, Executor pipes, Consumer<Process> started) {
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

    /** The process has started: it is remembered, reported, and the channel's input copied to it. */
    protected void running(Process p) {
        process = p;
        started.accept(p);
        pipes.execute(() -> copy(in, p.getOutputStream(), true));
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
