package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged app is killed (kill -9) in the middle of a race, with machines booting and creates in
 * flight. After a restart the race ends cleanly: a ready machine is kept as the winner (or the race
 * fails), and no other machine of it is left alive at the marketplace.
 */
class LaunchRaceRecoveryIT {
    private static final String KEY = "sgk_it_race_key_0123456789abcdefghijklmnopqrs";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterAKillNineMidRaceOnlyTheWinnerIsLeftAlive() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/it-data/race-" + UUID.randomUUID())).toAbsolutePath();
        int pgPort = AppProcess.freePort();
        // time scale 0.1: boots take 0.8 s and more, so the kill lands while machines boot
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort), "SNAPGPU_ADMIN_API_KEY", KEY,
                "SNAPGPU_LOCAL_TIME_SCALE", "0.1", "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.2S",
                "SNAPGPU_RACES_LEASE", "2S", "SNAPGPU_CLUSTER_RECOVERY_INTERVAL", "1S");

        String raceId;
        try (AppProcess first = AppProcess.start(dataDir.resolve("first.log"), env).awaitHealthy(BOOT)) {
            JsonNode started = send(first, "POST", "/api/v1/races", "{\"policy\": {\"wave_size\": 5}}", 201);
            raceId = started.path("id").asText();
            JsonNode race = started;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (race.path("candidates").size() < 5 && System.nanoTime() < deadline) {
                race = send(first, "GET", "/api/v1/races/" + raceId, null, 200);
            }
            assertEquals("RUNNING", race.path("status").asText(), "killed before any machine was ready: " + race);
            first.kill();
        }
        assertTrue(sandboxes(dataDir).size() >= 1, "machines of the race outlive the app at the marketplace");

        try (AppProcess second = AppProcess.start(dataDir.resolve("second.log"), env).awaitHealthy(BOOT)) {
            JsonNode race = send(second, "GET", "/api/v1/races/" + raceId, null, 200);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (race.path("finished_at").isNull() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                race = send(second, "GET", "/api/v1/races/" + raceId, null, 200);
            }
            assertTrue(!race.path("finished_at").isNull(), "the race was recovered: " + race + "\n" + second.output());
            String status = race.path("status").asText();
            assertTrue(Set.of("WON", "FAILED").contains(status), race.toString());
            System.out.printf("recovered race %s: %s, winner %s, candidates %s%n", raceId, status,
                    race.path("winner_host_id").asText(), race.path("candidates").findValuesAsText("status"));

            Set<String> left = sandboxes(dataDir);
            List<String> winnerMachine = new ArrayList<>();
            for (JsonNode c : race.path("candidates")) {
                JsonNode i = send(second, "GET", "/api/v1/instances/" + c.path("instance_id").asText(), null, 200);
                if (c.path("instance_id").asText().equals(race.path("winner_instance_id").asText())) {
                    assertEquals("READY", i.path("status").asText(), i.toString());
                    winnerMachine.add(i.path("provider_instance_id").asText());
                } else {
                    assertTrue(Set.of("DESTROYED", "FAILED").contains(i.path("status").asText()), i.toString());
                    assertTrue(Set.of("DESTROYED", "FAILED").contains(c.path("status").asText()), c.toString());
                }
            }
            assertEquals(Set.copyOf(winnerMachine), left, "zero machines alive but the winner (" + status + "): "
                    + race + "\n" + second.output());
            if (status.equals("WON")) {
                assertEquals(1, left.size());
            }
            String events = second.get("/api/v1/races/" + raceId, KEY);
            assertTrue(events.contains(raceId), events);
        }
    }

    private static Set<String> sandboxes(Path dataDir) throws Exception {
        return io.snapgpu.support.SharedServices.machinesIn(dataDir.resolve("local-instances"));
    }

    private static JsonNode send(AppProcess app, String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(20));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
