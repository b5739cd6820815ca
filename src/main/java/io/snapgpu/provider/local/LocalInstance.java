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
 * A machine of the embedded marketplace: a sandbox directory that is its filesystem root. Its
 * description is kept in the sandbox, so the marketplace still has it after SnapGPU restarts, as a
 * real provider would.
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

    Path workspace() {
        return root.resolve("workspace");
    }

    boolean running(long now) {
        return now >= readyAtMillis;
    }

    void save() throws IOException {
        Files.createDirectories(workspace());
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("host", hostId);
        p.setProperty("label", label);
        p.setProperty("price", pricePerHour.toPlainString());
        p.setProperty("created", Long.toString(createdAtMillis));
        p.setProperty("ready", Long.toString(readyAtMillis));
        try (OutputStream out = Files.newOutputStream(root.resolve(META))) {
            p.store(out, "SnapGPU local marketplace instance");
        }
    }

    static LocalInstance load(Path root) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(META))) {
            p.load(in);
        }
        return new LocalInstance(p.getProperty("id"), p.getProperty("host"), p.getProperty("label"),
                new BigDecimal(p.getProperty("price")), Long.parseLong(p.getProperty("created")),
                Long.parseLong(p.getProperty("ready")), root);
    }
}
