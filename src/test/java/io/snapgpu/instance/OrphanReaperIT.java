package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged app rents machines, is killed (kill -9) with its database and the marketplace out of
 * step, and on the next start leaves no SnapGPU machine alive that the database does not hold alive.
 */
class OrphanReaperIT {
    private static final String KEY = "sgk_it_reaper_key_0123456789abcdefghijklmnopq";
    private static final Duration BOOT = Duration.ofSeconds(120);

    @Test
    void afterAKillNineTheReaperLeavesOnlyMachinesTheDatabaseHoldsAlive() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/it-data/reaper-" + UUID.randomUUID())).toAbsolutePath();
        int pgPort = AppProcess.freePort();
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort), "SNAPGPU_ADMIN_API_KEY", KEY,
                "SNAPGPU_LOCAL_TIME_SCALE", "0.01", "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.05S");
        List<LocalHost> booting = LocalMarket.generate("marketplace", 42, 40).stream()
                .filter(h -> h.boot().kind() == io.snapgpu.provider.local.BootProfile.Kind.BOOTS
                        && h.boot().baseSeconds() < 30).limit(4).toList();
        List<String> ids = new ArrayList<>();
        AppProcess first = AppProcess.start(dataDir.resolve("first.log"), env).awaitHealthy(BOOT);
        for (LocalHost h : booting) {
            ids.add(post(first, "/api/v1/instances", "{\"provider\":\"local\",\"offer_id\":\"offer-" + h.hostId() + "\"}"));
        }
        for (String id : ids) {
            awaitStatus(first, id, "READY");
        }
        first.kill();
        assertEquals(4, sandboxes(dataDir).size(), "the marketplace still runs all four");

        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/snapgpu";
        AppProcess db = AppProcess.start(dataDir.resolve("db-only.log"), Map.of(
                "SNAPGPU_DATA_DIR", dataDir.toString(), "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort),
                "SNAPGPU_ADMIN_API_KEY", KEY, "SNAPGPU_INSTANCES_REAPER_ENABLED", "false")).awaitHealthy(BOOT);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            // 0: the database already says destroyed, the machine still runs
            c.createStatement().executeUpdate("update instance set status = 'DESTROYED', destroyed_at = now()"
                    + " where id = '" + ids.get(0) + "'");
            // 1: the database never heard of it
            c.createStatement().executeUpdate("delete from instance where id = '" + ids.get(1) + "'");
            // 2: a destroy was under way when the app died
            c.createStatement().executeUpdate("update instance set status = 'DESTROYING', termination_reason = 'USER'"
                    + " where id = '" + ids.get(2) + "'");
        }
        db.kill();

        try (AppProcess second = AppProcess.start(dataDir.resolve("second.log"), env).awaitHealthy(BOOT)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sandboxes(dataDir).size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Set<String> left = sandboxes(dataDir);
            assertEquals(1, left.size(), "only the machine the database holds alive is left: " + left
                    + "\n" + second.output());
            String survivor = second.get("/api/v1/instances/" + ids.get(3), KEY);
            assertTrue(survivor.contains("\"status\":\"READY\""), survivor);
            assertTrue(left.contains(field(survivor, "provider_instance_id")));
            String destroying = second.get("/api/v1/instances/" + ids.get(2), KEY);
            long waitDestroyed = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!destroying.contains("\"status\":\"DESTROYED\"") && System.nanoTime() < waitDestroyed) {
                Thread.sleep(200);
                destroying = second.get("/api/v1/instances/" + ids.get(2), KEY);
            }
            assertTrue(destroying.contains("\"status\":\"DESTROYED\""), destroying);
            assertTrue(destroying.contains("\"termination_reason\":\"USER\""), destroying);
        }
    }

    private static Set<String> sandboxes(Path dataDir) throws Exception {
        // the machines, not the marketplace's own folders beside them (the machines' PATH)
        return io.snapgpu.support.SharedServices.machinesIn(dataDir.resolve("local-instances"));
    }

    private static String post(AppProcess app, String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return field(r.body(), "id");
    }

    private static void awaitStatus(AppProcess app, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = app.get("/api/v1/instances/" + id, KEY);
            if (body.contains("\"status\":\"" + status + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instance " + id + " not " + status + ": " + body);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
