package io.snapgpu.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalFault;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.snapshot.TenantRepositories;
import io.snapgpu.storage.ObjectStore;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import io.snapgpu.support.Trees;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Restore drills with the real restic, S3 server and PostgreSQL. */
@QuarkusTest
class RestoreDrillTest {
    private static final Duration T = Duration.ofSeconds(180);

    @Inject
    LocalProvider local;
    @Inject
    ObjectStore store;
    @Inject
    DrillConfig config;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private final List<String[]> rented = new java.util.ArrayList<>();

    @AfterEach
    void giveBackMachines() {
        for (String[] r : rented) {
            local.heal(r[2]);
            TestAuth.bearer(r[0]).delete("/api/v1/instances/" + r[1]);
        }
        rented.clear();
    }

    record Machine(String id, String providerId, Path workspace) {
    }

    private Machine readyMachine(String key) throws Exception {
        var booting = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(h -> h.hostId()).toList();
        String offer = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> booting.contains(o.hostId())).findFirst().orElseThrow().offerId();
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("provider", "local", "offer_id", offer))
                .post("/api/v1/instances").then().statusCode(201).extract().path("id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        String pid = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("provider_instance_id");
        rented.add(new String[] { key, id, pid });
        return new Machine(id, pid, local.workspaceOnDisk(pid).orElseThrow());
    }

    private static void fill(Path ws, long seed) throws Exception {
        Random r = new Random(seed);
        Files.createDirectories(ws.resolve("code"));
        Files.writeString(ws.resolve("code/train-" + seed + ".py"), "print(" + seed + ")\n");
        Files.createDirectories(ws.resolve("empty-dir"));
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[1000 + r.nextInt(300_000)];
            r.nextBytes(b);
            Files.createDirectories(ws.resolve("data/" + (i % 3)));
            Files.write(ws.resolve("data/" + (i % 3) + "/part-" + i + ".bin"), b);
        }
    }

    /** A backup policy (failover is on by default with one) and a manual snapshot, done. */
    private String snapshot(String key, Machine m) throws Exception {
        return io.snapgpu.support.Snapshots.withPolicy(key, m.id(), T);
    }

    private static Map<String, Object> drill(String key) throws Exception {
        String id = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation { startRestoreDrill { id status } }", null)).post("/graphql").then()
                .body("errors", org.hamcrest.Matchers.nullValue()).extract().path("data.startRestoreDrill.id");
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> d = Map.of();
        while (System.nanoTime() < deadline) {
            d = TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("query($i: ID!) { restoreDrill(id: $i)"
                    + " { id status checkOk checkError snapshotsDrilled snapshotsFailed bytesFetched downloadCost error"
                    + " durationMs } }", Map.of("i", id))).post("/graphql").then().extract().jsonPath().getMap("data.restoreDrill");
            if (!"RUNNING".equals(d.get("status"))) {
                return d;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("drill did not end: " + d);
    }

    private static Map<String, Object> drillOf(String key, String snapshotId) {
        return TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("query($i: ID!) { snapshot(id: $i)"
                + " { id drill { drillId drilledAt status durationMs bytesFetched downloadCost error } } }",
                Map.of("i", snapshotId))).post("/graphql").then().body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getMap("data.snapshot.drill");
    }

    private Path scratchBase() {
        return Path.of(config.scratchDir().orElse(System.getProperty("java.io.tmpdir")));
    }

    private Set<String> scratchLeft() throws Exception {
        if (!Files.isDirectory(scratchBase())) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(scratchBase())) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapgpu-drill-")).toList());
        }
    }

    @Test
    void aDrillOfAHealthyRepositoryPassesWithoutTouchingTheMachines() throws Exception {
        String key = TestAuth.userKey("drill-ok-" + System.nanoTime() % 100_000, "tenant-drill-ok-" + System.nanoTime());
        Machine a = readyMachine(key);
        fill(a.workspace(), 1);
        String snapA = snapshot(key, a);
        Machine b = readyMachine(key);
        fill(b.workspace(), 2);
        snapshot(key, b);
        String snapB = snapshot(key, b); // the newest of b is the one drilled
        Map<String, String> wsA = Trees.digest(a.workspace());
        Map<String, String> wsB = Trees.digest(b.workspace());
        Set<String> scratchBefore = scratchLeft();
        // the drill runs on the control plane: it passes while neither machine can even be reached
        local.inflict(a.providerId(), LocalFault.SSH_DEAD);
        local.inflict(b.providerId(), LocalFault.SSH_DEAD);

        Map<String, Object> d = drill(key);
        assertEquals("PASSED", d.get("status"), d.toString());
        assertEquals(Boolean.TRUE, d.get("checkOk"));
        assertEquals(2, d.get("snapshotsDrilled"));
        assertEquals(0, d.get("snapshotsFailed"));
        assertTrue(((Number) d.get("bytesFetched")).longValue() > 0, d.toString());
        for (String s : List.of(snapA, snapB)) {
            Map<String, Object> sd = drillOf(key, s);
            assertNotNull(sd, "snapshot " + s + " was drilled");
            assertEquals("PASSED", sd.get("status"));
            assertEquals(d.get("id"), sd.get("drillId"));
            assertNotNull(sd.get("drilledAt"));
            assertNotNull(sd.get("durationMs"));
            assertNotNull(sd.get("downloadCost"));
            assertTrue(((Number) sd.get("bytesFetched")).longValue() > 0);
        }
        assertEquals(wsA, Trees.digest(a.workspace()), "machine a untouched");
        assertEquals(wsB, Trees.digest(b.workspace()), "machine b untouched");
        assertEquals(scratchBefore, scratchLeft(), "the scratch copies are removed");
        RestAssured.get("/q/health/well").then().statusCode(200);
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("snapgpu_restore_drills_total{result=\"passed\"}"), "a metric for alerting");
        assertTrue(metrics.contains("snapgpu_restore_drill_failing_tenants"));
    }

    @Test
    void aDrillOfARepositoryWithADamagedPackFailsAndNamesTheSnapshot() throws Exception {
        String key = TestAuth.userKey("drill-bad-" + System.nanoTime() % 100_000, "tenant-drill-bad-" + System.nanoTime());
        Machine a = readyMachine(key);
        fill(a.workspace(), 3);
        String snapA = snapshot(key, a);
        UUID tenant = pool.preparedQuery("select tenant_id from snapshot where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(snapA))).await().atMost(T).iterator().next()
                .getUUID(0);
        String data = TenantRepositories.prefix(tenant) + "/data/";
        Set<String> packsOfA = new HashSet<>(store.keys(data, 100_000));
        Machine b = readyMachine(key);
        fill(b.workspace(), 4);
        String snapB = snapshot(key, b);
        // the largest pack only b's snapshot wrote: a few bytes in its middle flipped, in the bucket
        String damaged = store.keys(data, 100_000).stream().filter(k -> !packsOfA.contains(k))
                .max(Comparator.comparingInt(k -> store.get(k).length)).orElseThrow();
        byte[] original = store.get(damaged);
        byte[] broken = original.clone();
        for (int i = 0; i < 64; i++) {
            broken[broken.length / 2 + i] ^= (byte) 0xA5;
        }
        store.put(damaged, broken);
        try {
            Map<String, Object> d = drill(key);
            assertEquals("FAILED", d.get("status"), d.toString());
            assertEquals(1, d.get("snapshotsFailed"), d.toString());
            assertTrue(((String) d.get("error")).contains(snapB), "the drill names the snapshot: " + d.get("error"));
            assertEquals("FAILED", drillOf(key, snapB).get("status"));
            assertNotNull(drillOf(key, snapB).get("error"));
            assertEquals("PASSED", drillOf(key, snapA).get("status"), "the other machine's snapshot restores");
            // shown prominently: health says so, the metric counts it
            RestAssured.get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'restore-drills' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
            String metrics = RestAssured.get("/q/metrics").then().extract().asString();
            assertTrue(metrics.contains("snapgpu_restore_drills_total{result=\"failed\"}"));
        } finally {
            store.put(damaged, original);
        }
        // repaired, the next drill passes and health is well again
        Map<String, Object> again = drill(key);
        assertEquals("PASSED", again.get("status"), again.toString());
        RestAssured.get("/q/health/well").then().statusCode(200);
    }
}
