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
 * SnapGPU's snapshot against plain `restic backup` by hand (on a repository as `restic init` makes
 * it, and on one re-keyed with SnapGPU's light key parameters), on the same >= 2 GB workspace in one
 * run: first snapshot, unchanged incremental, incremental with 1 % changed. SnapGPU's time is from
 * the API call to the last event of its progress subscription (pushed: polling every 50 ms cost the
 * app's CPU ~8 % of a first snapshot's time on 2 cores); plain restic's is the process's wall time.
 * The three run back to back, their order rotating, page cache warmed first, dirty pages written back
 * ({@code sync}) before each timed run.
 *
 *   ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=io.snapgpu.bench.SnapshotBenchmark [-Dbench.gb=2] [-Dbench.first-rounds=3] [-Dbench.rounds=5]
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double gb = Double.parseDouble(System.getProperty("bench.gb", "2"));
        Path root = Path.of("target/bench/snapshot-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        int rounds = Integer.getInteger("bench.rounds", 5);
        int firstRounds = Integer.getInteger("bench.first-rounds", 3);
        try (AppProcess app = BenchSupport.startApp(dataDir, Map.of())) {
            Properties s3 = BenchSupport.s3Credentials(dataDir);
            // one plain repository, one host per workspace: as SnapGPU's one repository per tenant. Plain
            // restic twice: its repository as `restic init` makes it (scrypt calibrated to ~0.5 s per
            // command) and one re-wrapped with SnapGPU's light key parameters, to tell the key's part of
            // the difference from the rest of what SnapGPU does.
            String plainPrefix = "bench/plain-" + UUID.randomUUID();
            String lightPrefix = "bench/plain-light-" + UUID.randomUUID();
            Map<String, String> env = plainEnv(app, s3, plainPrefix);
            Map<String, String> light = plainEnv(app, s3, lightPrefix);
            run(List.of("restic", "init"), env, dataDir);
            run(List.of("restic", "init"), light, dataDir);
            BenchSupport.lightenKeys(app, s3, lightPrefix, "bench-password");
            Env plain = new Env(env, light);

            // first snapshots: each round a new machine with new random data (new to both repositories)
            List<double[]> firsts = new ArrayList<>();
            String[] instance = null;
            long bytes = 0;
            for (int i = 0; i < firstRounds; i++) {
                if (instance != null) {
                    deleteTree(Path.of(instance[1])); // only the last workspace is kept, for the incrementals
                }
                instance = BenchSupport.readyInstance(app, dataDir);
                Path ws = Path.of(instance[1]);
                long t0 = System.nanoTime();
                bytes = generate(ws, (long) (gb * 1e9), new Random(1 + 1000L * i));
                System.out.printf("workspace %d: %.2f GB in %d files, generated in %.1f s%n", i + 1, bytes / 1e9,
                        countFiles(ws), BenchSupport.seconds(System.nanoTime() - t0));
                BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + instance[0]
                        + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"include_paths\":[\"/\"],\"exclude_paths\":[]}");
                warm(ws);
                firsts.add(pair(app, instance[0], plain, ws, i));
            }
            Path ws = Path.of(instance[1]);
            List<String[]> rows = new ArrayList<>();
            rows.add(row(String.format("first snapshot, %.1f GB (%d)", bytes / 1e9, firstRounds), firsts));
            List<double[]> unchanged = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                unchanged.add(pair(app, instance[0], plain, ws, i + 1));
            }
            rows.add(row("unchanged incremental (" + rounds + ")", unchanged));
            List<double[]> changedRuns = new ArrayList<>();
            long changed = 0;
            for (int i = 0; i < rounds; i++) {
                changed = changeOnePercent(ws, bytes, new Random(2 + i));
                warm(ws);
                changedRuns.add(pair(app, instance[0], plain, ws, i + 2));
            }
            rows.add(row(String.format("1%% changed, %.0f MB (%d)", changed / 1e6, rounds), changedRuns));

            System.out.println();
            System.out.printf("%-32s %10s %12s %11s %9s %9s   %s%n", "phase (runs)", "restic (s)", "restic, light", "SnapGPU (s)",
                    "ratio", "ratio L", "ratios of the single runs (to restic)");
            for (String[] r : rows) {
                System.out.printf("%-32s %10s %12s %11s %9s %9s   %s%n", (Object[]) r);
            }
            System.out.println("times are medians; ratio = SnapGPU / plain restic on the same data (goal: <= 1.05;"
                    + " unchanged incremental a few seconds); ratio L = SnapGPU / plain restic on a repository whose key"
                    + " has SnapGPU's light scrypt parameters (what SnapGPU's orchestration itself costs)");
        }
    }

    record Env(Map<String, String> heavy, Map<String, String> light) {
    }

    private static Map<String, String> plainEnv(AppProcess app, Properties s3, String prefix) throws Exception {
        return Map.of("RESTIC_REPOSITORY", "s3:" + BenchSupport.s3Endpoint(app) + "/snapgpu/" + prefix, "RESTIC_PASSWORD",
                "bench-password", "AWS_ACCESS_KEY_ID", s3.getProperty("access-key-id"), "AWS_SECRET_ACCESS_KEY",
                s3.getProperty("secret-access-key"));
    }

    /** {plain, plain with the light key, SnapGPU} seconds, back to back, the order rotating with {@code turn}. */
    private static double[] pair(AppProcess app, String instanceId, Env env, Path ws, int turn) throws Exception {
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            int which = (turn + k) % 3;
            out[which] = switch (which) {
                case 0 -> plain(env.heavy(), ws);
                case 1 -> plain(env.light(), ws);
                default -> snapgpu(app, instanceId);
            };
        }
        return out;
    }

    private static String[] row(String phase, List<double[]> runs) {
        double plain = median(runs.stream().mapToDouble(r -> r[0]).toArray());
        double light = median(runs.stream().mapToDouble(r -> r[1]).toArray());
        double ours = median(runs.stream().mapToDouble(r -> r[2]).toArray());
        String each = String.join(" ", runs.stream().map(r -> String.format("%.3f", r[2] / r[0])).toList());
        return new String[] { phase, String.format("%.2f", plain), String.format("%.2f", light), String.format("%.2f", ours),
                String.format("%.3f", ours / plain), String.format("%.3f", ours / light), each };
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double snapgpu(AppProcess app, String instanceId) throws Exception {
        sync();
        long t = System.nanoTime();
        String id = BenchSupport.field(BenchSupport.post(app, "/api/v1/snapshots",
                "{\"instance_id\":\"" + instanceId + "\",\"description\":\"bench\"}"), "id");
        // the end as a user sees it: the progress stream's last event, pushed (no polling load on the app)
        BenchSupport.subscribe(app, "subscription { snapshotProgress(id: \"" + id + "\") { seq type done } }", m -> { });
        double s = BenchSupport.seconds(System.nanoTime() - t);
        String body = BenchSupport.get(app, "/api/v1/snapshots/" + id);
        if (!body.contains("SUCCEEDED")) {
            throw new IllegalStateException(body);
        }
        // the tree hash is filled in after the snapshot is done; let that finish (untimed) before the next run
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (BenchSupport.get(app, "/api/v1/snapshots/" + id).contains("\"tree_hash\":null")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no tree hash: " + body);
            }
            Thread.sleep(100);
        }
        return s;
    }

    private static double plain(Map<String, String> env, Path ws) throws Exception {
        sync();
        long t = System.nanoTime();
        run(List.of("restic", "backup", "--json", "--host", "bench-plain-" + ws.getParent().getFileName(), "--", "."), env, ws);
        double s = BenchSupport.seconds(System.nanoTime() - t);
        return s;
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

    /** Writes back what the previous run left dirty, so neither side pays for the other's uploads. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }

    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(500);
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
