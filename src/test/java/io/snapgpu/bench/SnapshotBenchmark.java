package io.snapgpu.bench;

import io.snapgpu.support.AppProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * SnapGPU's snapshot against plain `restic backup` by hand, on the same >= 2 GB workspace in one
 * run: first snapshot, unchanged incremental, incremental with 1 % changed. SnapGPU's time is from
 * the API call to the snapshot reported SUCCEEDED (polled every 50 ms); plain restic's is the
 * process's wall time. Each pair runs back to back, order alternating, page cache warmed first.
 *
 *   ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=io.snapgpu.bench.SnapshotBenchmark [-Dbench.gb=2]
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double gb = Double.parseDouble(System.getProperty("bench.gb", "2"));
        Path root = Path.of("target/bench/snapshot-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        try (AppProcess app = BenchSupport.startApp(dataDir, Map.of())) {
            String[] instance = BenchSupport.readyInstance(app, dataDir);
            Path ws = Path.of(instance[1]);
            long t0 = System.nanoTime();
            long bytes = generate(ws, (long) (gb * 1e9), new Random(1));
            System.out.printf("workspace: %.2f GB in %d files, generated in %.1f s%n", bytes / 1e9, countFiles(ws),
                    BenchSupport.seconds(System.nanoTime() - t0));
            BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + instance[0]
                    + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"include_paths\":[\"/\"],\"exclude_paths\":[]}");

            Properties s3 = BenchSupport.s3Credentials(dataDir);
            Map<String, String> env = Map.of("RESTIC_REPOSITORY", "s3:" + BenchSupport.s3Endpoint(app) + "/snapgpu/bench/plain-"
                    + UUID.randomUUID(), "RESTIC_PASSWORD", "bench-password", "AWS_ACCESS_KEY_ID",
                    s3.getProperty("access-key-id"), "AWS_SECRET_ACCESS_KEY", s3.getProperty("secret-access-key"));
            run(List.of("restic", "init"), env, ws);
            warm(ws);

            List<String[]> rows = new ArrayList<>();
            rows.add(pair("first snapshot", app, instance[0], env, ws, false));
            rows.add(pair("unchanged incremental", app, instance[0], env, ws, true));
            long changed = changeOnePercent(ws, bytes, new Random(2));
            warm(ws);
            rows.add(pair(String.format("1%% changed (%.0f MB)", changed / 1e6), app, instance[0], env, ws, false));

            System.out.println();
            System.out.printf("%-28s %12s %12s %10s%n", "phase", "restic (s)", "SnapGPU (s)", "ratio");
            for (String[] r : rows) {
                System.out.printf("%-28s %12s %12s %10s%n", (Object[]) r);
            }
            System.out.println("ratio = SnapGPU / plain restic on the same data (goal: <= 1.05; unchanged incremental a few seconds)");
        }
    }

    private static String[] pair(String phase, AppProcess app, String instanceId, Map<String, String> env, Path ws,
            boolean snapgpuFirst) throws Exception {
        double plain;
        double ours;
        if (snapgpuFirst) {
            ours = snapgpu(app, instanceId);
            plain = plain(env, ws);
        } else {
            plain = plain(env, ws);
            ours = snapgpu(app, instanceId);
        }
        return new String[] { phase, String.format("%.2f", plain), String.format("%.2f", ours),
                String.format("%.3f", ours / plain) };
    }

    private static double snapgpu(AppProcess app, String instanceId) throws Exception {
        long t = System.nanoTime();
        String id = BenchSupport.field(BenchSupport.post(app, "/api/v1/snapshots",
                "{\"instance_id\":\"" + instanceId + "\",\"description\":\"bench\"}"), "id");
        String body = BenchSupport.awaitField(app, "/api/v1/snapshots/" + id, "status", List.of("SUCCEEDED", "FAILED"),
                Duration.ofMinutes(30), Duration.ofMillis(50));
        double s = BenchSupport.seconds(System.nanoTime() - t);
        if (!body.contains("SUCCEEDED")) {
            throw new IllegalStateException(body);
        }
        return s;
    }

    private static double plain(Map<String, String> env, Path ws) throws Exception {
        long t = System.nanoTime();
        run(List.of("restic", "backup", "--json", "--host", "bench-plain", "--", "."), env, ws);
        return BenchSupport.seconds(System.nanoTime() - t);
    }

    private static void run(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("RESTIC_PROGRESS_FPS", "1");
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException(cmd + " exited " + code);
        }
    }

    /** 60 % in a few large files, 40 % in 20,000 small ones (4-60 KB), incompressible. */
    static long generate(Path ws, long total, Random r) throws IOException {
        long written = 0;
        byte[] buf = new byte[1 << 20];
        long large = total * 6 / 10;
        int files = 6;
        for (int i = 0; i < files; i++) {
            Path f = ws.resolve("checkpoints/model-" + i + ".bin");
            Files.createDirectories(f.getParent());
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long n = 0; n < large / files; n += buf.length) {
                    r.nextBytes(buf);
                    out.write(buf);
                    written += buf.length;
                }
            }
        }
        long small = total - written;
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            Path f = ws.resolve("data/shard-" + (i % 100) + "/item-" + i + ".bin");
            Files.createDirectories(f.getParent());
            byte[] b = new byte[(int) Math.max(4096, Math.min(small / count * 2, 4096 + r.nextInt((int) Math.max(1, small / count * 2 - 4096))))];
            r.nextBytes(b);
            Files.write(f, b);
            written += b.length;
        }
        return written;
    }

    /** Rewrites 1 % of the bytes: part of one checkpoint and a few hundred small files. */
    static long changeOnePercent(Path ws, long total, Random r) throws IOException {
        long target = total / 100;
        long changed = 0;
        byte[] buf = new byte[1 << 20];
        try (var ch = Files.newByteChannel(ws.resolve("checkpoints/model-0.bin"), StandardOpenOption.WRITE)) {
            while (changed < target / 2) {
                r.nextBytes(buf);
                ch.write(java.nio.ByteBuffer.wrap(buf));
                changed += buf.length;
            }
        }
        for (int i = 0; changed < target; i += 37) {
            Path f = ws.resolve("data/shard-" + (i % 100) + "/item-" + (i % 20_000) + ".bin");
            byte[] b = new byte[(int) Files.size(f)];
            r.nextBytes(b);
            Files.write(f, b);
            changed += b.length;
        }
        return changed;
    }

    private static void warm(Path ws) throws IOException {
        try (Stream<Path> s = Files.walk(ws)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.readAllBytes(p);
            }
        }
    }

    private static long countFiles(Path ws) throws IOException {
        try (Stream<Path> s = Files.walk(ws)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
