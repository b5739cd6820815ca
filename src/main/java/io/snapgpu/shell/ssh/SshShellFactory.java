package io.snapgpu.shell.ssh;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Owns the application's one SSH client and makes {@link SshShell}s from it. The client is started
 * on first use and stopped at shutdown; plain tests call {@link #close()} themselves.
 */
@ApplicationScoped
public class SshShellFactory implements AutoCloseable {
    public static final String DEFAULT_USER = "root";
    public static final String DEFAULT_WORKSPACE_ROOT = "/workspace";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Keepalives find a dead connection (a machine gone, a NAT that dropped us) in about two minutes. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    static final int HEARTBEAT_NO_REPLY_MAX = 4;
    /**
     * SSH handshakes in flight at once, all shells together: fifteen machines probed at the same time
     * would otherwise compete for CPU until each misses its login deadline. More wait their turn.
     */
    public static final int MAX_CONCURRENT_LOGINS = 8;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * curve25519 first: MINA's default prefers the post-quantum hybrids (sntrup761, ML-KEM), computed
     * in Java; measured here on a loaded 2-core machine, a connection and login took 480-1900 ms with
     * them against 120-130 ms with curve25519-sha256, and a race logs into many machines at once.
     * Every OpenSSH since 7.4 offers curve25519; the rest are for older servers.
     */
    static final List<org.apache.sshd.common.kex.KeyExchangeFactory> KEY_EXCHANGES = org.apache.sshd.common.NamedFactory
            .setUpTransformedFactories(false, List.of(BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh,
                    BuiltinDHFactories.ecdhp256, BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp521,
                    BuiltinDHFactories.dhg16_512, BuiltinDHFactories.dhg14_256), ClientBuilder.DH2KEX);

    private SshClient client;
    private ExecutorService blocking;
    private boolean closed;
    private final Semaphore logins;
    private final boolean dispatcher;

    public SshShellFactory() {
        this(MAX_CONCURRENT_LOGINS, true);
    }

    /**
     * @param maxConcurrentLogins SSH handshakes in flight at once for every shell of this factory
     * @param dispatcher false gives every command its own channel (and login shell), as before the
     *        dispatcher: for benchmarks and for showing what the dispatcher saves
     */
    public SshShellFactory(int maxConcurrentLogins, boolean dispatcher) {
        this.logins = new Semaphore(maxConcurrentLogins, true);
        this.dispatcher = dispatcher;
    }

    public SshShell create(String host, int port, KeyPair keyPair) {
        return create(host, port, DEFAULT_USER, keyPair, DEFAULT_WORKSPACE_ROOT, DEFAULT_CONNECT_TIMEOUT);
    }

    public SshShell create(String host, int port, String user, KeyPair keyPair, String workspaceRoot,
            Duration connectTimeout) {
        return create(host, port, user, keyPair, workspaceRoot, connectTimeout, null);
    }

    /**
     * @param knownHostKey the machine's host key recorded earlier ({@link SshShell#hostKey()}), or
     *        null to accept the key it presents first (kept in this shell only)
     */
    public SshShell create(String host, int port, String user, KeyPair keyPair, String workspaceRoot,
            Duration connectTimeout, PublicKey knownHostKey) {
        return create(host, port, user, keyPair, workspaceRoot, connectTimeout, knownHostKey, HostKeyRecorder.IN_MEMORY);
    }

    /**
     * @param knownHostKey the machine's recorded host key, or null when none is recorded yet
     * @param recorder where the first key of a shell without {@code knownHostKey} is recorded before use
     */
    public SshShell create(String host, int port, String user, KeyPair keyPair, String workspaceRoot,
            Duration connectTimeout, PublicKey knownHostKey, HostKeyRecorder recorder) {
        SshTarget target = new SshTarget(host, port, user == null ? DEFAULT_USER : user);
        String root = workspaceRoot == null ? DEFAULT_WORKSPACE_ROOT : workspaceRoot;
        Duration timeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        synchronized (this) {
            ensureStarted();
            return new SshShell(client, blocking, logins, target, keyPair, root, timeout,
                    new HostKeyPolicy(target.toString(), knownHostKey, recorder), dispatcher);
        }
    }

    private void ensureStarted() {
        if (closed) {
            throw new IllegalStateException("the SSH client is stopped");
        }
        if (client != null) {
            return;
        }
        SshClient c = SshClient.setUpDefaultClient();
        // nothing from the server's own ~/.ssh: no config file rewriting hosts, no stray identities
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        c.setKeyExchangeFactories(KEY_EXCHANGES);
        c.setServerKeyVerifier((session, address, key) -> {
            HostKeyPolicy policy = session.getConnectionContext() == null ? null
                    : session.getConnectionContext().getAttribute(SshConnector.HOST_KEYS);
            return policy != null && policy.accept(key);
        });
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, HEARTBEAT_INTERVAL);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, HEARTBEAT_NO_REPLY_MAX);
        c.start();
        blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "snapgpu-ssh-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        client = c;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.stop();
            blocking.shutdownNow();
        }
    }
}
