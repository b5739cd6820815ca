package io.snapgpu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.provider.local.BootProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalMarket;
import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Launch-race benchmark: the packaged SnapGPU (its real race engine, its real embedded marketplace
 * with the {@code marketplace} preset) driven through the REST API, 200 races per strategy, one race
 * at a time:
 * <ul>
 * <li>(a) one machine at a time, given up after 10 minutes, then the next (what other tools do);</li>
 * <li>(b) waves of 5 every 10 s, at most 3, hosts ranked without SnapGPU's host statistics;</li>
 * <li>(c) the same, ranked by host statistics learned from its own earlier races (from none at all).</li>
 * </ul>
 * The marketplace and the races run at {@code bench.timeScale} (0.01: a 10 s boot takes 0.1 s), and the
 * status poll interval is scaled with them (2 s); times are converted back to marketplace seconds by
 * dividing by the scale. The control plane's own work (database writes, HTTP, probes) cannot be scaled:
 * divided by 0.01 its milliseconds would count 100 times. Where the benchmark can measure such a span,
 * it counts it at its real duration: the race's start until its first create call, and a loser's time
 * from the winner observed ready to its destroy call (the reaction time, reported in real ms). The
 * rest (poll ticks, probes, bookkeeping) stays scaled, so the figures remain pessimistic for SnapGPU;
 * the raw figures, everything divided by the scale, are printed too.
 * <p>
 * <b>Honest count</b> ({@code -Dbench.honest=true}, the default): only the market's waiting is divided by the
 * scale, the way {@code TimeToWorkspaceBenchmark} counts it: from the race's first create call until the winning
 * machine runs at the market (the {@code ready} moment in its sandbox, on the clock app and benchmark share) is
 * the market's span (boots, earlier candidates' timeouts, wave intervals), divided by the scale; the request until
 * the first create call and the winner running until SnapGPU saw it ready (status poll lag, SSH probe, bootstrap)
 * count as measured. The status polls then run at their real intervals ({@code bench.pollSeconds}, 2 s; the close
 * watch at 0.5 s), not scaled, so their lag is a real market's. Control-plane milliseconds between waves fall in
 * the market's span and still count 1/scale times (pessimistic for SnapGPU). {@code -Dbench.honest=false}: the
 * earlier count, polls scaled and only the start and reaction counted as measured.
 * <p>
 * Other people rent hosts too: {@code bench.othersShare} of the hosts (default 0.25) is taken by
 * others at any time, so races meet a changing market rather than replaying one race 200 times. The
 * rentals are short ({@code bench.othersRentalSeconds}, default 20 marketplace seconds) on purpose:
 * races here run back to back, and with long rentals a slow race (10 minutes for strategy (a)) would
 * use up the very market state that made it slow, so far fewer races than the share says would ever
 * meet one. Short rentals give each race a nearly independent draw of the market, as independent
 * requests on a real marketplace get.
 * <p>
 * Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.snapgpu.bench.LaunchRaceBenchmark} (options: {@code -Dbench.races=200
 * -Dbench.timeScale=0.01 -Dbench.othersShare=0.25 -Dbench.othersRentalSeconds=20 -Dbench.seed=42
 * -Dbench.strategies=a,b,c -Dbench.pollSeconds=2 -Dbench.env=K=V,K=V}; {@code -Dbench.dump=FILE} appends every
 * race as the API returned it, one JSON a line).
 */
public final class LaunchRaceBenchmark {
    private static final String KEY = "sgk_bench_admin_key_0123456789abcdefghijklmn";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Strategy(String name, String title, Map<String, Object> policy) {
    }

    private static final List<Strategy> STRATEGIES = List.of(
            new Strategy("a", "(a) one machine at a time, 10-minute timeout", policy(1, 600.0, 10, 7200, 600, false)),
            new Strategy("b", "(b) 5 / 10 s / 3 waves, no host statistics", policy(5, 10.0, 3, 900, null, false)),
            new Strategy("c", "(c) 5 / 10 s / 3 waves, learned host statistics", policy(5, 10.0, 3, 900, null, true)));

    /** What one race gave, in marketplace seconds (control-plane times in real milliseconds). */
    private record Result(boolean won, double timeToReady, double wastedMachineMinutes, double rawTimeToReady,
            double rawWastedMachineMinutes, int machines, int waves, Double reactionMs, double startToFirstCreateMs,
            int lateDestroys, double marketSeconds, double controlPlaneSeconds) {
    }

    /** Honest count (class comment): only the market's waiting is divided by the time scale. */
    private static final boolean HONEST = Boolean.parseBoolean(System.getProperty("bench.honest", "true"));

    private LaunchRaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int races = Integer.getInteger("bench.races", 200);
        double scale = Double.parseDouble(System.getProperty("bench.timeScale", "0.01"));
        double others = Double.parseDouble(System.getProperty("bench.othersShare", "0.25"));
        int rental = Integer.getInteger("bench.othersRentalSeconds", 20);
        String seed = System.getProperty("bench.seed", "42");
        List<String> wanted = Arrays.asList(System.getProperty("bench.strategies", "a,b,c").split(","));

        Path dataDir = Files.createDirectories(Path.of("target/bench-data/race-" + UUID.randomUUID())).toAbsolutePath();
        int pgPort = AppProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SNAPGPU_DATA_DIR", dataDir.toString());
        env.put("SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
        env.put("SNAPGPU_ADMIN_API_KEY", KEY);
        env.put("SNAPGPU_LOCAL_PRESET", "marketplace");
        env.put("SNAPGPU_LOCAL_SEED", seed);
        env.put("SNAPGPU_LOCAL_HOSTS", "40");
        env.put("SNAPGPU_LOCAL_TIME_SCALE", Double.toString(scale));
        env.put("SNAPGPU_LOCAL_OTHERS_SHARE", Double.toString(others));
        env.put("SNAPGPU_LOCAL_OTHERS_RENTAL_SECONDS", Integer.toString(rental));
        double poll = Double.parseDouble(System.getProperty("bench.pollSeconds", "2"));
        if (HONEST) {
            // real-world polling, as TimeToWorkspaceBenchmark: its lag counts as measured
            env.put("SNAPGPU_INSTANCES_POLL_INTERVAL", String.format(Locale.ROOT, "%.4fS", poll));
            env.put("SNAPGPU_RACES_CLOSE_WATCH_INTERVAL", String.format(Locale.ROOT, "%.3fS", 0.5 / scale)); // scaled back to 0.5 s
        } else {
            env.put("SNAPGPU_INSTANCES_POLL_INTERVAL", String.format(Locale.ROOT, "%.4fS", poll * scale));
        }
        env.put("QUARKUS_LOG_CATEGORY__IO_SNAPGPU__LEVEL", "WARN");
        env.putAll(BenchSupport.settingsFromCommandLine());

        System.out.printf("Launch race benchmark: %d races per strategy, marketplace preset (40 hosts, seed %s),"
                + " time scale %s, others rent %.0f %% of hosts (%d s rentals), status poll every %s s (%s), %s count;"
                + " load %s%n", races, seed, scale, others * 100, rental, poll, HONEST ? "real" : "scaled",
                HONEST ? "honest (only the market's waiting scaled)" : "earlier (polls and bookkeeping scaled)",
                Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("app data and log: %s%n%n", dataDir);
        Map<String, List<Result>> results = new LinkedHashMap<>();
        try (AppProcess app = AppProcess.start(dataDir.resolve("app.log"), env).awaitHealthy(Duration.ofSeconds(180))) {
            for (Strategy s : STRATEGIES) {
                if (!wanted.contains(s.name())) {
                    continue;
                }
                if (s.name().equals("c")) {
                    forgetHostStatistics(pgPort); // (c) learns from its own races only
                }
                long t0 = System.nanoTime();
                List<Result> rs = new ArrayList<>();
                for (int i = 0; i < races; i++) {
                    rs.add(race(app, s, scale, dataDir));
                }
                results.put(s.name(), rs);
                System.out.printf("%s: %d races in %.0f s%n", s.title(), races, (System.nanoTime() - t0) / 1e9);
            }
        }
        report(results, scale, bestPossible(Long.parseLong(seed), 40, 5));
        System.out.printf("load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /**
     * The best p50 and p95 time-to-ready any race of waves of {@code waveSize} could have on this market:
     * every race gets the market's {@code waveSize} fastest-booting hosts (as if it knew every host's
     * base boot time and none were rented by others), each boot jittered as the market jitters it, and no
     * control-plane time at all (no poll interval, no probe). A later wave cannot help at these quantiles
     * (it starts 10 s in, and no host boots in under 6.4 s). Nothing that only ranks hosts can beat it.
     */
    static double[] bestPossible(long seed, int hosts, int waveSize) {
        List<BootProfile> fastest = LocalMarket.generate("marketplace", seed, hosts).stream().map(LocalHost::boot)
                .filter(b -> b.kind() == BootProfile.Kind.BOOTS)
                .sorted(java.util.Comparator.comparingDouble(BootProfile::baseSeconds)).limit(waveSize).toList();
        java.util.Random r = new java.util.Random(seed);
        double[] ready = new double[100_000];
        for (int i = 0; i < ready.length; i++) {
            double first = Double.MAX_VALUE;
            for (BootProfile host : fastest) {
                first = Math.min(first, host.sampleSeconds(r));
            }
            ready[i] = first;
        }
        Arrays.sort(ready);
        return new double[] { pct(ready, 50), pct(ready, 95) };
    }

    private static Map<String, Object> policy(int size, double interval, int waves, int timeout, Integer candidateTimeout,
            boolean stats) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wave_size", size);
        p.put("wave_interval_seconds", interval);
        p.put("max_waves", waves);
        p.put("timeout_seconds", timeout);
        if (candidateTimeout != null) {
            p.put("candidate_timeout_seconds", candidateTimeout);
        }
        p.put("rank_by_host_stats", stats);
        return p;
    }

    private static Result race(AppProcess app, Strategy s, double scale, Path dataDir) throws Exception {
        JsonNode r = call(app, "POST", "/api/v1/races", JSON.writeValueAsString(Map.of("policy", s.policy())), 201);
        String id = r.path("id").asText();
        while (r.path("finished_at").isNull()) {
            Thread.sleep(10);
            r = call(app, "GET", "/api/v1/races/" + id, null, 200);
        }
        if (System.getProperty("bench.dump") != null) {
            Files.writeString(Path.of(System.getProperty("bench.dump")), r.toString() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        boolean won = r.path("status").asText().equals("WON");
        String winner = r.path("winner_candidate_id").asText(null);
        OffsetDateTime created = time(r.path("created_at"));
        OffsetDateTime observed = time(r.path("winner_observed_at"));
        double reaction = r.path("reaction_ms").isNumber() ? r.path("reaction_ms").asDouble() : Double.NaN;
        double firstCreate = Double.MAX_VALUE;
        double wasted = 0;
        double rawWasted = 0;
        int late = 0;
        for (JsonNode c : r.path("candidates")) {
            firstCreate = Math.min(firstCreate, ms(created, time(c.path("launched_at"))));
            if (c.path("id").asText().equals(winner)) {
                continue;
            }
            rawWasted += c.path("alive_seconds").asDouble(0) / scale / 60;
            OffsetDateTime launched = time(c.path("launched_at"));
            OffsetDateTime destroyCalled = time(c.path("destroy_called_at"));
            if (destroyCalled == null) {
                continue; // no machine was created (or none to destroy): nothing was billed
            }
            boolean atDecision = observed != null && !destroyCalled.isBefore(observed)
                    && ms(observed, destroyCalled) <= reaction + 1;
            if (atDecision) {
                // booting until the winner was seen (marketplace time), then the control plane's reaction (real)
                wasted += (Math.max(0, ms(launched, observed)) / scale + ms(observed, destroyCalled)) / 60_000;
            } else {
                wasted += ms(launched, destroyCalled) / scale / 60_000;
                if (observed != null && destroyCalled.isAfter(observed)) {
                    late++; // destroyed when its create returned, after the decision
                }
            }
        }
        double market = Double.NaN;
        double controlPlane = Double.NaN;
        if (won) {
            // the winner's sandbox says when the market let it run; read before it is destroyed (and deleted)
            String machine = call(app, "GET", "/api/v1/instances/" + r.path("winner_instance_id").asText(), null, 200)
                    .path("provider_instance_id").asText();
            java.util.Properties sandbox = new java.util.Properties();
            try (var in = Files.newInputStream(dataDir.resolve("local-instances").resolve(machine)
                    .resolve("instance.properties"))) {
                sandbox.load(in);
            }
            long running = Long.parseLong(sandbox.getProperty("ready"));
            long firstCreateAt = created.toInstant().toEpochMilli() + Math.round(firstCreate);
            market = (running - firstCreateAt) / 1000.0 / scale;
            controlPlane = firstCreate / 1000 + (observed.toInstant().toEpochMilli() - running) / 1000.0;
            call(app, "DELETE", "/api/v1/instances/" + r.path("winner_instance_id").asText(), null, 200);
        }
        double raw = won ? r.path("time_to_ready_seconds").asDouble() / scale : Double.NaN;
        double ttr = !won ? Double.NaN : HONEST ? market + controlPlane
                : (r.path("time_to_ready_seconds").asDouble() * 1000 - firstCreate) / scale / 1000 + firstCreate / 1000;
        return new Result(won, ttr, wasted, raw, rawWasted, r.path("candidates").size(), r.path("waves_launched").asInt(),
                Double.isNaN(reaction) ? null : reaction, firstCreate, late, market, controlPlane);
    }

    private static OffsetDateTime time(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : OffsetDateTime.parse(n.asText());
    }

    private static double ms(OffsetDateTime from, OffsetDateTime to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static void report(Map<String, List<Result>> results, double scale, double[] best) {
        System.out.println();
        System.out.printf("%-50s %6s %8s %8s %8s %12s %9s %9s %14s%n", "strategy", "races", "failed", "p50 s", "p95 s",
                "wasted m-min", "machines", "waves", "reaction ms");
        System.out.printf("%-50s %6s %8s %8s %8s %12s %9s %9s %14s%n", "", "", "", "(ready)", "(ready)", "per race",
                "per race", "per race", "p50/p95/max");
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (Strategy s : STRATEGIES) {
            List<Result> rs = results.get(s.name());
            if (rs == null) {
                continue;
            }
            long failed = rs.stream().filter(r -> !r.won()).count();
            double[] ttr = rs.stream().filter(Result::won).mapToDouble(Result::timeToReady).sorted().toArray();
            double wasted = rs.stream().mapToDouble(Result::wastedMachineMinutes).average().orElse(0);
            double machines = rs.stream().mapToInt(Result::machines).average().orElse(0);
            double waves = rs.stream().mapToInt(Result::waves).average().orElse(0);
            double[] reaction = rs.stream().filter(r -> r.reactionMs() != null).mapToDouble(Result::reactionMs).sorted()
                    .toArray();
            String react = reaction.length == 0 ? "n/a (no losers)" : String.format("%.0f/%.0f/%.0f",
                    pct(reaction, 50), pct(reaction, 95), reaction[reaction.length - 1]);
            double p50 = pct(ttr, 50);
            double p95 = pct(ttr, 95);
            summary.put(s.name(), new double[] { p50, p95, wasted, (double) failed / rs.size(),
                    reaction.length == 0 ? Double.NaN : pct(reaction, 95),
                    reaction.length == 0 ? Double.NaN : reaction[reaction.length - 1] });
            System.out.printf("%-50s %6d %7.1f%% %8.1f %8.1f %12.2f %9.1f %9.2f %14s%n", s.title(), rs.size(),
                    100.0 * failed / rs.size(), p50, p95, wasted, machines, waves, react);
            double[] startToCreate = rs.stream().mapToDouble(Result::startToFirstCreateMs).sorted().toArray();
            double[] raw = rs.stream().filter(Result::won).mapToDouble(Result::rawTimeToReady).sorted().toArray();
            double rawWasted = rs.stream().mapToDouble(Result::rawWastedMachineMinutes).average().orElse(0);
            int late = rs.stream().mapToInt(Result::lateDestroys).sum();
            System.out.printf("%-50s raw (all divided by the scale): p50 %.1f s, p95 %.1f s, wasted %.2f machine-min;"
                    + " race start -> first create call p50 %.0f ms; losers destroyed when their late create"
                    + " returned: %d%n", "", pct(raw, 50), pct(raw, 95), rawWasted, pct(startToCreate, 50), late);
            double[] market = rs.stream().filter(Result::won).mapToDouble(Result::marketSeconds).sorted().toArray();
            double[] control = rs.stream().filter(Result::won).mapToDouble(Result::controlPlaneSeconds).sorted().toArray();
            System.out.printf("%-50s of ready: market's waiting (first create -> winner running, /scale) p50 %.1f s,"
                    + " p95 %.1f s; control plane as measured (request -> first create, running -> seen ready: poll lag,"
                    + " SSH probe, bootstrap) p50 %.2f s, p95 %.2f s%n", "", pct(market, 50), pct(market, 95),
                    pct(control, 50), pct(control, 95));
        }
        double[] a = summary.get("a");
        double[] b = summary.get("b");
        double[] c = summary.get("c");
        System.out.printf("%-50s %6s %8s %8.1f %8.1f   (the market's 5 fastest hosts every race, no control-plane time)%n",
                "best possible for 5-machine waves on this market", "", "", best[0], best[1]);
        System.out.println();
        if (c != null) {
            System.out.printf("(c)/best possible: p50 %.3f, p95 %.3f%n", c[0] / best[0], c[1] / best[1]);
        }
        if (a != null && c != null) {
            System.out.printf("(c)/(a): p95 %.4f (1/%.0f), p50 %.3f, wasted machine-minutes %.3f%n", c[1] / a[1],
                    a[1] / c[1], c[0] / a[0], c[2] / a[2]);
        }
        if (b != null && c != null) {
            System.out.printf("(c)/(b): p50 %.3f, p95 %.3f, wasted machine-minutes %.3f%n", c[0] / b[0], c[1] / b[1],
                    c[2] / b[2]);
        }
        System.out.println();
        System.out.println("goals:");
        if (a != null && c != null) {
            goal("p95 time-to-ready of (c) at most 1/20 of (a)", c[1] <= a[1] / 20,
                    String.format("%.1f s vs %.1f s", c[1], a[1]));
        }
        if (b != null && c != null) {
            goal("p50 of (c) at most 0.75 x (b)", c[0] <= 0.75 * b[0], String.format("%.1f s vs 0.75 x %.1f s = %.1f s",
                    c[0], b[0], 0.75 * b[0]) + (best[0] > 0.75 * b[0]
                            ? String.format(" (out of reach on this market: the best possible p50 is %.1f s)", best[0])
                            : ""));
        }
        if (c != null) {
            goal("under 1 wasted machine-minute per race for (c)", c[2] < 1, String.format("%.2f", c[2]));
            goal("control plane reaction (winner ready -> every loser's destroy issued) under 200 ms, p95 of (c)",
                    c[4] < 200, String.format("p95 %.0f ms, max %.0f ms", c[4], c[5]));
        }
        if (b != null || c != null) {
            double fb = b == null ? 0 : b[3];
            double fc = c == null ? 0 : c[3];
            goal("no race of (b) or (c) fails", fb == 0 && fc == 0, String.format("(b) %.1f %%, (c) %.1f %%", fb * 100,
                    fc * 100));
        }
    }

    private static void goal(String what, boolean met, String figures) {
        System.out.printf("  [%s] %s: %s%n", met ? "met " : "MISS", what, figures);
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void forgetHostStatistics(int pgPort) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/snapgpu", "postgres",
                "")) {
            c.createStatement().executeUpdate("delete from host_stats");
        }
    }

    private static JsonNode call(AppProcess app, String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(60));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
