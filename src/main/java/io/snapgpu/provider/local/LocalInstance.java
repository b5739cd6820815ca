package io.snapgpu.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A machine of the embedded marketplace: a sandbox directory on this computer, reached only over
 * its own SSH server as a rented machine is. {@code root/} in the sandbox is the machine's home (as
 * {@code /root} is on a rented machine); nothing creates the workspace in it: the bootstrap does, as
 * on any fresh machine. Its description is kept in the sandbox, so the marketplace still has it after
 * SnapGPU restarts, as a real provider would.
 */
final class LocalInstance {
    static final String META = "instance.properties";

    final String id;
    final String hostId;
    final String label;
    final BigDecimal pricePerHour;
    final long createdAtMillis;
    /** Long.MAX_VALUE: never becomes ready. */
    final long readyAtMillis;
    final Path root;
    final Set<ProcessHandle> processes = ConcurrentHashMap.newKeySet();
    /** The loopback port its SSH server listens on, kept so it stays the same across restarts (0: none yet). */
    volatile int sshPort;

    LocalInstance(String id, String hostId, String label, BigDecimal pricePerHour, long createdAtMillis,
            long readyAtMillis, Path root) {
        this.id = id;
        this.hostId = hostId;
        this.label = label;
        this.pricePerHour = pricePerHour;
        this.createdAtMillis = createdAtMillis;
        this.readyAtMillis = readyAtMillis;
        this.root = root;
    }

    /** The machine's home directory on this computer's disk. */
    Path home() {
        return root.resolve("root");
    }

    /** Where the SSH server keeps its host key and state: outside the machine's home. */
    Path sshState() {
        return root.resolve("ssh");
    }

    boolean running(long now) {
        return now >= readyAtMillis;
    }

    void save() throws IOException {
        Files.createDirectories(home());
        Files.createDirectories(sshState());
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("host", hostId);
        p.setProperty("label", label);
        p.setProperty("price", pricePerHour.toPlainString());
        p.setProperty("created", Long.toString(createdAtMillis));
        p.setProperty("ready", Long.toString(readyAtMillis));
        p.setProperty("sshPort", Integer.toString(sshPort));
        try (OutputStream out = Files.newOutputStream(root.resolve(META))) {
            p.store(out, "SnapGPU local marketplace instance");
        }
    }

    static LocalInstance load(Path root) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(META))) {
            p.load(in);
        }
        LocalInstance i = new LocalInstance(p.getProperty("id"), p.getProperty("host"), p.getProperty("label"),
                new BigDecimal(p.getProperty("price")), Long.parseLong(p.getProperty("created")),
                Long.parseLong(p.getProperty("ready")), root);
        i.sshPort = Integer.parseInt(p.getProperty("sshPort", "0"));
        return i;
    }
}
