package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.local.OpenSshServer;
import io.snapgpu.provider.vastai.VastAiConfig;
import io.snapgpu.support.FakeMachine;
import io.snapgpu.support.FakeVastMarket;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A stranger's machine never holds the bucket's key: on vast-shaped machines (real OpenSSH sshds) whose
 * bucket is in a local R2 ({@link io.snapgpu.support.FakeR2}), a backup gets read-write and a restore
 * read-only temporary credentials from Cloudflare's API, scoped to the tenant's prefix; restic on the
 * machine uses them with their session token; and neither the machines' files nor any process
 * environment seen while they ran holds the bucket's key or secret.
 */
@QuarkusTest
@TestProfile(ScopedCredentialsProfile.class)
@EnabledIf("io.snapgpu.race.ProviderMachinesOverSshTest#openSsh")
class ScopedCredentialsOnMachinesTest {
    static final Duration T = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    VastAiConfig config;
    @Inject
    io.snapgpu.provider.vastai.VastAiProvider vast;
    @ConfigProperty(name = "snapgpu.s3.endpoint")
    String r2Url;
    @ConfigProperty(name = "snapgpu.s3.access-key-id")
    String bucketKeyId;
    @ConfigProperty(name = "snapgpu.s3.secret-access-key")
    String bucketSecret;

    @Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance circuitBreakers;

    @Test
    void backupsAndRestoresOnMachinesUseScopedTemporaryCredentials() throws Exception {
        vast.name();
        circuitBreakers.reset(io.snapgpu.provider.http.ProviderGuards.circuitBreakerName("vastai"));
        MockApiServer api = MockApiServer.on(URI.create(config.baseUrl()).getPort());
        api.reset();
        Map<String, Integer> offers = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            offers.put(String.valueOf(7_100_000 + i), 900 + i);
        }
        ProcessWatch watch = new ProcessWatch();
        try (FakeVastMarket market = new FakeVastMarket(api, Files.createTempDirectory("snapgpu-fake-vast-r2"), offers, 300)) {
            String tenant = "scoped-" + Long.toHexString(System.nanoTime());
            String key = TestAuth.userKey(tenant + "-admin", tenant, "ADMIN");
            String tenantId = TestAuth.bearer(key).get("/api/v1/auth/me").then().statusCode(200).extract().path("tenant_id");
            JsonPath race = Races.awaitRace(key, Races.start(key, Map.of("filter", Map.of("providers", List.of("vastai"),
                    "gpuModels", List.of("RTX 4090")), "policy", Map.of("waveSize", 1, "maxWaves", 1, "timeoutSeconds", 6000))),
                    r -> r.get("finished_at") != null, T);
            assertEquals("WON", race.getString("status"), () -> race.prettify() + "\nS3 requests: " + s3Log());
            String winner = race.getString("winner_instance_id");
            FakeMachine machine = market.machine(TestAuth.bearer(key).get("/api/v1/instances/" + winner).then().extract()
                    .path("provider_instance_id"));
            Path ws = machine.workspace();
            Files.createDirectories(ws.resolve("code"));
            Files.writeString(ws.resolve("code/train.py"), "print('scoped')\n");
            byte[] weights = new byte[4_000_000];
            new java.util.Random(11).nextBytes(weights);
            Files.write(ws.resolve("weights.bin"), weights);
            Map<String, String> original = io.snapgpu.support.Trees.digest(ws);

            watch.start();
            String snap = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("instance_id", winner))
                    .post("/api/v1/snapshots").then().statusCode(202).extract().path("id");
            Map<String, Object> s = await(key, "/api/v1/snapshots/" + snap, "status", List.of("SUCCEEDED", "FAILED"));
            assertEquals("SUCCEEDED", s.get("status"), s.toString());

            // a restore onto the same machine (its workspace changed since): reads only
            Files.writeString(ws.resolve("code/train.py"), "print('changed after the backup')\n");
            String job = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("snapshot_id", snap,
                    "instance_id", winner, "confirm_overwrite", true)).post("/api/v1/restores").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(202)))
                    .extract().path("id");
            Map<String, Object> done = await(key, "/api/v1/restores/" + job, "phase", List.of("DONE", "FAILED"));
            assertEquals("DONE", done.get("phase"), done.toString());
            watch.stop();
            assertEquals(original, io.snapgpu.support.Trees.digest(ws), "restored byte for byte");

            // what SnapGPU asked Cloudflare for: one scope, the parent key's id, a permission per operation kind
            String scope = "tenants/" + tenantId + "/restic/";
            List<JsonNode> asked = new ArrayList<>();
            fake("/__fake/api-requests").forEach(asked::add);
            assertFalse(asked.isEmpty(), "SnapGPU asked Cloudflare's API for credentials");
            Set<String> permissions = new java.util.HashSet<>();
            for (JsonNode r : asked) {
                JsonNode body = r.path("body");
                assertEquals("POST", r.path("method").asText());
                assertEquals("/client/v4/accounts/" + ScopedCredentialsProfile.ACCOUNT + "/r2/temp-access-credentials",
                        r.path("path").asText());
                assertEquals("snapgpu", body.path("bucket").asText(), body.toString());
                assertEquals(bucketKeyId, body.path("parentAccessKeyId").asText(), body.toString());
                assertEquals(List.of(scope), JSON.convertValue(body.path("prefixes"), List.class), body.toString());
                long ttl = body.path("ttlSeconds").asLong();
                assertTrue(ttl >= 900 && ttl <= 43_200, "a TTL between the minimum and the maximum: " + ttl);
                permissions.add(body.path("permission").asText());
            }
            // the audit trail says which went where: a backup read-write, the safety snapshot too, the restore read-only
            List<Map<String, Object>> grants = TestAuth.bearer(key).get("/api/v1/credential-grants?instance_id=" + winner)
                    .then().statusCode(200).extract().as(List.class);
            Map<String, Set<String>> accessByPurpose = new TreeMap<>();
            for (Map<String, Object> g : grants) {
                accessByPurpose.computeIfAbsent((String) g.get("purpose"), p -> new java.util.TreeSet<>())
                        .add((String) g.get("access"));
                assertEquals("R2_TEMPORARY", g.get("mode"));
                assertEquals(scope, g.get("scope"));
                assertTrue(String.valueOf(g.get("access_key_id")).startsWith("R2TMP"), g.toString());
                assertTrue(g.get("expires_at") != null, "a temporary credential expires: " + g);
                assertFalse(g.toString().contains("secret") || g.toString().contains("r2st."), "no secret in the trail: " + g);
            }
            assertEquals(Map.of("BACKUP", Set.of("READ_WRITE"), "RESTORE", Set.of("READ_ONLY")), accessByPurpose,
                    grants.toString());
            assertEquals(Set.of("object-read-write", "object-read-only"), permissions);
            // a member of the tenant does not see the trail
            String member = TestAuth.userKey(tenant + "-member", tenant);
            TestAuth.bearer(member).get("/api/v1/credential-grants").then().statusCode(403);

            // restic on the machine used them, with the session token, and only under the scope
            List<JsonNode> s3 = new ArrayList<>();
            fake("/__fake/s3-requests").forEach(s3::add);
            assertTrue(s3.stream().anyMatch(r -> r.path("key").asText().startsWith("R2TMP") && r.path("denied").asText().isEmpty()),
                    "the machine's restic worked with temporary keys");
            assertTrue(s3.stream().noneMatch(r -> r.path("key").asText().startsWith("R2TMP") && !r.path("denied").asText().isEmpty()),
                    "nothing the machine asked for was refused: " + s3.stream().filter(r -> !r.path("denied").asText().isEmpty()).toList());

            // the machine's restic processes, seen while they ran: temporary key and token, never the bucket's
            assertFalse(watch.seen.isEmpty(), "the machine's restic was seen running");
            for (Map<String, String> env : watch.seen.values()) {
                assertTrue(env.getOrDefault("AWS_ACCESS_KEY_ID", "").startsWith("R2TMP"), env.keySet().toString());
                assertTrue(env.containsKey("AWS_SESSION_TOKEN"), "restic got the session token");
                assertFalse(env.containsValue(bucketSecret) || env.containsValue(bucketKeyId), "the bucket's key on a machine");
            }
            assertNull(watch.bucketKeyIn, "a machine process had the bucket's key in its environment: " + watch.bucketKeyIn);
            // and nothing the machine keeps on disk holds it
            for (Path f : files(machine.root)) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(bucketSecret), "the bucket's secret is in " + machine.root.relativize(f));
            }
            TestAuth.bearer(key).delete("/api/v1/instances/" + winner).then().statusCode(200);
        } finally {
            watch.stop();
        }
    }

    private String s3Log() {
        try {
            return fake("/__fake/s3-requests").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private JsonNode fake(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r2Url + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.size(p) < 64_000_000;
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    /**
     * Reads every process's environment every few milliseconds: a machine's restic (argv[0] is the
     * bootstrap's {@code ~/.snapgpu/bin/restic}) is recorded with its environment; any process of a
     * machine with the bucket's secret is remembered.
     */
    final class ProcessWatch {
        final Map<Long, Map<String, String>> seen = new ConcurrentHashMap<>();
        volatile String bucketKeyIn;
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    scan();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "process-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(5000);
            }
        }

        private void scan() {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                        String argv0 = cmd.contains("\0") ? cmd.substring(0, cmd.indexOf('\0')) : cmd;
                        if (!argv0.endsWith("/.snapgpu/bin/restic")) {
                            continue;
                        }
                        Map<String, String> env = new TreeMap<>();
                        for (String kv : new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
                            int eq = kv.indexOf('=');
                            if (eq > 0) {
                                env.put(kv.substring(0, eq), kv.substring(eq + 1));
                            }
                        }
                        if (env.containsKey("RESTIC_REPOSITORY")) {
                            seen.putIfAbsent(Long.parseLong(p.getFileName().toString()), env);
                            if (env.containsValue(bucketSecret)) {
                                bucketKeyIn = argv0;
                            }
                        }
                    } catch (Exception gone) {
                        // the process ended while we looked
                    }
                }
            } catch (Exception e) {
                // /proc unreadable this round
            }
        }
    }

    private static Map<String, Object> await(String key, String path, String field, List<String> ends) throws Exception {
        return ProviderMachinesOverSshTest.await(key, path, field, ends);
    }
}
