package io.snapgpu.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.support.AppProcess;
import io.snapgpu.support.GraphQLWs;
import io.snapgpu.support.SharedServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two SnapGPU replicas (the packaged app, two processes on two ports) on one PostgreSQL, one bucket
 * and one local marketplace: a race driven by A streams to a subscriber on B (PostgreSQL NOTIFY), due
 * backup policies are each snapshotted exactly once, and when A is killed (kill -9) mid-race, B ends
 * the race cleanly and its subscriber sees the end.
 */
class ReplicasIT {
    private static final String KEY = "sgk_it_replicas_key_0123456789abcdefghijklmno";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRESS = "subscription { launchRaceProgress(id: \"%s\") { type seq terminal raceStatus } }";

    private static Path root;
    private static String jdbc;
    private static Map<String, String> shared;

    @BeforeAll
    static void sharedParts() throws Exception {
        root = Files.createDirectories(Path.of("target/it-data/replicas-" + UUID.randomUUID())).toAbsolutePath();
        SharedServices services = SharedServices.start(root, KEY);
        jdbc = services.jdbcUrl;
        shared = services.env();
        shared.putAll(Map.ofEntries(
                // time scale 0.1: boots take 0.8 s and more, so a kill lands while machines boot
                Map.entry("SNAPGPU_LOCAL_TIME_SCALE", "0.1"),
                Map.entry("SNAPGPU_INSTANCES_POLL_INTERVAL", "0.2S"),
                Map.entry("SNAPGPU_RACES_LEASE", "2S"),
                Map.entry("SNAPGPU_CLUSTER_HEARTBEAT_INTERVAL", "1S"),
                Map.entry("SNAPGPU_CLUSTER_REPLICA_TIMEOUT", "4S"),
                Map.entry("SNAPGPU_CLUSTER_RECOVERY_INTERVAL", "1S"),
                Map.entry("SNAPGPU_SNAPSHOTS_DUE_CHECK_INTERVAL", "1S"),
                Map.entry("SNAPGPU_SNAPSHOTS_DUE_CHECK_DELAY", "1S")));
    }

    @AfterAll
    static void done() {
        // the shared PostgreSQL and S3 server stop with this JVM (their shutdown hooks)
    }

    private static AppProcess replica(String name) throws Exception {
        Map<String, String> env = new HashMap<>(shared);
        env.put("SNAPGPU_DATA_DIR", Files.createDirectories(root.resolve(name)).toString());
        return AppProcess.start(root.resolve(name + ".log"), env);
    }

    @Test
    void twoReplicasShareTheWorkAndTakeOverFromOneThatDies() throws Exception {
        AppProcess a = replica("a").awaitHealthy(BOOT);
        try (AppProcess b = replica("b").awaitHealthy(BOOT)) {
            try {
                raceOnAStreamsToB(a, b);
                String machine = duePoliciesAreSnapshottedOnce(a, b);
                killingAMidRaceLetsBEndIt(a, b, machine);
            } finally {
                a.close();
                destroyEverything(b);
            }
        }
    }

    private void raceOnAStreamsToB(AppProcess a, AppProcess b) throws Exception {
        String raceId = send(a, "POST", "/api/v1/races", "{\"policy\": {\"wave_size\": 5}}", 201).path("id").asText();
        java.sql.Timestamp subscribed = new java.sql.Timestamp(System.currentTimeMillis());
        List<String> events = GraphQLWs.subscribe(graphql(b), KEY, PROGRESS.formatted(raceId), Duration.ofSeconds(90));
        assertEquals(1, count("select count(*) from progress_event where subject_id = '" + raceId + "' and"
                + " terminal and created_at > '" + subscribed.toInstant() + "'"),
                "the race ended after B's subscriber came: its end reached B live, from A through PostgreSQL");
        JsonNode race = send(a, "GET", "/api/v1/races/" + raceId, null, 200);
        assertEquals("WON", race.path("status").asText(), race.toString());
        List<JsonNode> received = new ArrayList<>();
        for (String e : events) {
            received.add(JSON.readTree(e).path("payload").path("data").path("launchRaceProgress"));
        }
        assertFalse(received.isEmpty(), "B streamed nothing");
        JsonNode last = received.get(received.size() - 1);
        assertTrue(last.path("terminal").asBoolean(), "B's stream ends with the race's end: " + events);
        assertEquals("WON", last.path("raceStatus").asText(), events.toString());
        int stored = count("select count(*) from progress_event where subject_id = '" + raceId + "'");
        assertEquals(stored, received.size() - 1, "B sent the current state, then every event A published: " + events);
        for (int i = 1; i < received.size(); i++) {
            assertEquals(i, received.get(i).path("seq").asInt(), "in order: " + events);
        }
        System.out.printf("race %s driven by A: %d events streamed by B%n", raceId, received.size());
    }

    /** Returns one of the machines. */
    private String duePoliciesAreSnapshottedOnce(AppProcess a, AppProcess b) throws Exception {
        List<String> machines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String raceId = send(i % 2 == 0 ? a : b, "POST", "/api/v1/races", "{\"policy\": {\"wave_size\": 5}}", 201)
                    .path("id").asText();
            JsonNode race = awaitFinished(a, raceId, Duration.ofSeconds(60));
            assertEquals("WON", race.path("status").asText(), race.toString());
            machines.add(race.path("winner_instance_id").asText());
        }
        for (String id : machines) {
            String machine = send(a, "GET", "/api/v1/instances/" + id, null, 200).path("provider_instance_id").asText();
            Files.writeString(root.resolve("marketplace").resolve(machine).resolve("root/workspace").resolve("train.py"),
                    "print('workspace of " + id + "')\n");
            send(b, "POST", "/api/v1/snapshots/config", "{\"instance_id\": \"" + id + "\", \"frequency_minutes\": 15,"
                    + " \"retention_days\": 7, \"include_paths\": [\"/\"], \"exclude_paths\": []}", 200);
        }
        String in = machines.stream().map(m -> "'" + m + "'").collect(Collectors.joining(","));
        execute("update backup_policy set next_run_at = now() - interval '1 second' where instance_id in (" + in + ")");
        String counted = "select count(*) from snapshot where kind = 'AUTOMATIC' and status = 'SUCCEEDED'"
                + " and instance_id in (" + in + ")";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(counted) < machines.size() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(4000); // both replicas check for due policies every second: time for a second, wrong run
        Map<String, Integer> perMachine = counts("select instance_id::text, count(*) from snapshot where kind ="
                + " 'AUTOMATIC' and instance_id in (" + in + ") group by instance_id");
        assertEquals(machines.size(), perMachine.size(), "every due policy was snapshotted: " + perMachine
                + "\nA:\n" + a.output() + "\nB:\n" + b.output());
        perMachine.forEach((m, n) -> assertEquals(1, n, "exactly one automatic snapshot of " + m + ": " + perMachine));
        assertEquals(machines.size(), count(counted), "each one succeeded: " + counts("select coalesce(error, status),"
                + " count(*) from snapshot where kind = 'AUTOMATIC' group by 1") + "\nA:\n" + a.output() + "\nB:\n"
                + b.output());
        Map<String, Integer> byReplica = counts("select owner, count(*) from snapshot where kind = 'AUTOMATIC'"
                + " and instance_id in (" + in + ") group by owner");
        System.out.printf("due policies: %d, automatic snapshots per machine %s, taken by %s%n", machines.size(),
                perMachine.values(), byReplica);
        return machines.get(0);
    }

    private void killingAMidRaceLetsBEndIt(AppProcess a, AppProcess b, String busyMachine) throws Exception {
        // a manual snapshot of 300 MB runs on A too when A dies
        String machine = send(a, "GET", "/api/v1/instances/" + busyMachine, null, 200).path("provider_instance_id").asText();
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(root.resolve("marketplace").resolve(machine).resolve("root/workspace")
                .resolve("weights.bin"))) {
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 300; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        String snapshotId = send(a, "POST", "/api/v1/snapshots", "{\"instance_id\": \"" + busyMachine + "\"}", 202)
                .path("id").asText();
        String raceId = send(a, "POST", "/api/v1/races", "{\"policy\": {\"wave_size\": 5}}", 201).path("id").asText();
        CompletableFuture<List<String>> onB = CompletableFuture.supplyAsync(() -> {
            try {
                return GraphQLWs.subscribe(graphql(b), KEY, PROGRESS.formatted(raceId), Duration.ofSeconds(90));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode race = send(a, "GET", "/api/v1/races/" + raceId, null, 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (race.path("candidates").size() < 5 && System.nanoTime() < deadline) {
            race = send(a, "GET", "/api/v1/races/" + raceId, null, 200);
        }
        assertEquals("RUNNING", race.path("status").asText(), "killed before any machine was ready: " + race);
        assertEquals(1, count("select count(*) from snapshot where id = '" + snapshotId + "' and status = 'RUNNING'"),
                "killed while the snapshot runs");
        a.kill();

        List<String> events = onB.get(120, TimeUnit.SECONDS);
        JsonNode last = JSON.readTree(events.get(events.size() - 1)).path("payload").path("data").path("launchRaceProgress");
        assertTrue(last.path("terminal").asBoolean(), "B's subscriber saw the race end: " + events);
        assertTrue(events.stream().anyMatch(e -> e.contains("RACE_RECOVERED")), "B took the race over: " + events);
        race = awaitFinished(b, raceId, Duration.ofSeconds(60));
        String status = race.path("status").asText();
        assertTrue(Set.of("WON", "FAILED").contains(status), race.toString());
        Set<String> left = sandboxes();
        for (JsonNode c : race.path("candidates")) {
            JsonNode i = send(b, "GET", "/api/v1/instances/" + c.path("instance_id").asText(), null, 200);
            boolean winner = c.path("instance_id").asText().equals(race.path("winner_instance_id").asText());
            if (winner) {
                assertEquals("READY", i.path("status").asText(), i.toString());
                assertTrue(left.contains(i.path("provider_instance_id").asText()), "the winner is kept");
            } else {
                assertTrue(Set.of("DESTROYED", "FAILED").contains(i.path("status").asText()), i.toString());
                assertFalse(left.contains(i.path("provider_instance_id").asText()),
                        "no loser machine is left alive: " + i + "\nB:\n" + b.output());
            }
        }
        String ended = "select count(*) from snapshot where id = '" + snapshotId + "' and status = 'FAILED'"
                + " and error like 'interrupted: the SnapGPU replica running this snapshot stopped%'";
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(ended) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(1, count(ended), "B failed the snapshot A was running, clearly\nB:\n" + b.output());
        System.out.printf("A killed mid-race %s and mid-snapshot: B ended the race %s (%d events to B's subscriber)"
                + " and failed the snapshot as interrupted%n", raceId, status, events.size());
    }

    private void destroyEverything(AppProcess b) throws Exception {
        for (JsonNode i : send(b, "GET", "/api/v1/instances", null, 200)) {
            String status = i.path("status").asText();
            if (!Set.of("DESTROYED", "FAILED", "DESTROYING").contains(status)) {
                send(b, "DELETE", "/api/v1/instances/" + i.path("id").asText(), null, 200);
            }
        }
    }

    private static JsonNode awaitFinished(AppProcess app, String raceId, Duration timeout) throws Exception {
        JsonNode race = send(app, "GET", "/api/v1/races/" + raceId, null, 200);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (race.path("finished_at").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            race = send(app, "GET", "/api/v1/races/" + raceId, null, 200);
        }
        return race;
    }

    private static Set<String> sandboxes() throws Exception {
        return SharedServices.machinesIn(root.resolve("marketplace"));
    }

    private static URI graphql(AppProcess app) {
        return URI.create("http://127.0.0.1:" + app.httpPort + "/graphql");
    }

    private static int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Map<String, Integer> counts(String sql) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static JsonNode send(AppProcess app, String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30));
        r = json == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> res = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, res.statusCode(), method + " " + path + ": " + res.body());
        return JSON.readTree(res.body());
    }
}
