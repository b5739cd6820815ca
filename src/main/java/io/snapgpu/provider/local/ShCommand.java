package io.snapgpu.provider.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An SSH exec request run as OpenSSH runs it for a user whose shell is /bin/sh:
 * {@code /bin/sh -c <the string received>}, a local process with its three streams bridged to the
 * channel. Like OpenSSH without a terminal, closing the channel only closes the command's stdin:
 * nothing is killed and no signal is sent, so a command stops only when it chooses to.
 */
public final class ShCommand extends LocalProcessCommand {
    private final String command;

    /**
     * @param env the whole environment of the command, or null for this process's own
     * @param workDir its working directory, or null for this process's
     * @param pipes runs the stream copies (four blocking tasks per command)
     */
    public ShCommand(String command, Map<String, String> env, Path workDir, Executor pipes, Consumer<Process> started) {
        super(env, workDir, pipes, started);
        this.command = command;
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
        running(p);
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
}
