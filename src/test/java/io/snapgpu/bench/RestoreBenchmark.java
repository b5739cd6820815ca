package io.snapgpu.bench;

import io.snapgpu.embedded.EmbeddedS3Server;
import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Restore throughput in one run, on a >= 2 GB workspace (large files + 20k small ones, ~5 % of it
 * code/config = the critical set): SnapGPU's restore (onto a fresh machine per link, so no safety
 * snapshot), plain `restic restore` with default options and with {@code -o s3.connections=32}, and
 * the raw limit (copying the repository's packs out of the bucket with 16 parallel GETs), each
 * over the plain loopback S3 server and over an R2-like link (+30 ms per request, 25 MB/s per
 * connection). Also time-to-usable (critical set in) against the full restore.
 *
 *   ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=io.snapgpu.bench.RestoreBenchmark [-Dbench.gb=2] [-Dbench.env=K=V,K=V]
 *
 * {@code bench.env} passes settings to the app, e.g. {@code SNAPGPU_RESTORE_PARALLEL_PROCESSES=2}. The
 * run's folder under target/bench (~10 GB at 2 GB) is deleted at the end unless {@code -Dbench.keep=true}.
 */
public final class RestoreBenchmark {
    /** The restic of both sides: the plain runs' and the app's (its machines get the same): {@code -Dbench.restic=PATH}. */
    static final String RESTIC = System.getProperty("bench.restic", "restic");

    private RestoreBenchmark() {
    }

    public static void main(String[] args) {
        BenchSupport.runThenExit(RestoreBenchmark::run);
    }

    private static void run() throws Exception {
        double gb = Double.parseDouble(System.getProperty("bench.gb", "2"));
        Path root = Path.of("target/bench/restore-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(root.resolve("s3"), 0);
        int s3Port = URI.create(s3.url()).getPort();
        try (ThrottleProxy link = new ThrottleProxy(s3Port, 30, 25L * 1024 * 1024);
                AppProcess app = BenchSupport.startApp(dataDir, appEnv(link.port(), s3))) {
            String[] source = BenchSupport.readyInstance(app, dataDir);
            long bytes = generate(Path.of(source[1]), (long) (gb * 1e9), new Random(3));
            System.out.printf("workspace: %.2f GB, %d files%n", bytes / 1e9, countFiles(Path.of(source[1])));
            BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + source[0]
                    + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"exclude_paths\":[]}");
            String snap = BenchSupport.field(BenchSupport.post(app, "/api/v1/snapshots", "{\"instance_id\":\"" + source[0] + "\"}"), "id");
            String s = BenchSupport.awaitField(app, "/api/v1/snapshots/" + snap, "status", List.of("SUCCEEDED", "FAILED"),
                    Duration.ofMinutes(20), Duration.ofMillis(200));
            // the tree hash (and full restic id) follow the summary
            while (!s.contains("\"tree_hash\":\"")) {
                Thread.sleep(100);
                s = BenchSupport.get(app, "/api/v1/snapshots/" + snap);
            }
            String resticId = BenchSupport.field(s, "restic_id");
            String tenant = BenchSupport.field(BenchSupport.get(app, "/api/v1/auth/me"), "tenant_id");
            String password = tenantPassword(app, dataDir, tenant);
            String repo = "s3:http://127.0.0.1:" + link.port() + "/snapgpu/tenants/" + tenant + "/restic";
            Map<String, String> env = Map.of("RESTIC_REPOSITORY", repo, "RESTIC_PASSWORD", password,
                    "AWS_ACCESS_KEY_ID", s3.accessKeyId(), "AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());

            // restic's own limit on this machine: the same restore from the bucket's folder on disk, no S3 server,
            // no network (the run restores nothing faster than this, whatever it does over S3)
            Path onDisk = root.resolve("s3/s3/blobs/snapgpu/tenants/" + tenant + "/restic");
            if (!Files.exists(onDisk.resolve("config"))) {
                throw new IllegalStateException("no repository at " + onDisk);
            }
            Map<String, String> localEnv = Map.of("RESTIC_REPOSITORY", onDisk.toString(), "RESTIC_PASSWORD", password);
            CpuMeter ceilingCpu = CpuMeter.start();
            double ceiling = plainRestore(localEnv, resticId, root.resolve("ceiling"),
                    List.of("--no-lock", "-o", "local.connections=8"));
            String ceilingUse = ceilingCpu.stop();

            List<String> rows = new ArrayList<>();
            List<String> cpu = new ArrayList<>();
            double r2Plain = 0;
            List<String> cpuPerGb = new ArrayList<>();
            for (int l = 0; l < 3; l++) {
                boolean throttled = l > 0;
                link.throttled = throttled;
                // the slow link: where the network, not the CPU, is the limit
                link.bytesPerSecond = (l == 2 ? 8L : 25L) * 1024 * 1024;
                String linkName = l == 0 ? "loopback S3" : l == 1 ? "R2-like (+30 ms, 25 MB/s/conn)"
                        : "slow (+30 ms, 8 MB/s/conn)";
                // a fresh machine each time: its workspace is empty, so no safety snapshot is part of the timing
                String[] target = BenchSupport.readyInstance(app, dataDir);
                double raw = rawCopy(link.port(), s3, "tenants/" + tenant + "/restic/");
                CpuMeter meter = CpuMeter.start();
                double plainCpu = ProcCpu.children(ProcessHandle.current().pid());
                double plain = plainRestore(env, resticId, root.resolve("plain-" + l), List.of());
                plainCpu = ProcCpu.children(ProcessHandle.current().pid()) - plainCpu;
                String plainUse = meter.stop();
                meter = CpuMeter.start();
                double tunedCpu = ProcCpu.children(ProcessHandle.current().pid());
                double tuned = plainRestore(env, resticId, root.resolve("tuned-" + l),
                        List.of("-o", "s3.connections=32"));
                tunedCpu = ProcCpu.children(ProcessHandle.current().pid()) - tunedCpu;
                String tunedUse = meter.stop();
                meter = CpuMeter.start();
                double oursCpu = ProcCpu.tree(app.pid());
                double[] ours = snapgpuRestore(app, snap, target[0]);
                oursCpu = ProcCpu.tree(app.pid()) - oursCpu;
                String oursUse = meter.stop();
                double gbs = bytes / 1e9;
                cpuPerGb.add(String.format("%-32s restic %.1f CPU-s/GB, restic-32 %.1f, SnapGPU (app JVM + its SSH + the"
                        + " machine's sshd and restic) %.1f: SnapGPU / restic x%.2f, SnapGPU / restic-32 x%.2f", linkName,
                        plainCpu / gbs, tunedCpu / gbs, oursCpu / gbs, oursCpu / plainCpu, oursCpu / tunedCpu));
                cpu.add(String.format("%-32s restic %s; restic-32 %s; SnapGPU %s", linkName, plainUse, tunedUse, oursUse));
                r2Plain = l == 1 ? plain : r2Plain;
                double mb = bytes / 1e6;
                rows.add(String.format("%-32s %9.0f %9.0f %9.0f %9.0f %9.2f %9.2f %9.2f %7.1f s %7.1f %%", linkName, mb / raw,
                        mb / plain, mb / tuned, mb / ours[0], plain / ours[0], tuned / ours[0], raw / ours[0], ours[1],
                        100 * ours[1] / ours[0]));
            }
            System.out.println();
            System.out.printf("%-32s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n", "link (MB/s)", "raw packs", "restic",
                    "restic-32", "SnapGPU", "Snap/rest", "Snap/r-32", "Snap/raw", "usable", "use/full");
            rows.forEach(System.out::println);
            double mb = bytes / 1e6;
            System.out.printf("%nrestic from the repository's folder on disk (no S3 server, no network; the most any restic"
                    + " restore reaches on this machine): %.0f MB/s = x%.2f of restic over the R2-like link (%s)%n",
                    mb / ceiling, r2Plain / ceiling, ceilingUse);
            System.out.println("CPU in use during each restore (machine: 2 cores = 200 %; S3 server and throttle: this"
                    + " benchmark's JVM, which also runs the S3 server's side of every restore):");
            cpu.forEach(line -> System.out.println("  " + line));
            System.out.println("CPU seconds per GB restored (the restore's own processes; not the S3 server, the throttle"
                    + " or PostgreSQL; goal SnapGPU / restic <= 1.0):");
            cpuPerGb.forEach(line -> System.out.println("  " + line));
            System.out.println("restic = plain `restic restore` (default options), restic-32 = with -o s3.connections=32."
                    + " SnapGPU time is API call to DONE onto a machine with an empty workspace (critical set, rest,"
                    + " verification); usable = API call to usable, use/full = usable over full restore time."
                    + " Goals: R2-like and slow Snap/rest >= 2, use/full < 15 %, loopback Snap/rest >= 1.");
        }
        if (!Boolean.getBoolean("bench.keep")) {
            deleteTree(root);
        }
        // the embedded S3 server's threads would keep this JVM (and its ~6 GB) alive after the figures
        System.exit(0);
    }

    static Map<String, String> appEnv(int s3Port, EmbeddedS3Server.Endpoint s3) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("SNAPGPU_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
                "SNAPGPU_S3_ACCESS_KEY_ID", s3.accessKeyId(), "SNAPGPU_S3_SECRET_ACCESS_KEY", s3.secretAccessKey(),
                "SNAPGPU_S3_REGION", "us-east-1"));
        if (!RESTIC.equals("restic")) {
            env.put("SNAPGPU_RESTIC_BINARY", RESTIC);
        }
        env.putAll(BenchSupport.settingsFromCommandLine());
        return env;
    }

    /**
     * One SnapGPU restore onto {@code instanceId}: {API call to DONE, API call to usable, the restore's own
     * time (its first restic run to DONE: not the queue or a safety snapshot)}, in seconds.
     */
    static double[] snapgpuRestore(AppProcess app, String snapshot, String instanceId) throws Exception {
        long t = System.nanoTime();
        OffsetDateTime start = OffsetDateTime.now();
        String id = BenchSupport.field(BenchSupport.post(app, "/api/v1/restores", "{\"snapshot_id\":\"" + snapshot
                + "\",\"instance_id\":\"" + instanceId + "\",\"confirm_overwrite\":true}"), "id");
        // the end as a user sees it: the progress stream's last event, pushed (polling would load the app's CPU)
        Map<String, Double> phases = new java.util.LinkedHashMap<>();
        BenchSupport.subscribe(app, "subscription { restoreProgress(id: \"" + id + "\") { phase } }",
                m -> phases.putIfAbsent(BenchSupport.field(m, "phase"), BenchSupport.seconds(System.nanoTime() - t)));
        double total = BenchSupport.seconds(System.nanoTime() - t);
        System.out.println("  SnapGPU restore, each phase from the API call: " + phases.entrySet().stream()
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue())).toList());
        String body = BenchSupport.get(app, "/api/v1/restores/" + id);
        if (!body.contains("\"phase\":\"DONE\"")) {
            throw new IllegalStateException(body);
        }
        OffsetDateTime usable = OffsetDateTime.parse(BenchSupport.field(body, "usable_at"));
        return new double[] { total, Duration.between(start, usable).toMillis() / 1000.0,
                total - phases.getOrDefault("CRITICAL_FILES", 0.0) };
    }

    private static double plainRestore(Map<String, String> env, String id, Path target, List<String> options)
            throws Exception {
        long t = System.nanoTime();
        List<String> argv = new ArrayList<>(List.of(RESTIC, "restore"));
        argv.addAll(options);
        argv.addAll(List.of(id, "--target", target.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("restic restore failed");
        }
        double seconds = BenchSupport.seconds(System.nanoTime() - t);
        deleteTree(target); // 2 GB each: four of them filled the disk
        return seconds;
    }

    /** The raw limit: every object of the repository fetched with 16 parallel GETs, discarded. */
    private static double rawCopy(int port, EmbeddedS3Server.Endpoint s3, String prefix) throws Exception {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(),
                        s3.secretAccessKey())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            List<S3Object> objects = new ArrayList<>();
            client.listObjectsV2Paginator(b -> b.bucket("snapgpu").prefix(prefix)).forEach(p -> objects.addAll(p.contents()));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            long t = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (S3Object o : objects) {
                all.add(pool.submit(() -> client.getObject(b -> b.bucket("snapgpu").key(o.key()),
                        ResponseTransformer.toBytes())));
            }
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            return BenchSupport.seconds(System.nanoTime() - t);
        }
    }

    /** The benchmark reads the tenant's restic password the way SnapGPU does: decrypted with the master key. */
    static String tenantPassword(AppProcess app, Path dataDir, String tenant) throws Exception {
        byte[] key = java.util.Base64.getDecoder().decode(Files.readString(dataDir.resolve("master.key")).strip());
        int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip());
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/snapgpu", "postgres", "");
                var ps = c.prepareStatement("select password_encrypted from restic_repository where tenant_id = ?")) {
            ps.setObject(1, UUID.fromString(tenant));
            try (var rs = ps.executeQuery()) {
                rs.next();
                byte[] sealed = rs.getBytes(1);
                var cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                        new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
                cipher.updateAAD(("restic:" + tenant).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return new String(cipher.doFinal(sealed, 12, sealed.length - 12), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    /** 55 % large checkpoints, 40 % small data files, 5 % code and config (the critical set). */
    static long generate(Path ws, long total, Random r) throws Exception {
        long written = SnapshotBenchmark.generate(ws, total * 95 / 100, r);
        long critical = total - written;
        if (critical <= 0) {
            throw new IllegalArgumentException("bench.gb is too small for 20k small files plus a critical set: use 2 or more");
        }
        int files = 2000;
        for (int i = 0; i < files; i++) {
            Path f = ws.resolve("code/module-" + (i % 40) + "/file_" + i + (i % 5 == 0 ? ".json" : ".py"));
            Files.createDirectories(f.getParent());
            byte[] b = new byte[(int) (critical / files)];
            r.nextBytes(b);
            Files.write(f, b);
            written += b.length;
        }
        return written;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long countFiles(Path ws) throws Exception {
        try (Stream<Path> s = Files.walk(ws)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** CPU seconds of a process from /proc/PID/stat; children count once they have exited and been waited for. */
    static final class ProcCpu {
        private ProcCpu() {
        }

        /**
         * The process and every descendant, alive or exited (an exited one counts in its waiting parent's
         * child times), PostgreSQL's processes left out. A machine's restic runs under that machine's sshd,
         * which the app started: it is reaped into a still-running sshd session (the app keeps its SSH
         * connection), so the app's own child times would never see it.
         */
        static double tree(long root) throws java.io.IOException {
            java.util.Map<Long, List<Stat>> kids = new java.util.HashMap<>();
            Stat top = null;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path dir : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    Stat st;
                    try {
                        st = Stat.of(Files.readString(dir.resolve("stat")));
                    } catch (java.io.IOException gone) {
                        continue; // exited while listed
                    }
                    kids.computeIfAbsent(st.ppid(), k -> new ArrayList<>()).add(st);
                    top = st.pid() == root ? st : top;
                }
            }
            long ticks = 0;
            java.util.ArrayDeque<Stat> todo = new java.util.ArrayDeque<>();
            if (top != null) {
                todo.add(top);
            }
            while (!todo.isEmpty()) {
                Stat st = todo.pop();
                if (st != top && st.name().startsWith("postgres")) {
                    continue;
                }
                ticks += st.self() + st.children();
                todo.addAll(kids.getOrDefault(st.pid(), List.of()));
            }
            return ticks / 100.0;
        }

        /** Only its exited children: plain restic started by this benchmark (whose own JVM is the S3 server). */
        static double children(long pid) throws java.io.IOException {
            return Stat.of(Files.readString(Path.of("/proc/" + pid + "/stat"))).children() / 100.0;
        }

        /** One /proc/PID/stat line: its own and its waited-for children's CPU, in clock ticks (100 per second). */
        private record Stat(long pid, long ppid, String name, long self, long children) {
            static Stat of(String stat) {
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new Stat(Long.parseLong(stat.substring(0, stat.indexOf(' '))), Long.parseLong(f[1]),
                        stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                        Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
            }
        }
    }

    /** CPU in use over one timed run: the whole machine's (/proc/stat) and this JVM's (the S3 server, the throttle). */
    private record CpuMeter(long[] startMachine, long selfNanos, long wallNanos) {
        static CpuMeter start() throws java.io.IOException {
            return new CpuMeter(machine(), self(), System.nanoTime());
        }

        /** "machine 187 %, S3 server + throttle 64 %" (100 % = one core busy). */
        String stop() throws java.io.IOException {
            long[] now = machine();
            double wall = System.nanoTime() - wallNanos;
            double busy = (double) (now[0] - startMachine[0]) / Math.max(1, now[1] - startMachine[1])
                    * Runtime.getRuntime().availableProcessors();
            return String.format("machine %.0f %%, S3 server + throttle %.0f %%", 100 * busy,
                    100 * (self() - selfNanos) / wall);
        }

        private static long self() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** {busy, total} jiffies of all cores. */
        private static long[] machine() throws java.io.IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] { total - idle, total };
        }
    }
}
