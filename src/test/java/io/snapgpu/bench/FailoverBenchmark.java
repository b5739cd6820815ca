package io.snapgpu.bench;

import io.snapgpu.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from a machine's loss to "usable again" (the failover's restore has brought the critical files)
 * on the local marketplace's {@code marketplace} preset, over many losses (each kind of fault in turn;
 * each failover's new machine is the next one lost), against a person who notices the loss after N
 * minutes, rents one machine of the same GPU (the cheapest offer; the next one if it has not booted
 * within 10 minutes) and restores the same snapshot by hand with plain {@code restic restore}.
 *
 * <p>Every duration of the market and of SnapGPU's own clocks is multiplied by {@code bench.timeScale}
 * (default 0.1): boots, the machine watch's period (15 s) and SSH grace (2 min), the person's N minutes and
 * their 10-minute patience. Work that is not simulated (restic, SSH, bootstrap, database) runs at its real
 * speed on both sides, so at a scale below 1 it weighs more than it would on a real market. Printed: p50
 * and p95 of both, in seconds as measured, and their ratio.
 *
 * <pre>./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.snapgpu.bench.FailoverBenchmark
 *   -Dbench.losses=20 -Dbench.timeScale=0.1 -Dbench.noticeMinutes=5 -Dbench.mb=200</pre>
 */
public final class FailoverBenchmark {
    private static final String[] FAULTS = { "HOST_OFFLINE", "CONTAINER_EXIT", "SSH_DEAD", "PREEMPTED" };

    public static void main(String[] args) throws Exception {
        int losses = Integer.getInteger("bench.losses", 20);
        double scale = Double.parseDouble(System.getProperty("bench.timeScale", "0.1"));
        double noticeMinutes = Double.parseDouble(System.getProperty("bench.noticeMinutes", "5"));
        long mb = Long.getLong("bench.mb", 200);
        Path root = Path.of("target/bench/failover-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SNAPGPU_LOCAL_TIME_SCALE", Double.toString(scale),
                "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.2S",
                "SNAPGPU_FAILOVER_WATCH_INTERVAL", millis(15_000 * scale),
                "SNAPGPU_FAILOVER_SSH_LOSS_AFTER", millis(120_000 * scale),
                "SNAPGPU_FAILOVER_WATCH_DELAY", "1S"));
        env.putAll(BenchSupport.settingsFromCommandLine());
        List<Double> ours = new ArrayList<>();
        List<Double> manual = new ArrayList<>();
        try (AppProcess app = BenchSupport.startApp(dataDir, env)) {
            String[] first = BenchSupport.readyInstance(app, dataDir);
            String machine = first[0];
            long bytes = workspace(Path.of(first[1]), mb * 1_000_000L, new Random(5));
            System.out.printf("workspace %.0f MB; %d losses; time scale %s; the person notices after %s min%n",
                    bytes / 1e6, losses, scale, noticeMinutes);
            BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + machine
                    + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"exclude_paths\":[]}");
            String tenant = BenchSupport.field(BenchSupport.get(app, "/api/v1/auth/me"), "tenant_id");
            var s3 = BenchSupport.s3Credentials(dataDir);
            for (int n = 0; n < losses; n++) {
                String snap = BenchSupport.snapshot(app, machine)[1];
                String fault = FAULTS[n % FAULTS.length];
                String provider = BenchSupport.field(BenchSupport.get(app, "/api/v1/instances/" + machine), "provider_instance_id");
                Instant lostAt = Instant.now();
                Files.writeString(dataDir.resolve("local-instances").resolve(provider).resolve("fault"), fault);
                var f = awaitFailover(app, machine);
                double snapgpu = Duration.between(lostAt, OffsetDateTime.parse(f.path("usableAt").asText())
                        .toInstant()).toMillis() / 1000.0;
                ours.add(snapgpu);
                String next = f.path("newInstanceId").asText();
                String gpu = BenchSupport.field(BenchSupport.get(app, "/api/v1/instances/" + next), "gpu_model");
                double byHand = noticeMinutes * 60 * scale + byHand(app, dataDir, tenant, s3, snap, gpu, scale);
                manual.add(byHand);
                System.out.printf("loss %2d %-15s SnapGPU usable after %7.1f s (%s attempt(s)); by hand %7.1f s%n", n + 1,
                        fault, snapgpu, f.path("attempts").asInt(), byHand);
                machine = next;
            }
        }
        double p50 = quantile(ours, 0.5), p95 = quantile(ours, 0.95);
        double m50 = quantile(manual, 0.5), m95 = quantile(manual, 0.95);
        System.out.printf("%nloss to usable (s, time scale %s)   p50      p95%n", scale);
        System.out.printf("SnapGPU failover                    %7.1f  %7.1f%n", p50, p95);
        System.out.printf("person, %s min, plain restic        %7.1f  %7.1f%n", noticeMinutes, m50, m95);
        System.out.printf("ratio by hand / SnapGPU             %7.2f  %7.2f%n", m50 / p50, m95 / p95);
    }

    /** Code and config (the critical set's kind of files), 2,000 small data files, and checkpoints for the rest. */
    static long workspace(Path ws, long total, Random r) throws Exception {
        long written = 0;
        for (int i = 0; i < 200; i++) {
            Path f = ws.resolve("code/module-" + (i % 10) + "/file_" + i + ".py");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "# module " + i + "\n".repeat(1 + r.nextInt(200)));
            written += Files.size(f);
        }
        for (int i = 0; i < 2000 && written < total / 2; i++) {
            byte[] b = new byte[1000 + r.nextInt(40_000)];
            r.nextBytes(b);
            Path f = ws.resolve("data/shard-" + (i % 20) + "/item-" + i + ".bin");
            Files.createDirectories(f.getParent());
            Files.write(f, b);
            written += b.length;
        }
        byte[] chunk = new byte[1 << 20];
        for (int c = 0; written < total; c++) {
            Path f = ws.resolve("checkpoints/step-" + c + ".pt");
            Files.createDirectories(f.getParent());
            try (var out = Files.newOutputStream(f)) {
                for (int m = 0; m < 64 && written < total; m++) {
                    r.nextBytes(chunk);
                    out.write(chunk);
                    written += chunk.length;
                }
            }
        }
        return written;
    }

    private static String millis(double ms) {
        return Math.max(1, Math.round(ms)) + "ms";
    }

    /** The failover of {@code machine} (as the lost one) once DONE (GraphQL: it has no REST twin). */
    private static com.fasterxml.jackson.databind.JsonNode awaitFailover(AppProcess app, String machine) throws Exception {
        String q = "{\"query\":\"{ failovers(instanceId: \\\"" + machine + "\\\") { instanceId status usableAt"
                + " newInstanceId attempts error } }\"}";
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (var f : json.readTree(BenchSupport.post(app, "/graphql", q)).path("data").path("failovers")) {
                if (!machine.equals(f.path("instanceId").asText())) {
                    continue; // the failover that made this machine
                }
                String status = f.path("status").asText();
                if ("DONE".equals(status)) {
                    return f;
                }
                if ("FAILED".equals(status) || "CANCELLED".equals(status)) {
                    throw new IllegalStateException("failover did not succeed: " + f);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no failover of " + machine);
    }

    /** A person: the cheapest offer of the GPU, the next one after 10 (scaled) minutes, then plain restic restore. */
    private static double byHand(AppProcess app, Path dataDir, String tenant, java.util.Properties s3, String resticId,
            String gpu, double scale) throws Exception {
        long t = System.nanoTime();
        String offers = BenchSupport.get(app, "/api/v1/offers?sort=price&limit=500&gpu_models="
                + java.net.URLEncoder.encode(gpu, java.nio.charset.StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("\"offer_id\":\"(offer-local-h\\d+)\"").matcher(offers);
        Duration patience = Duration.ofMillis(Math.round(600_000 * scale));
        while (m.find()) {
            String id;
            try {
                id = BenchSupport.field(BenchSupport.post(app, "/api/v1/instances", "{\"provider\":\"local\",\"offer_id\":\""
                        + m.group(1) + "\"}"), "id");
            } catch (IllegalStateException rented) {
                continue;
            }
            String status;
            String body;
            long deadline = System.nanoTime() + patience.toNanos();
            do {
                Thread.sleep(200);
                body = BenchSupport.get(app, "/api/v1/instances/" + id);
                status = BenchSupport.field(body, "status");
            } while (!List.of("READY", "FAILED", "DESTROYED").contains(status) && System.nanoTime() < deadline);
            if (!"READY".equals(status)) {
                BenchSupport.delete(app, id);
                continue;
            }
            Path ws = dataDir.resolve("local-instances").resolve(BenchSupport.field(body, "provider_instance_id"))
                    .resolve("root/workspace");
            Files.createDirectories(ws);
            ProcessBuilder pb = new ProcessBuilder("restic", "restore", resticId, "--target", ws.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(Map.of("RESTIC_REPOSITORY", "s3:" + BenchSupport.s3Endpoint(app) + "/snapgpu/tenants/"
                    + tenant + "/restic", "RESTIC_PASSWORD", RestoreBenchmark.tenantPassword(app, dataDir, tenant),
                    "AWS_ACCESS_KEY_ID", s3.getProperty("access-key-id"), "AWS_SECRET_ACCESS_KEY",
                    s3.getProperty("secret-access-key")));
            if (pb.start().waitFor() != 0) {
                throw new IllegalStateException("plain restic restore failed");
            }
            double seconds = BenchSupport.seconds(System.nanoTime() - t);
            BenchSupport.delete(app, id);
            return seconds;
        }
        throw new IllegalStateException("no " + gpu + " offer booted for the person");
    }

    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
