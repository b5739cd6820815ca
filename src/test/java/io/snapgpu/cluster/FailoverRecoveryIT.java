package io.snapgpu.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.support.AppProcess;
import io.snapgpu.support.SharedServices;
import io.snapgpu.support.Trees;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SnapGPU killed with kill -9 in the middle of a failover (the packaged app, one PostgreSQL, bucket and
 * marketplace): another replica claims the failover once the dead one's heartbeat is stale and finishes
 * it, with exactly one machine alive at the end, holding the snapshot's workspace.
 */
class FailoverRecoveryIT {
    private static final String KEY = "sgk_it_failover_key_0123456789abcdefghijklmn";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    private String jdbc;
    private Map<String, String> shared;

    private AppProcess replica(String name) throws Exception {
        Map<String, String> env = new HashMap<>(shared);
        env.put("SNAPGPU_DATA_DIR", Files.createDirectories(root.resolve(name)).toString());
        return AppProcess.start(root.resolve(name + ".log"), env);
    }

    @Test
    void aFailoverWhoseReplicaIsKilledEndsOnAnotherWithOneMachineAlive() throws Exception {
        root = Files.createDirectories(Path.of("target/it-data/failover-" + UUID.randomUUID())).toAbsolutePath();
        SharedServices services = SharedServices.start(root, KEY);
        jdbc = services.jdbcUrl;
        shared = services.env();
        shared.putAll(Map.ofEntries(
                Map.entry("SNAPGPU_LOCAL_TIME_SCALE", "0.1"),
                Map.entry("SNAPGPU_INSTANCES_POLL_INTERVAL", "0.2S"),
                Map.entry("SNAPGPU_RACES_LEASE", "2S"),
                Map.entry("SNAPGPU_CLUSTER_HEARTBEAT_INTERVAL", "1S"),
                Map.entry("SNAPGPU_CLUSTER_REPLICA_TIMEOUT", "4S"),
                Map.entry("SNAPGPU_CLUSTER_RECOVERY_INTERVAL", "1S"),
                Map.entry("SNAPGPU_FAILOVER_WATCH_INTERVAL", "1S"),
                Map.entry("SNAPGPU_FAILOVER_WATCH_DELAY", "1S"),
                Map.entry("SNAPGPU_FAILOVER_INITIAL_BACKOFF", "1S"),
                Map.entry("SNAPGPU_FAILOVER_POLL_INTERVAL", "0.2S")));

        AppProcess a = replica("a").awaitHealthy(BOOT);
        AppProcess b = null;
        try {
            String raceId = send(a, "POST", "/api/v1/races", "{\"policy\": {\"wave_size\": 5}}", 201).path("id").asText();
            JsonNode race = awaitFinished(a, raceId);
            assertEquals("WON", race.path("status").asText(), race.toString());
            String lost = race.path("winner_instance_id").asText();
            String lostMachine = send(a, "GET", "/api/v1/instances/" + lost, null, 200).path("provider_instance_id").asText();
            Path ws = root.resolve("marketplace").resolve(lostMachine).resolve("root/workspace");
            Random r = new Random(11);
            for (int i = 0; i < 20; i++) {
                byte[] data = new byte[20_000 + r.nextInt(200_000)];
                r.nextBytes(data);
                Files.createDirectories(ws.resolve("data"));
                Files.write(ws.resolve("data/part-" + i + ".bin"), data);
            }
            Files.writeString(ws.resolve("train.py"), "print('the workspace that must survive')\n");
            Map<String, String> expected = Trees.digest(ws);
            send(a, "POST", "/api/v1/snapshots/config", "{\"instance_id\": \"" + lost + "\", \"frequency_minutes\": 1440,"
                    + " \"retention_days\": 7, \"exclude_paths\": []}", 200);
            String snap = send(a, "POST", "/api/v1/snapshots", "{\"instance_id\": \"" + lost + "\"}", 202).path("id").asText();
            await("select count(*) from snapshot where id = '" + snap + "' and status = 'SUCCEEDED'", Duration.ofSeconds(90));

            // the container exits (a fault any process can cause: a file in the machine's sandbox)
            Files.writeString(root.resolve("marketplace").resolve(lostMachine).resolve("fault"), "CONTAINER_EXIT");
            await("select count(*) from failover where instance_id = '" + lost + "' and status = 'REPLACING'",
                    Duration.ofSeconds(60));
            a.kill(); // mid-failover: its race (or restore) is under way
            assertEquals(1, count("select count(*) from failover where instance_id = '" + lost + "' and status not in"
                    + " ('DONE', 'FAILED', 'CANCELLED')"), "A died with the failover under way");

            b = replica("b").awaitHealthy(BOOT);
            await("select count(*) from failover where instance_id = '" + lost + "' and status in ('DONE', 'FAILED',"
                    + " 'CANCELLED')", Duration.ofSeconds(180));
            String fo = "select %s from failover where instance_id = '" + lost + "'";
            assertEquals("DONE", text(fo.formatted("status")), text(fo.formatted("coalesce(error, '')")) + "\nB:\n"
                    + b.output());
            assertEquals(1, count("select count(*) from failover where instance_id = '" + lost + "'"), "one failover");
            String fresh = text(fo.formatted("new_instance_id::text"));
            assertTrue(text(fo.formatted("owner")).contains("/"), "owned by a replica");

            // one machine alive: the new one, with the snapshot's workspace; the lost one FAILED (LOST), destroyed
            JsonNode lostRow = send(b, "GET", "/api/v1/instances/" + lost, null, 200);
            assertEquals("FAILED", lostRow.path("status").asText());
            assertEquals("LOST", lostRow.path("termination_reason").asText());
            String freshMachine = send(b, "GET", "/api/v1/instances/" + fresh, null, 200).path("provider_instance_id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Set<String> alive = SharedServices.machinesIn(root.resolve("marketplace"));
            while (!alive.equals(Set.of(freshMachine)) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                alive = SharedServices.machinesIn(root.resolve("marketplace"));
            }
            assertEquals(Set.of(freshMachine), alive, "only the new machine is alive at the marketplace\nB:\n" + b.output());
            assertEquals(1, count("select count(*) from instance where status not in ('DESTROYED', 'FAILED')"),
                    "and in the database");
            assertEquals(expected, Trees.digest(root.resolve("marketplace").resolve(freshMachine).resolve("root/workspace")));
            System.out.printf("A killed mid-failover (%s); B finished it after %s attempt(s): machine %s -> %s%n",
                    text(fo.formatted("detail")), text(fo.formatted("attempts::text")), lost, fresh);
        } finally {
            a.close();
            if (b != null) {
                for (JsonNode i : send(b, "GET", "/api/v1/instances", null, 200)) {
                    send(b, "DELETE", "/api/v1/instances/" + i.path("id").asText(), null, 200);
                }
                b.close();
            }
        }
    }

    private static JsonNode awaitFinished(AppProcess app, String raceId) throws Exception {
        JsonNode race = send(app, "GET", "/api/v1/races/" + raceId, null, 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (race.path("finished_at").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            race = send(app, "GET", "/api/v1/races/" + raceId, null, 200);
        }
        return race;
    }

    private void await(String countSql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(countSql) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + ": " + countSql);
            }
            Thread.sleep(100);
        }
    }

    private int count(String sql) throws Exception {
        return Integer.parseInt(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
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
