package io.snapgpu.shell.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
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
    private static final java.util.concurrent.ExecutorService PIPES = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-sshd-io");
        t.setDaemon(true);
        return t;
    });

    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    private final SshServer server;

    TestSshServer(PublicKey allowedKey) throws IOException {
        this(allowedKey, null);
    }

    /** @param env the whole environment its commands start with (an image's own variables), null for this process's */
    TestSshServer(PublicKey allowedKey, java.util.Map<String, String> env) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider()); // in memory
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user) && KeyUtils.compareKeys(allowedKey, key));
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new io.snapgpu.provider.local.ShCommand(command, env, null, PIPES, p -> { });
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
}
