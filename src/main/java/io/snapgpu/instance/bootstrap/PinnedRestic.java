package io.snapgpu.instance.bootstrap;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.restic.ResticVersion;
import io.snapgpu.shell.Commands;
import io.snapgpu.shell.CommandRunner;
import io.snapgpu.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The one restic every machine runs: a binary file on the control plane, its SHA-256 and version,
 * put in the bucket once under its hash ({@code tools/restic/<sha256>}) so machines download it
 * from there. Worked out on first need and kept.
 */
@ApplicationScoped
public class PinnedRestic {
    /** What machines get, and where it is in the bucket. */
    public record Binary(Path file, String sha256, ResticVersion version, String bucketKey) {
    }

    private final BootstrapConfig config;
    private final String controlPlaneRestic;
    private final ObjectStore store;
    private volatile Uni<Binary> binary;

    public PinnedRestic(BootstrapConfig config, SnapgpuConfig snapgpu, ObjectStore store) {
        this.config = config;
        this.controlPlaneRestic = snapgpu.restic().binary();
        this.store = store;
    }

    /** The binary, hashed, its version asked and uploaded to the bucket; a failure is retried at the next call. */
    public Uni<Binary> get() {
        Uni<Binary> known = binary;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (binary == null) {
                binary = Uni.createFrom().item(this::prepare).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(b -> Commands.output(CommandRunner.LOCAL, List.of(b.file().toString(), "version"))
                                .map(out -> withVersion(b, out)))
                        .invoke(b -> store.putFileIfAbsent(b.bucketKey(), b.file()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onFailure().invoke(e -> binary = null)
                        .memoize().indefinitely();
            }
            return binary;
        }
    }

    private Binary prepare() {
        Path file = resolve(config.resticBinary().orElse(controlPlaneRestic));
        String sha = sha256(file);
        config.resticSha256().map(s -> s.strip().toLowerCase(Locale.ROOT)).ifPresent(pinned -> {
            if (!pinned.equals(sha)) {
                throw new IllegalStateException("the restic for machines (SNAPGPU_MACHINES_RESTIC_BINARY) has SHA-256 "
                        + sha + ", not the pinned " + pinned + " (SNAPGPU_MACHINES_RESTIC_SHA256)");
            }
        });
        return new Binary(file, sha, null, "tools/restic/" + sha);
    }

    private static Binary withVersion(Binary b, List<String> out) {
        ResticVersion v = ResticVersion.parse(out.isEmpty() ? "" : out.get(0)).orElseThrow(() -> new IllegalStateException(
                "the restic for machines does not answer `restic version` as restic does"));
        return new Binary(b.file(), b.sha256(), v, b.bucketKey());
    }

    /** A name on PATH or a path, to the real file (links followed). */
    static Path resolve(String name) {
        Path direct = Path.of(name);
        if (name.contains("/")) {
            return real(direct);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return real(candidate);
            }
        }
        throw new IllegalStateException("no restic for machines: '" + name + "' is not on PATH; set"
                + " SNAPGPU_MACHINES_RESTIC_BINARY to a Linux x86-64 restic binary");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("no restic for machines at " + p.getFileName()
                    + " (SNAPGPU_MACHINES_RESTIC_BINARY): " + e.getClass().getSimpleName());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the restic for machines: " + e.getMessage(), e);
        }
    }

    /** A download link for machines, valid for the configured time. */
    public Uni<String> downloadLink(Binary b) {
        return store.offEventLoop(() -> store.presignedGet(b.bucketKey(), config.downloadLinkTtl()).toString());
    }
}
