package io.snapgpu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.embedded.EmbeddedS3Server;
import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Time-to-workspace: "I asked for my workspace on a GPU" until "I can work" (critical set restored) and until
 * the whole workspace is back, side by side in one run, on the local provider's {@code marketplace} preset with
 * SSH machines (each bootstrapped before it counts as ready), the S3 server behind an R2-like link (+30 ms per
 * request, 25 MB/s per connection) and a >= 2 GB workspace:
 * <ul>
 * <li>(a) the peers' way: a launch race of one machine at a time, 10 minutes each (ranked by reliability and
 * price, no statistics), then plain {@code restic restore} of the whole snapshot onto the winner, default options,
 * with the restic the bootstrap put on the machine, its HOME (and so its cold cache) the machine's. Usable = complete.</li>
 * <li>(b) SnapGPU: {@code POST /api/v1/restores} onto a new machine (the default race: 5 / 10 s / 3 waves ranked
 * by host statistics, which earlier races of this run warmed), critical set first; its ends as the
 * {@code restoreProgress} subscription delivers them (REMAINING_FILES = usable, the last event = complete).</li>
 * </ul>
 * <b>Time accounting.</b> Only the market is simulated at {@code bench.timeScale} (default 0.1); everything else
 * runs at its real speed and is counted as measured. Per trial, on the wall clock shared by app and benchmark:
 * from the race's first create call until the winning machine runs (the market's own moment, read from its
 * sandbox) is the market's waiting (boots, earlier candidates' timeouts, wave intervals), divided by the scale;
 * the rest counts as measured: the request until the first create call, the winner running until SnapGPU saw it
 * ready (status poll lag, SSH probe, bootstrap: login, restic fetched from the bucket through the link, its
 * SHA-256 and version checks) and the restore. The status polls run at their real-world intervals (2 s, and the
 * 0.5 s close watch), not scaled, so their lag is a real market's. Control-plane milliseconds between waves (and
 * between (a)'s one-machine waves) fall in the scaled span and count 1/scale times, pessimistic for whichever
 * side launches more waves.
 *
 * <pre>./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.snapgpu.bench.TimeToWorkspaceBenchmark
 *   -Dbench.gb=2 -Dbench.trials=10 -Dbench.timeScale=0.1 -Dbench.warmRaces=10 -Dbench.othersShare=0.25</pre>
 */
public final class TimeToWorkspaceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** LaunchRaceBenchmark's strategy (a): one machine, the next after 10 minutes (or at once when it failed). */
    private static final String ONE_AT_A_TIME = "{\"policy\":{\"wave_size\":1,\"wave_interval_seconds\":600,\"max_waves\":10,"
            + "\"timeout_seconds\":7200,\"candidate_timeout_seconds\":600,\"rank_by_host_stats\":false}}";

    /** One trial, every figure in marketplace seconds. */
    private record Trial(String side, double usable, double complete, double toFirstCreate, double market,
            double bootstrap, double toUsable, double rest, int machines) {
    }

    private TimeToWorkspaceBenchmark() {
    }

    public static void main(String[] args) {
        BenchSupport.runThenExit(TimeToWorkspaceBenchmark::run);
        System.exit(0);
    }

    private static void run() throws Exception {
        double gb = Double.parseDouble(System.getProperty("bench.gb", "2"));
        int trials = Integer.getInteger("bench.trials", 10);
        int warm = Integer.getInteger("bench.warmRaces", 10);
        double scale = Double.parseDouble(System.getProperty("bench.timeScale", "0.1"));
        double others = Double.parseDouble(System.getProperty("bench.othersShare", "0.25"));
        Path root = Path.of("target/bench/ttw-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path dataDir = root.resolve("data");
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(root.resolve("s3"), 0);
        String loadBefore = load();
        long started = System.nanoTime();
        List<Trial> results = new ArrayList<>();
        try (ThrottleProxy link = new ThrottleProxy(URI.create(s3.url()).getPort(), 30, 25L * 1024 * 1024)) {
            Map<String, String> env = new java.util.HashMap<>(BenchSupport.s3Settings(link.port(), s3));
            env.put("SNAPGPU_LOCAL_PRESET", "marketplace");
            env.put("SNAPGPU_LOCAL_TIME_SCALE", Double.toString(scale));
            env.put("SNAPGPU_LOCAL_OTHERS_SHARE", Double.toString(others));
            env.put("SNAPGPU_LOCAL_OTHERS_RENTAL_SECONDS", "20"); // as LaunchRaceBenchmark: each race a fresh draw
            env.put("SNAPGPU_INSTANCES_POLL_INTERVAL", "2S"); // real-world polling: its lag counts as measured
            env.put("SNAPGPU_RACES_CLOSE_WATCH_INTERVAL", String.format(Locale.ROOT, "%.3fS", 0.5 / scale)); // scaled back to 0.5 s
            env.putAll(BenchSupport.settingsFromCommandLine());
            try (AppProcess app = BenchSupport.startApp(dataDir, env)) {
                String[] source = BenchSupport.readyInstance(app, dataDir);
                long bytes = RestoreBenchmark.generate(Path.of(source[1]), (long) (gb * 1e9), new Random(3));
                BenchSupport.post(app, "/api/v1/snapshots/config", "{\"instance_id\":\"" + source[0]
                        + "\",\"frequency_minutes\":1440,\"retention_days\":7,\"exclude_paths\":[]}");
                String[] snap = BenchSupport.snapshot(app, source[0]);
                BenchSupport.delete(app, source[0]); // its host back on the market
                String tenant = BenchSupport.field(BenchSupport.get(app, "/api/v1/auth/me"), "tenant_id");
                Map<String, String> restic = Map.of("RESTIC_REPOSITORY", "s3:http://127.0.0.1:" + link.port()
                        + "/snapgpu/tenants/" + tenant + "/restic", "RESTIC_PASSWORD",
                        RestoreBenchmark.tenantPassword(app, dataDir, tenant), "AWS_ACCESS_KEY_ID",
                        s3.accessKeyId(), "AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
                System.out.printf("Time to workspace: %.2f GB snapshot, %d trials per side, time scale %s, others rent"
                        + " %.0f %% of hosts, R2-like link; load before: %s%n", bytes / 1e9, trials, scale, others * 100,
                        loadBefore);
                link.throttled = true; // the bootstrap's restic download comes through the link too
                for (int i = 0; i < warm; i++) {
                    JsonNode r = awaitRace(app, JSON.readTree(BenchSupport.post(app, "/api/v1/races", "{}")).path("id").asText());
                    if (r.path("winner_instance_id").isTextual()) {
                        BenchSupport.delete(app, r.path("winner_instance_id").asText());
                    }
                }
                System.out.printf("%d warm-up races done (host statistics learned)%n", warm);
                for (int i = 0; i < trials; i++) {
                    // alternating which side goes first: the machine's load drifts during a run
                    for (String side : i % 2 == 0 ? List.of("a", "b") : List.of("b", "a")) {
                        Trial t = side.equals("a") ? peers(app, dataDir, restic, snap[1], scale)
                                : snapgpu(app, dataDir, snap[0], scale);
                        results.add(t);
                        System.out.printf(Locale.ROOT, "trial %2d (%s): usable %7.1f s, complete %7.1f s | first create"
                                + " %.2f, market %.1f, ready->seen %.2f, ->usable %.2f, ->complete %.2f, machines %d; load %s%n",
                                i + 1, side, t.usable(), t.complete(), t.toFirstCreate(), t.market(), t.bootstrap(),
                                t.toUsable(), t.rest(), t.machines(), load());
                    }
                }
            }
        }
        report(results, (System.nanoTime() - started) / 60e9, loadBefore);
        if (!Boolean.getBoolean("bench.keep")) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** (a): one machine at a time, then plain restic restore of everything, run as the machine would run it. */
    private static Trial peers(AppProcess app, Path dataDir, Map<String, String> restic, String resticId, double scale)
            throws Exception {
        long t0 = System.currentTimeMillis();
        JsonNode race = awaitRace(app, JSON.readTree(BenchSupport.post(app, "/api/v1/races", ONE_AT_A_TIME)).path("id")
                .asText());
        String instance = race.path("winner_instance_id").asText();
        Path machine = sandbox(app, dataDir, instance);
        long running = runningAt(machine);
        ProcessBuilder pb = new ProcessBuilder(machine.resolve("root/.snapgpu/bin/restic").toString(), "restore",
                resticId, "--target", machine.resolve("root/workspace").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(restic);
        pb.environment().put("HOME", machine.resolve("root").toString()); // a fresh machine: no restic cache yet
        pb.environment().remove("XDG_CACHE_HOME");
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("plain restic restore failed");
        }
        long done = System.currentTimeMillis();
        BenchSupport.delete(app, instance);
        return trial("a", race, t0, running, done, done, scale);
    }

    /** (b): SnapGPU's restore onto a new machine, its ends as its progress subscription delivers them. */
    private static Trial snapgpu(AppProcess app, Path dataDir, String snapshot, double scale) throws Exception {
        long t0 = System.currentTimeMillis();
        String id = BenchSupport.field(BenchSupport.post(app, "/api/v1/restores", "{\"snapshot_id\":\"" + snapshot + "\"}"),
                "id");
        Map<String, Long> seen = new LinkedHashMap<>();
        BenchSupport.subscribe(app, "subscription { restoreProgress(id: \"" + id + "\") { phase } }",
                m -> seen.putIfAbsent(BenchSupport.field(m, "phase"), System.currentTimeMillis()));
        long done = System.currentTimeMillis();
        JsonNode job = JSON.readTree(BenchSupport.get(app, "/api/v1/restores/" + id));
        if (!job.path("phase").asText().equals("DONE")) {
            throw new IllegalStateException("SnapGPU's restore did not finish: " + job);
        }
        JsonNode race = JSON.readTree(BenchSupport.get(app, "/api/v1/races/" + job.path("race_id").asText()));
        String instance = job.path("instance_id").asText();
        long running = runningAt(sandbox(app, dataDir, instance));
        long usable = seen.getOrDefault("REMAINING_FILES", millis(job.path("usable_at")));
        BenchSupport.delete(app, instance);
        return trial("b", race, t0, running, usable, done, scale);
    }

    /**
     * A trial's figures: {@code t0} the request, {@code running} the winner running at the market, {@code usable},
     * {@code done}; the market's span (first create call to {@code running}) is the one divided by the scale.
     */
    private static Trial trial(String side, JsonNode race, long t0, long running, long usable, long done,
            double scale) {
        long firstCreate = Long.MAX_VALUE;
        for (JsonNode c : race.path("candidates")) {
            firstCreate = Math.min(firstCreate, millis(c.path("launched_at")));
        }
        long observed = millis(race.path("winner_observed_at"));
        double market = (running - firstCreate) / 1000.0 / scale;
        double measured = (firstCreate - t0) / 1000.0;
        double bootstrap = (observed - running) / 1000.0;
        double toUsable = (usable - observed) / 1000.0;
        double rest = (done - usable) / 1000.0;
        return new Trial(side, measured + market + bootstrap + toUsable, measured + market + bootstrap + toUsable + rest,
                measured, market, bootstrap, toUsable, rest, race.path("candidates").size());
    }

    private static JsonNode awaitRace(AppProcess app, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        JsonNode r = JSON.readTree(BenchSupport.get(app, "/api/v1/races/" + id));
        while (r.path("finished_at").isNull() || r.path("finished_at").isMissingNode()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("race " + id + " did not finish: " + r);
            }
            Thread.sleep(50);
            r = JSON.readTree(BenchSupport.get(app, "/api/v1/races/" + id));
        }
        if (!r.path("status").asText().equals("WON")) {
            throw new IllegalStateException("race " + id + " ended " + r.path("status").asText() + ": " + r.path("error"));
        }
        return r;
    }

    private static Path sandbox(AppProcess app, Path dataDir, String instanceId) throws Exception {
        String machine = BenchSupport.field(BenchSupport.get(app, "/api/v1/instances/" + instanceId), "provider_instance_id");
        return dataDir.resolve("local-instances").resolve(machine);
    }

    /** When the market let the machine run (its sandbox's record; the app's clock, which is this computer's). */
    private static long runningAt(Path sandbox) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(sandbox.resolve("instance.properties"))) {
            p.load(in);
        }
        return Long.parseLong(p.getProperty("ready"));
    }

    private static long millis(JsonNode time) {
        return OffsetDateTime.parse(time.asText()).toInstant().toEpochMilli();
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void report(List<Trial> all, double minutes, String loadBefore) throws Exception {
        List<Trial> a = all.stream().filter(t -> t.side().equals("a")).toList();
        List<Trial> b = all.stream().filter(t -> t.side().equals("b")).toList();
        System.out.printf(Locale.ROOT, "%n%.1f min; load (1-min average) before %s, now %s (2 cores)%n", minutes,
                loadBefore, load());
        System.out.printf("%-46s %9s %9s %9s %9s%n", "marketplace seconds", "usable50", "usable95", "complete50",
                "complete95");
        double[] qa = quantiles(a);
        double[] qb = quantiles(b);
        System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f %9.1f%n", "(a) one at a time + plain restic restore",
                qa[0], qa[1], qa[2], qa[3]);
        System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f %9.1f%n", "(b) SnapGPU race + critical-first restore",
                qb[0], qb[1], qb[2], qb[3]);
        System.out.printf(Locale.ROOT, "%-46s %9.3f %9.3f %9.3f %9.3f%n", "b / a", qb[0] / qa[0], qb[1] / qa[1],
                qb[2] / qa[2], qb[3] / qa[3]);
        System.out.println("\nper phase, p50 / p95 (marketplace seconds; only 'market' is scaled back):");
        for (var side : List.of(a, b)) {
            System.out.printf(Locale.ROOT, "  (%s) request->first create %s | market (boots, timeouts, waves) %s |"
                    + " running->seen ready (poll lag, SSH, bootstrap) %s | ->usable %s | usable->complete %s |"
                    + " machines %s%n", side.isEmpty() ? "?" : side.get(0).side(), q(side, Trial::toFirstCreate),
                    q(side, Trial::market), q(side, Trial::bootstrap), q(side, Trial::toUsable), q(side, Trial::rest),
                    q(side, t -> t.machines()));
        }
        System.out.println("\ngoals:");
        goal("(b) p50 time-to-usable <= 20 s", qb[0] <= 20, qb[0]);
        goal("(b) p95 time-to-usable <= 30 s", qb[1] <= 30, qb[1]);
        goal("b/a <= 0.6 at p50 (usable)", qb[0] / qa[0] <= 0.6, qb[0] / qa[0]);
        goal("b/a <= 0.1 at p95 (usable)", qb[1] / qa[1] <= 0.1, qb[1] / qa[1]);
    }

    private static void goal(String what, boolean met, double figure) {
        System.out.printf(Locale.ROOT, "  [%s] %s: %.3f%n", met ? "met " : "MISS", what, figure);
    }

    /** p50 and p95 of usable, then of complete. */
    private static double[] quantiles(List<Trial> ts) {
        double[] u = ts.stream().mapToDouble(Trial::usable).sorted().toArray();
        double[] c = ts.stream().mapToDouble(Trial::complete).sorted().toArray();
        return new double[] { LaunchRaceBenchmark.pct(u, 50), LaunchRaceBenchmark.pct(u, 95), LaunchRaceBenchmark.pct(c, 50),
                LaunchRaceBenchmark.pct(c, 95) };
    }

    private static String q(List<Trial> ts, ToDoubleFunction<Trial> f) {
        double[] v = ts.stream().mapToDouble(f).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f / %.2f", LaunchRaceBenchmark.pct(v, 50), LaunchRaceBenchmark.pct(v, 95));
    }
}
