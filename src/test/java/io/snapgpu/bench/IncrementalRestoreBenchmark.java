package io.snapgpu.bench;

import io.snapgpu.embedded.EmbeddedS3Server;
import io.snapgpu.support.AppProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Restores onto a machine that already holds most of the snapshot (restic 0.17+: --overwrite if-changed
 * --delete), over the R2-like link (+30 ms per request, 25 MB/s per connection), in one run: a full
 * restore onto an empty machine; the same snapshot again onto that machine after 1 % of its workspace
 * changed; and a restore onto another empty machine whose bulk restic is killed once half of the full
 * restore's bytes crossed the link, then resumed by SnapGPU's retry. Bytes are counted on the link; at the kill
 * the restic is first stopped (SIGSTOP) and its target compared with the source workspace, so the bytes still
 * missing are known on disk too: what crossed the link before the kill but never landed (restic's read-ahead and
 * the sockets' buffers, per connection) is missing again.
 *
 *   ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=io.snapgpu.bench.IncrementalRestoreBenchmark [-Dbench.gb=2] [-Dbench.restic=PATH]
 *
 * {@code bench.restic} defaults to the current restic that src/test/tools/fetch-current-restic.sh fetches.
 */
public final class IncrementalRestoreBenchmark {
    /** The connections option on the killed restic's command line (restic's own default is 5). */
    private static final Pattern CONNECTIONS = Pattern.compile("s3\\.connections=(\\d+)");

    private IncrementalRestoreBenchmark() {
    }

    public static void main(String[] args) {
        if (System.getProperty("bench.restic") == null) {
            System.setProperty("bench.restic", System.getProperty("user.home") + "/.cache/snapgpu/restic-current/restic");
        }
        BenchSupport.runThenExit(IncrementalRestoreBenchmark::run);
    }

    private static void run() throws Exception {
        double gb = Double.parseDouble(System.getProperty("bench.gb", "2"));
        Path root = Path.of("target/bench/incremental-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(root.resolve("s3"), 0);
        int s3Port = URI.create(s3.url()).getPort();
        try (ThrottleProxy link = new ThrottleProxy(s3Port, 30, 25L * 1024 * 1024);
                AppProcess app = BenchSupport.startApp(dataDir, RestoreBenchmark.appEnv(link.port(), s3))) {
            String[] source = BenchSupport.readyInstance(app, dataDir);
            long bytes = RestoreBenchmark.generate(Path.of(source[1]), (long) (gb * 1e9), new Random(3));
            System.out.printf("workspace: %.2f GB; restic %s%n", bytes / 1e9, RestoreBenchmark.RESTIC);
            BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + source[0]
                    + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"exclude_paths\":[]}");
            String snap = BenchSupport.field(BenchSupport.post(app, "/api/v1/snapshots", "{\"instance_id\":\""
                    + source[0] + "\"}"), "id");
            BenchSupport.awaitField(app, "/api/v1/snapshots/" + snap, "status", List.of("SUCCEEDED", "FAILED"),
                    Duration.ofMinutes(20), Duration.ofMillis(200));
            link.throttled = true;

            String[] target = BenchSupport.readyInstance(app, dataDir);
            long before = link.downloaded.get();
            double[] full = RestoreBenchmark.snapgpuRestore(app, snap, target[0]);
            long fullBytes = link.downloaded.get() - before;

            long changed = SnapshotBenchmark.changeOnePercent(Path.of(target[1]), bytes, new Random(11));
            before = link.downloaded.get();
            double[] incremental = RestoreBenchmark.snapgpuRestore(app, snap, target[0]);
            long incrementalBytes = link.downloaded.get() - before;

            String[] other = BenchSupport.readyInstance(app, dataDir);
            long start = link.downloaded.get();
            AtomicLong killedAt = new AtomicLong(-1);
            AtomicLong landed = new AtomicLong(-1);
            AtomicLong connections = new AtomicLong(5);
            Thread killer = new Thread(() -> killHalfWay(link, start, fullBytes / 2, root.toString(), Path.of(source[1]),
                    Path.of(other[1]), killedAt, landed, connections));
            killer.setDaemon(true);
            killer.start();
            double[] resumed = RestoreBenchmark.snapgpuRestore(app, snap, other[0]);
            long end = link.downloaded.get();
            if (killedAt.get() < 0) {
                throw new IllegalStateException("the restore ended before half of it was downloaded: no kill");
            }
            long resumeBytes = end - killedAt.get();
            long missing = fullBytes - (killedAt.get() - start);
            long missingOnDisk = bytes - landed.get();

            System.out.println();
            System.out.printf("%-52s %10s %10s %12s%n", "R2-like link (+30 ms, 25 MB/s per connection)", "time",
                    "restore", "downloaded");
            System.out.printf("%-52s %8.1f s %8.1f s %9.0f MB%n", "full restore onto an empty machine", full[0], full[2],
                    fullBytes / 1e6);
            System.out.printf("%-52s %8.1f s %8.1f s %9.0f MB%n", String.format("onto it again after %.0f MB (1 %%)"
                    + " changed", changed / 1e6), incremental[0], incremental[2], incrementalBytes / 1e6);
            System.out.printf("%-52s %10s %10s %9.0f MB%n", "interrupted at half, the resumed run", "", "",
                    resumeBytes / 1e6);
            System.out.printf("%nincremental / full: x%.3f of the time from the API call (with the safety snapshot of the"
                    + " changed workspace), x%.3f of the restore itself (first restic run to DONE), x%.3f of the bytes"
                    + " (goal <= 0.15 of the time)%n", incremental[0] / full[0], incremental[2] / full[2],
                    (double) incrementalBytes / fullBytes);
            System.out.printf("resume: moved %.0f MB where %.0f MB were still missing (the full restore's bytes less"
                    + " those downloaded before the kill): x%.2f (goal <= 1.1)%n", resumeBytes / 1e6, missing / 1e6,
                    (double) resumeBytes / missing);
            System.out.printf("resume: moved %.0f MB where %.0f MB were missing on disk (the workspace less what had"
                    + " landed in the target when the restic was stopped and killed, %.0f MB; %.0f MB crossed the link"
                    + " but never landed, %.1f MB per connection): x%.2f (goal <= 1.1)%n", resumeBytes / 1e6,
                    missingOnDisk / 1e6, landed.get() / 1e6, (killedAt.get() - start - landed.get()) / 1e6,
                    (killedAt.get() - start - landed.get()) / 1e6 / connections.get(),
                    (double) resumeBytes / missingOnDisk);
        }
        if (!Boolean.getBoolean("bench.keep")) {
            RestoreBenchmark.deleteTree(root);
        }
        System.exit(0);
    }

    /**
     * Kills the machine's bulk restic (the run with --delete) once {@code half} bytes crossed the link: stops it
     * first, counts what has landed in {@code target} (against {@code source}), then kills it (SnapGPU's retry
     * resumes); {@code connections} gets the connections it ran with.
     */
    private static void killHalfWay(ThrottleProxy link, long start, long half, String runFolder, Path source, Path target,
            AtomicLong killedAt, AtomicLong landed, AtomicLong connections) {
        try {
            while (killedAt.get() < 0) {
                if (link.downloaded.get() - start >= half) {
                    // the machine's restic: its binary and target both lie under this run's folder
                    Optional<ProcessHandle> restic = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                            .map(c -> c.contains("restore") && c.contains("--delete") && c.contains(runFolder))
                            .orElse(false)).findFirst();
                    if (restic.isPresent()) {
                        ProcessHandle p = restic.get();
                        Matcher m = CONNECTIONS.matcher(p.info().commandLine().orElse(""));
                        if (m.find()) {
                            connections.set(Long.parseLong(m.group(1)));
                        }
                        if (new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor() != 0) {
                            throw new IllegalStateException("could not stop the machine's restic " + p.pid());
                        }
                        landed.set(landedBytes(source, target));
                        killedAt.set(link.downloaded.get());
                        p.destroyForcibly();
                        System.out.printf("  stopped and killed the bulk restic after %.0f MB on the link, %.0f MB"
                                + " landed%n", (killedAt.get() - start) / 1e6, landed.get() / 1e6);
                    }
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of {@code source}'s files that {@code target} holds at the same offsets, in 64 KiB blocks. */
    private static long landedBytes(Path source, Path target) throws IOException {
        long landed = 0;
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[a.length];
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path t = target.resolve(source.relativize(f).toString());
                if (!Files.isRegularFile(t)) {
                    continue;
                }
                try (InputStream x = Files.newInputStream(f); InputStream y = Files.newInputStream(t)) {
                    int n;
                    while ((n = x.readNBytes(a, 0, a.length)) > 0) {
                        if (y.readNBytes(b, 0, n) == n && Arrays.equals(a, 0, n, b, 0, n)) {
                            landed += n;
                        }
                    }
                }
            }
        }
        return landed;
    }
}
