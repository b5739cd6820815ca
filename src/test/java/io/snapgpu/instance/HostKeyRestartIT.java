package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalMarket;
import io.snapgpu.shell.ssh.SshKeys;
import io.snapgpu.support.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged app pins a machine's host key on its row; restarted, it does not trust again: the
 * same key works without being pinned anew, and after the machine's SSH server came back with another
 * key (while SnapGPU was down), the next snapshot fails and says the host key changed.
 */
class HostKeyRestartIT {
    private static final String KEY = "sgk_it_hostkey_key_0123456789abcdefghijklmnopq";
    private static final Duration BOOT = Duration.ofSeconds(120);

    @Test
    void aRestartedSnapgpuRequiresThePinnedHostKey() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/it-data/hostkey-" + UUID.randomUUID())).toAbsolutePath();
        int pgPort = AppProcess.freePort();
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort), "SNAPGPU_ADMIN_API_KEY", KEY,
                "SNAPGPU_LOCAL_TIME_SCALE", "0.01", "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.05S");
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/snapgpu";
        LocalHost host = LocalMarket.generate("marketplace", 42, 40).stream()
                .filter(h -> h.boot().kind() == io.snapgpu.provider.local.BootProfile.Kind.BOOTS
                        && h.boot().baseSeconds() < 30).findFirst().orElseThrow();

        String id;
        String pinned;
        String machine;
        try (AppProcess first = AppProcess.start(dataDir.resolve("first.log"), env).awaitHealthy(BOOT)) {
            id = field(post(first, "/api/v1/instances", "{\"provider\":\"local\",\"offer_id\":\"offer-" + host.hostId() + "\"}",
                    201), "id");
            awaitStatus(first, id, "READY");
            pinned = hostKey(jdbc, id);
            assertNotNull(pinned, "pinned at the first login");
            machine = field(rowJson(jdbc, id), "provider_instance_id");
            first.stop(); // its embedded PostgreSQL stops with it
        }
        String fingerprint = SshKeys.fingerprint(SshKeys.parsePublicKeyLine(pinned));
        Path sandbox = dataDir.resolve("local-instances").resolve(machine);
        Files.writeString(sandbox.resolve("root/workspace/notes.txt"), "something to snapshot\n");

        try (AppProcess second = AppProcess.start(dataDir.resolve("second.log"), env).awaitHealthy(BOOT)) {
            Map<String, String> s = snapshot(second, id);
            assertEquals("SUCCEEDED", s.get("status"), s.toString());
            assertFalse(second.output().contains(fingerprint + " pinned"), "not trusted anew: it started from the row");
            assertEquals(pinned, hostKey(jdbc, id));
            second.stop();
        }

        // while SnapGPU is down, the machine's SSH server is reinstalled with another host key
        Files.delete(sandbox.resolve("ssh/host_key"));

        try (AppProcess third = AppProcess.start(dataDir.resolve("third.log"), env).awaitHealthy(BOOT)) {
            Map<String, String> s = snapshot(third, id);
            assertEquals("FAILED", s.get("status"), s.toString());
            assertTrue(s.get("error").contains("the host key changed (recorded " + fingerprint + ", offered SHA256:"),
                    s.toString());
            assertEquals(pinned, hostKey(jdbc, id), "the first key stays pinned");
        }
    }

    private static Map<String, String> snapshot(AppProcess app, String instanceId) throws Exception {
        String id = field(post(app, "/api/v1/snapshots", "{\"instance_id\":\"" + instanceId + "\",\"description\":\"it\"}",
                202), "id");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = app.get("/api/v1/snapshots/" + id, KEY);
            if (body.contains("\"status\":\"SUCCEEDED\"") || body.contains("\"status\":\"FAILED\"")) {
                break;
            }
            Thread.sleep(200);
        }
        String status = body.contains("\"status\":\"SUCCEEDED\"") ? "SUCCEEDED"
                : body.contains("\"status\":\"FAILED\"") ? "FAILED" : body;
        String error = field(body, "error");
        return Map.of("status", status, "error", error == null ? "" : error, "body", body);
    }

    private static String hostKey(String jdbc, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement s = c.prepareStatement("select host_key from instance where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String rowJson(String jdbc, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement s = c.prepareStatement("select provider_instance_id from instance where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return "{\"provider_instance_id\":\"" + rs.getString(1) + "\"}";
            }
        }
    }

    private static String post(AppProcess app, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return r.body();
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
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
