package io.snapgpu.provider.local;

import io.snapgpu.config.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

/**
 * The embedded default: each local machine gets an Apache MINA SSH server of its own on a loopback
 * port, which runs every exec request as OpenSSH does for a user whose shell is /bin/sh
 * ({@code /bin/sh -c <command>}), as a process of this computer with the machine's home as HOME and
 * working directory. Its PATH reaches this computer's programs except restic (and any other hidden
 * program), so a machine starts without restic and gets its own from the bootstrap, like a rented one. Closing a channel only
 * closes the command's stdin, as sshd does for a command without a terminal. All servers share one
 * small set of threads. A shell request gets bash on a pseudo-terminal ({@link PtyShell}). Logins are
 * checked against the machine's {@code ~/.ssh/authorized_keys} at each attempt, as sshd does, so keys
 * the bootstrap installs later (a user's) count.
 */
final class EmbeddedSshServers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedSshServers.class);
    private static final List<String> SYSTEM_BIN = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path toolsDir;
    private final java.util.Set<String> hidden;
    private final CloseableExecutorService io = ThreadUtils.newCachedThreadPool("snapgpu-local-sshd");
    private final ScheduledExecutorService timers = ThreadUtils.newSingleThreadScheduledExecutor("snapgpu-local-sshd-timer");
    private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapgpu-local-machine-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Map<java.util.Set<String>, String> paths = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param toolsDir where the machines' PATH is laid out (once, as links)
     * @param hidden programs left out of it (restic always)
     */
    EmbeddedSshServers(Path toolsDir, Collection<String> hidden) {
        this.toolsDir = toolsDir;
        this.hidden = new java.util.HashSet<>(hidden);
        this.hidden.add("restic");
    }

    /** @param alsoHidden programs this machine lacks besides the marketplace's hidden ones */
    MachineSshServer start(LocalInstance machine, int preferredPort, Collection<String> alsoHidden) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(preferredPort);
        server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(io)));
        server.setScheduledExecutorService(timers, false);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(machine.sshState().resolve("host_key"));
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        Path authorized = machine.home().resolve(".ssh/authorized_keys");
        // read at every login, so keys added to the machine later count, as with sshd
        server.setPublickeyAuthenticator((user, key, session) -> "root".equals(user) && authorizedKeys(authorized)
                .stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        java.util.Set<String> lacking = new java.util.TreeSet<>(hidden);
        lacking.addAll(alsoHidden);
        Map<String, String> env = environment(machine, lacking);
        server.setCommandFactory((channel, command) -> channel.getEnvironment().getEnv()
                .containsKey(org.apache.sshd.server.Environment.ENV_TERM)
                        // the client asked for a terminal first (ssh -t, the browser terminal)
                        ? new PtyShell(command, env, machine.home(), pipes, p -> {
                            machine.processes.add(p.toHandle());
                            p.onExit().thenRun(() -> machine.processes.remove(p.toHandle()));
                        })
                        : new ShCommand(command, env, machine.home(), pipes, p -> {
                            machine.processes.add(p.toHandle());
                            p.onExit().thenRun(() -> machine.processes.remove(p.toHandle()));
                        }));
        // a shell request (an interactive login, the browser terminal): bash on a pty made by util-linux's script
        server.setShellFactory(channel -> new PtyShell(null, env, machine.home(), pipes, p -> {
            machine.processes.add(p.toHandle());
            p.onExit().thenRun(() -> machine.processes.remove(p.toHandle()));
        }));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        try {
            server.start();
        } catch (IOException e) {
            if (preferredPort == 0) {
                throw e;
            }
            // the machine's old port is taken (SnapGPU restarted meanwhile): a new one, as after a host reboot
            server.setPort(0);
            server.start();
        }
        return new MachineSshServer() {
            @Override
            public int port() {
                return server.getPort();
            }

            @Override
            public boolean alive() {
                return server.isStarted();
            }

            @Override
            public void close() {
                try {
                    server.stop(true);
                } catch (IOException e) {
                    LOG.debugf("stopping the SSH server of %s: %s", machine.id, e.getMessage());
                }
            }
        };
    }

    private static List<PublicKey> authorizedKeys(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Collection<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
            return entries.stream().map(e -> {
                try {
                    return e.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                } catch (IOException | java.security.GeneralSecurityException ex) {
                    return null;
                }
            }).filter(k -> k != null).map(PublicKey.class::cast).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Map<String, String> environment(LocalInstance machine, java.util.Set<String> lacking) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", machine.home().toAbsolutePath().toString());
        env.put("PATH", paths.computeIfAbsent(lacking, this::path));
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        return env;
    }

    /**
     * The machines' PATH: a folder of links to this computer's programs, the hidden ones left out.
     * Made once per set of hidden programs and shared by every process using this marketplace.
     */
    private synchronized String path(java.util.Set<String> lacking) {
        try {
            Path bin = toolsDir.resolve("bin-" + Integer.toHexString(lacking.toString().hashCode()));
            if (!Files.isDirectory(bin)) {
                Path fresh = Files.createDirectories(toolsDir).resolve(bin.getFileName() + ".new-"
                        + ProcessHandle.current().pid());
                Trees.delete(fresh);
                Files.createDirectories(fresh);
                link(fresh, lacking);
                try {
                    Files.move(fresh, bin, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Trees.delete(fresh); // another process made it meanwhile
                    if (!Files.isDirectory(bin)) {
                        throw e;
                    }
                }
            }
            return bin.toAbsolutePath().toString();
        } catch (IOException e) {
            LOG.warnf("Could not lay out the local machines' PATH without restic (%s); they get the system PATH",
                    e.getMessage());
            return String.join(":", SYSTEM_BIN);
        }
    }

    private static void link(Path into, java.util.Set<String> lacking) throws IOException {
        for (String dir : SYSTEM_BIN) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (var files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (!lacking.contains(name) && !name.startsWith("restic") && Files.isExecutable(f)
                            && !Files.exists(into.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(into.resolve(name), f);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
        timers.shutdownNow();
        pipes.shutdownNow();
    }
}
