package io.snapgpu.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real SSH server on 127.0.0.1 that accepts only the given key for user root and runs each exec
 * request as OpenSSH does for a user whose login shell is /bin/sh: {@code /bin/sh -c <the string
 * received>}, a local process. It records every command string it receives.
 *
 * <p>Like OpenSSH without a terminal, closing the channel only closes the command's stdin; nothing
 * is killed and {@code signal} requests are ignored. So when a cancelled command stops, it is our
 * own doing, which is what the tests need to show.
 */
final class TestSshServer implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    private final SshServer server;

    TestSshServer(PublicKey allowedKey) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider()); // in memory
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user) && KeyUtils.compareKeys(allowedKey, key));
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShCommand(command);
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** Drops every connection at once, like a machine that went away. */
    void stop() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code /bin/sh -c command} with its three streams bridged to the channel. */
    private static final class ShCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShCommand(String command) {
            this.command = command;
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
        public void start(ChannelSession channel, Environment env) throws IOException {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
            process = p;
            daemon("stdin", this::copyStdin);
            Thread stdout = daemon("stdout", () -> copy(p.getInputStream(), out));
            Thread stderr = daemon("stderr", () -> copy(p.getErrorStream(), err));
            daemon("exit", () -> {
                try {
                    int code = p.waitFor();
                    stdout.join();
                    stderr.join();
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
                    // already closed
                }
            }
        }

        private static void copy(InputStream from, OutputStream to) {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the channel closed
            }
        }

        private static Thread daemon(String name, Runnable r) {
            Thread t = new Thread(r, "test-sshd-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Channel data to the process as it comes; the channel's EOF closes the process's stdin. */
        private void copyStdin() {
            byte[] buf = new byte[1024];
            try (OutputStream toProcess = process.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    toProcess.write(buf, 0, n);
                    toProcess.flush();
                }
            } catch (IOException ignored) {
                // channel closed or process gone; the try closes stdin either way
            }
        }
    }
}
