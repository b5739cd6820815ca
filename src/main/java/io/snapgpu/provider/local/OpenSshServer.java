package io.snapgpu.provider.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian OpenSSH sshd on 127.0.0.1 that plays one rented machine: it runs in its own mount
 * namespace where {@code /root} is {@link Options#home()} (so root's .bashrc and ~/.snapgpu are that
 * machine's) and every program named in {@link Options#hiddenPrograms()} is covered by /dev/null
 * (so that machine has no restic, curl...). Needs root, /usr/sbin/sshd and a working
 * {@code unshare -m}; {@link #unavailable()} says why not.
 */
public final class OpenSshServer implements MachineSshServer {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_WITHIN = Duration.ofSeconds(15);
    private static final List<String> BIN_DIRS = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    /**
     * Runs inside the new mount namespace. Every path arrives as a positional parameter, never in the
     * script's text: $1 home, $2 sshd_config, $3 the folder to show as /workspace (or empty), then the
     * hidden programs' paths.
     */
    private static final String NAMESPACE_SCRIPT = """
            set -e
            home=$1; config=$2; workspace=$3; shift 3
            mount --bind "$home" /root
            if [ -n "$workspace" ]; then mkdir -p /workspace; mount --bind "$workspace" /workspace; fi
            for p in "$@"; do
              if [ -e "$p" ]; then mount --bind /dev/null "$p"; fi
            done
            exec /usr/sbin/sshd -D -e -f "$config"
            """;

    /**
     * @param port 0 picks a free port
     * @param workspace a folder the machine sees as {@code /workspace} (as on vast.ai and RunPod images), or null
     */
    public record Options(Path home, Path stateDir, int port, List<String> authorizedKeys, Set<String> hiddenPrograms,
            Path workspace) {
        public Options(Path home, Path stateDir, int port, List<String> authorizedKeys, Set<String> hiddenPrograms) {
            this(home, stateDir, port, authorizedKeys, hiddenPrograms, null);
        }

        public Options {
            authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
            hiddenPrograms = hiddenPrograms == null ? Set.of() : Set.copyOf(hiddenPrograms);
            for (String p : hiddenPrograms) {
                if (p.isEmpty() || p.contains("/") || p.equals(".") || p.equals("..")) {
                    throw new IllegalArgumentException("a hidden program is a plain name, not `" + p + "`");
                }
            }
            for (String k : authorizedKeys) {
                if (k.contains("\n")) {
                    throw new IllegalArgumentException("an authorized key is one line");
                }
            }
        }
    }

    private static volatile Optional<String> unavailable;

    private final Process process;
    private final int port;
    private final String hostKeyLine;

    private OpenSshServer(Process process, int port, String hostKeyLine) {
        this.process = process;
        this.port = port;
        this.hostKeyLine = hostKeyLine;
    }

    /** Why no sshd can be started here, or empty when it can. Checked once per JVM. */
    public static Optional<String> unavailable() {
        Optional<String> u = unavailable;
        if (u == null) {
            u = check();
            unavailable = u;
        }
        return u;
    }

    private static Optional<String> check() {
        if (!Files.isExecutable(SSHD)) {
            return Optional.of(SSHD + " is missing (install openssh-server)");
        }
        try {
            String uid = run(List.of("id", "-u")).strip();
            if (!"0".equals(uid)) {
                return Optional.of("not root (uid " + uid + "): sshd and mount namespaces need root");
            }
            run(List.of("unshare", "-m", "--propagation", "private", "true"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    public static OpenSshServer start(Options o) throws IOException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new IOException("cannot start OpenSSH: " + why.get());
        }
        Path state = Files.createDirectories(o.stateDir());
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        Path hostKey = state.resolve("ssh_host_ed25519_key");
        if (!Files.exists(hostKey)) { // kept: a restarted machine presents the same key
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "snapgpu-local", "-f", hostKey.toString()));
        }
        Path authorized = state.resolve("authorized_keys");
        Files.writeString(authorized, o.authorizedKeys().isEmpty() ? "" : String.join("\n", o.authorizedKeys()) + "\n");
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        int port = o.port() == 0 ? freePort() : o.port();
        Path config = state.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                // the keys the machine was created with, and ~/.ssh/authorized_keys (relative: the home), where
                // the bootstrap installs the users' keys, as on a rented machine
                "AuthorizedKeysFile " + authorized + " .ssh/authorized_keys",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PidFile " + state.resolve("sshd.pid"),
                "Subsystem sftp internal-sftp",
                "MaxStartups 100:30:200", // tests log in to one machine many times at once
                "MaxSessions 50",
                "LogLevel ERROR",
                ""));
        List<String> argv = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private",
                "sh", "-c", NAMESPACE_SCRIPT, "openssh-server", o.home().toAbsolutePath().toString(), config.toString(),
                o.workspace() == null ? "" : o.workspace().toAbsolutePath().toString()));
        for (String program : o.hiddenPrograms()) {
            for (String dir : BIN_DIRS) {
                argv.add(dir + "/" + program);
            }
        }
        Path log = state.resolve("sshd.log");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        OpenSshServer server = new OpenSshServer(p, port, hostKeyLine(hostKey));
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (!accepts(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("sshd on port " + port + (p.isAlive() ? " did not accept connections within "
                        + START_WITHIN.toSeconds() + " s" : " exited with " + p.exitValue()) + ": " + tail(log));
            }
            sleep(50);
        }
        return server;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The public host key line it serves: {@code ssh-ed25519 AAAA...}, without comment. */
    public String hostKeyLine() {
        return hostKeyLine;
    }

    /** Kills sshd, its sessions and what they started that is still its descendant. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList(); // before the parent dies and they are orphaned
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "OpenSshServer[127.0.0.1:" + port + (alive() ? "" : ", stopped") + "]";
    }

    private static String hostKeyLine(Path hostKey) throws IOException {
        String[] parts = Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(sshd printed nothing)" : text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs a short helper and returns its output; a non-zero exit is an IOException saying why. */
    private static String run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + p.exitValue() + "): " + out.strip());
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
