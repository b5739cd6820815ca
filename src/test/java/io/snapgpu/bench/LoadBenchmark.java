package io.snapgpu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.support.AppProcess;
import io.snapgpu.support.SharedServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on one replica and on two (the packaged app, on one shared PostgreSQL, bucket and local
 * marketplace): {@code bench.clients} GraphQL clients (200) page through a tenant's 10,000 snapshots
 * in a closed loop while {@code bench.subscriptions} (500) graphql-ws subscriptions stream the progress
 * of launch races driven by the first replica. Prints p50/p99 latency and throughput of each, and the
 * two-replica/one-replica ratios, measured side by side in one run.
 *
 * <p>{@code ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.snapgpu.bench.LoadBenchmark} (options: -Dbench.seconds=30 -Dbench.clients=200
 * -Dbench.subscriptions=500 -Dbench.races=10 -Dbench.snapshots=10000).
 */
public final class LoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "query($offset: Int) { snapshots(offset: $offset, limit: 50)"
            + " { id kind status createdAt totalBytes treeHash } }";
    /** Each client pages on from the last snapshot it saw, as the API asks since cursors came (start over at the end). */
    private static final String LIST_AFTER = "query($after: String) { snapshots(after: $after, limit: 50)"
            + " { id kind status createdAt totalBytes treeHash cursor } }";
    private static final java.util.regex.Pattern LAST_CURSOR = java.util.regex.Pattern.compile("\"cursor\":\"([^\"]+)\"}]");
    /** cursor (default) or offset: random pages by offset, the only way before cursors (for a before/after run). */
    private static final String PAGING = System.getProperty("bench.paging", "cursor");
    private static final String PROGRESS = "subscription { launchRaceProgress(id: \\\"%s\\\") { type seq at terminal } }";

    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.subscriptions", 500);
    private static final int RACES = Integer.getInteger("bench.races", 10);
    private static final int SNAPSHOTS = Integer.getInteger("bench.snapshots", 10_000);

    /** Sockets the server closed (or that failed) before we aborted them at the end: code and reason. */
    private static final ConcurrentLinkedQueue<String> CLOSED = new ConcurrentLinkedQueue<>();
    /** Per subscription: the seqs received (T = terminal) and C when it completed; printed for the incomplete. */
    private static final ConcurrentLinkedQueue<StringBuilder> TRACES = new ConcurrentLinkedQueue<>();

    private LoadBenchmark() {
    }

    record Result(int replicas, List<Long> listNanos, int listErrors, double seconds, List<Long> eventMillis,
            int events, int completed, int subscriptions, int finishedRaces, int ofFinished, int ofFinishedCompleted,
            double appCpuSeconds) {
        double listPerSecond() {
            return listNanos.size() / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of("target/bench-data/load-" + UUID.randomUUID())).toAbsolutePath();
        SharedServices services = SharedServices.start(root, BenchSupport.KEY);
        Map<String, String> env = services.env();
        env.putAll(Map.ofEntries(
                Map.entry("SNAPGPU_LOCAL_HOSTS", "400"),
                Map.entry("SNAPGPU_LOCAL_OTHERS_SHARE", "0"),
                // races last several seconds (boots of 8 s and more at 0.5), long enough to stream live
                Map.entry("SNAPGPU_LOCAL_TIME_SCALE", "0.5"),
                Map.entry("SNAPGPU_INSTANCES_POLL_INTERVAL", "0.5S"),
                Map.entry("QUARKUS_LOG_LEVEL", "WARN"),
                Map.entry("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "20")));
        System.out.printf("load benchmark: %d listing clients (%s paging), %d subscriptions over %d races, %d snapshots,"
                + " %d s per run, %d cores, load %s%n", CLIENTS, PAGING, SUBSCRIPTIONS, RACES, SNAPSHOTS, SECONDS,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
        List<Result> results = new ArrayList<>();
        // -Dbench.replicas=1: one replica only (a before/after run of the listing)
        for (int replicas : java.util.Arrays.stream(System.getProperty("bench.replicas", "1,2").split(","))
                .mapToInt(r -> Integer.parseInt(r.trim())).toArray()) {
            List<AppProcess> apps = new ArrayList<>();
            try {
                for (int i = 0; i < replicas; i++) {
                    Map<String, String> e = new HashMap<>(env);
                    Path dir = Files.createDirectories(root.resolve("r" + replicas + "-" + i));
                    e.put("SNAPGPU_DATA_DIR", dir.toString());
                    apps.add(AppProcess.start(dir.resolve("app.log"), e).awaitHealthy(Duration.ofSeconds(120)));
                }
                if (results.isEmpty()) {
                    seed(services.jdbcUrl);
                }
                results.add(run(apps));
            } finally {
                for (AppProcess app : apps) {
                    destroyAll(app);
                    app.close();
                }
            }
        }
        print(results);
        System.exit(0);
    }

    private static void seed(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into snapshot (id, tenant_id, restic_id, tree_hash, kind, status, description, total_bytes,"
                    + " added_bytes, file_count, created_at, finished_at, expires_at)"
                    + " select gen_random_uuid(), (select tenant_id from app_user order by created_at limit 1),"
                    + " md5(g::text), md5((g / 3)::text), 'AUTOMATIC', 'SUCCEEDED', 'load ' || g, 1000000 + g, g, 100,"
                    + " now() - g * interval '1 minute', now() - g * interval '1 minute', now() + interval '7 days'"
                    + " from generate_series(1, " + SNAPSHOTS + ") g");
            try (ResultSet rs = s.executeQuery("select count(*) from snapshot")) {
                rs.next();
                System.out.printf("seeded %d snapshots%n", rs.getInt(1));
            }
        }
    }

    private static Result run(List<AppProcess> apps) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // the races, all driven by the first replica; subscribers are spread over every replica
        List<String> races = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            races.add(BenchSupport.field(BenchSupport.post(apps.get(0), "/api/v1/races",
                    "{\"policy\": {\"wave_size\": 3, \"max_waves\": 3}}"), "id"));
        }
        ConcurrentLinkedQueue<Long> eventMillis = new ConcurrentLinkedQueue<>();
        AtomicInteger events = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        List<AtomicInteger> completedPerRace = new ArrayList<>();
        races.forEach(r -> completedPerRace.add(new AtomicInteger()));
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            AppProcess app = apps.get(i % apps.size());
            sockets.add(subscribe(http, app, races.get(i % races.size()), eventMillis, events, completed,
                    completedPerRace.get(i % races.size())).get(30, TimeUnit.SECONDS));
        }
        // closed-loop listing clients
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
        double cpuAtStart = cpuSeconds(apps);
        ConcurrentLinkedQueue<Long> listNanos = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            loops.add(listLoop(http, apps.get(i % apps.size()), end, listNanos, errors,
                    new java.util.concurrent.atomic.AtomicReference<>()));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(SECONDS + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double appCpu = cpuSeconds(apps) - cpuAtStart;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (completed.get() < SUBSCRIPTIONS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (!CLOSED.isEmpty()) {
            System.out.printf("%d sockets closed early: %s%n", CLOSED.size(), new java.util.TreeSet<>(CLOSED));
            CLOSED.clear();
        }
        sockets.forEach(s -> s.abort());
        TRACES.stream().map(StringBuilder::toString).filter(t -> !t.endsWith(" C")).limit(5)
                .forEach(t -> System.out.println("incomplete subscription " + t));
        TRACES.clear();
        // a race still running (a slow market) keeps its subscriptions open; every subscription of a
        // finished race must have completed
        int finished = 0;
        int ofFinished = 0;
        int ofFinishedCompleted = 0;
        for (int r = 0; r < races.size(); r++) {
            JsonNode race = JSON.readTree(BenchSupport.get(apps.get(apps.size() - 1), "/api/v1/races/" + races.get(r)));
            if (!race.path("finished_at").isNull()) {
                finished++;
                ofFinished += (SUBSCRIPTIONS - r + races.size() - 1) / races.size();
                ofFinishedCompleted += completedPerRace.get(r).get();
            }
        }
        return new Result(apps.size(), new ArrayList<>(listNanos), errors.get(), seconds, new ArrayList<>(eventMillis),
                events.get(), completed.get(), SUBSCRIPTIONS, finished, ofFinished, ofFinishedCompleted, appCpu);
    }

    /** CPU seconds (user + system) the replicas' processes have used so far, from /proc (Linux). */
    private static double cpuSeconds(List<AppProcess> apps) {
        double total = 0;
        for (AppProcess app : apps) {
            try {
                String stat = Files.readString(Path.of("/proc/" + app.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
            } catch (Exception e) {
                return Double.NaN;
            }
        }
        return total;
    }

    private static CompletableFuture<Void> listLoop(HttpClient http, AppProcess app, long end,
            ConcurrentLinkedQueue<Long> nanos, AtomicInteger errors, java.util.concurrent.atomic.AtomicReference<String> after) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        String body;
        if (PAGING.equals("offset")) {
            int offset = ThreadLocalRandom.current().nextInt(SNAPSHOTS / 50) * 50;
            body = "{\"query\": \"" + LIST + "\", \"variables\": {\"offset\": " + offset + "}}";
        } else {
            String a = after.get();
            body = "{\"query\": \"" + LIST_AFTER + "\", \"variables\": {\"after\": "
                    + (a == null ? "null" : "\"" + a + "\"") + "}}";
        }
        long t0 = System.nanoTime();
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + "/graphql"))
                .header("Authorization", "Bearer " + BenchSupport.KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                    if (e != null || r.statusCode() != 200 || !r.body().contains("\"snapshots\":[")
                            || r.body().contains("\"errors\"")) {
                        errors.incrementAndGet();
                        after.set(null);
                    } else {
                        nanos.add(System.nanoTime() - t0);
                        java.util.regex.Matcher m = LAST_CURSOR.matcher(r.body());
                        after.set(m.find() ? m.group(1) : null); // a short last page: start over
                    }
                    return null;
                }).thenCompose(x -> listLoop(http, app, end, nanos, errors, after));
    }

    private static CompletableFuture<WebSocket> subscribe(HttpClient http, AppProcess app, String raceId,
            ConcurrentLinkedQueue<Long> eventMillis, AtomicInteger events, AtomicInteger completed,
            AtomicInteger completedOfRace) {
        AtomicLong subscribedAt = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<CompletableFuture<WebSocket>> initSent =
                new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());
        StringBuilder trace = new StringBuilder(raceId.substring(0, 8) + ":");
        TRACES.add(trace);
        return http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + BenchSupport.KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + app.httpPort + "/graphql"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String msg = partial.toString();
                            partial.setLength(0);
                            long now = System.currentTimeMillis();
                            if (msg.contains("\"connection_ack\"")) {
                                subscribedAt.set(now);
                                synchronized (trace) {
                                    trace.append(" ack");
                                }
                                // one send at a time on a WebSocket: after connection_init's send has completed
                                String subscribe = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                                        + PROGRESS.formatted(raceId) + "\"}}";
                                initSent.get().thenCompose(x -> s.sendText(subscribe, true)).exceptionally(e -> {
                                    CLOSED.add("subscribe not sent: " + e);
                                    return null;
                                });
                            } else if (msg.contains("\"next\"")) {
                                try {
                                    JsonNode p = JSON.readTree(msg).path("payload").path("data").path("launchRaceProgress");
                                    long at = OffsetDateTime.parse(p.path("at").asText()).toInstant().toEpochMilli();
                                    events.incrementAndGet();
                                    synchronized (trace) {
                                        trace.append(' ').append(p.path("seq").asInt())
                                                .append(p.path("terminal").asBoolean() ? "T" : "");
                                    }
                                    if (at > subscribedAt.get() && p.path("seq").asInt() > 0) {
                                        eventMillis.add(now - at); // published after we subscribed: a live event
                                    }
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            } else if (msg.contains("\"complete\"") || msg.contains("\"error\"")) {
                                completed.incrementAndGet();
                                completedOfRace.incrementAndGet();
                                synchronized (trace) {
                                    trace.append(" C");
                                }
                            }
                        }
                        s.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket s, int code, String reason) {
                        CLOSED.add(code + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket s, Throwable error) {
                        CLOSED.add("error " + error);
                    }
                }).thenApply(ws -> {
                    ws.sendText("{\"type\":\"connection_init\"}", true).whenComplete((w, e) -> {
                        if (e == null) {
                            initSent.get().complete(w);
                        } else {
                            initSent.get().completeExceptionally(e);
                        }
                    });
                    return ws;
                });
    }

    private static void destroyAll(AppProcess app) {
        try {
            JsonNode all = JSON.readTree(BenchSupport.get(app, "/api/v1/instances"));
            HttpClient http = HttpClient.newHttpClient();
            for (JsonNode i : all) {
                if (List.of("READY", "RUNNING", "BOOTING", "PROVISIONING").contains(i.path("status").asText())) {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + "/api/v1/instances/"
                            + i.path("id").asText())).header("Authorization", "Bearer " + BenchSupport.KEY).DELETE()
                            .build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        } catch (Exception e) {
            System.out.println("could not destroy the machines: " + e);
        }
    }

    private static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void print(List<Result> rs) {
        Result one = rs.get(0);
        Result two = rs.size() > 1 ? rs.get(1) : rs.get(0); // one run: printed twice, ratio 1
        System.out.println();
        System.out.printf("%-34s %12s %12s %10s%n", "", "1 replica", "2 replicas", "2/1");
        row("listing p50 (ms)", pct(one.listNanos(), 0.5) / 1e6, pct(two.listNanos(), 0.5) / 1e6);
        row("listing p99 (ms)", pct(one.listNanos(), 0.99) / 1e6, pct(two.listNanos(), 0.99) / 1e6);
        row("listing throughput (req/s)", one.listPerSecond(), two.listPerSecond());
        row("listing errors", one.listErrors(), two.listErrors());
        row("app CPU per listing (ms, all work)", one.appCpuSeconds() * 1000 / one.listNanos().size(),
                two.appCpuSeconds() * 1000 / two.listNanos().size());
        row("live progress delivery p50 (ms)", pct(one.eventMillis(), 0.5), pct(two.eventMillis(), 0.5));
        row("live progress delivery p99 (ms)", pct(one.eventMillis(), 0.99), pct(two.eventMillis(), 0.99));
        row("progress messages received", one.events(), two.events());
        row("subscriptions completed (of " + one.subscriptions() + ")", one.completed(), two.completed());
        row("races finished (of " + RACES + ")", one.finishedRaces(), two.finishedRaces());
        row("subscriptions of finished races", one.ofFinished(), two.ofFinished());
        row("... of which completed", one.ofFinishedCompleted(), two.ofFinishedCompleted());
        System.out.println("(delivery: publish time at the driving replica to arrival at the client, for events"
                + " published after the client subscribed; with 2 replicas half the subscribers are on the replica"
                + " that does not drive the races, so their events travel through PostgreSQL NOTIFY)");
    }

    private static void row(String name, double one, double two) {
        System.out.printf("%-34s %12.1f %12.1f %10.2f%n", name, one, two, one == 0 ? Double.NaN : two / one);
    }
}
