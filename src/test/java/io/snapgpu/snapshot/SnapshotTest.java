package io.snapgpu.snapshot;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.db.Db;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Snapshots with the real restic, the real S3 server and PostgreSQL, of a machine of the local marketplace. */
@QuarkusTest
class SnapshotTest {
    private static final Duration T = Duration.ofSeconds(60);

    @Inject
    LocalProvider local;

    /** Machines this test rented (key, id): given back after each test, so the small test market never runs dry. */
    private final java.util.List<String[]> rented = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void giveBackMachines() {
        for (String[] r : rented) {
            TestAuth.bearer(r[0]).delete("/api/v1/instances/" + r[1]);
        }
        rented.clear();
    }
    @Inject
    AutoSnapshotJob autoJob;
    @Inject
    RetentionJob retentionJob;
    @Inject
    TenantRepositories repositories;
    @Inject
    io.snapgpu.storage.ObjectStore store;
    @Inject
    RepositoryGuard guard;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @Inject
    ResticCli restic;
    @Inject
    Db db;
    @TestHTTPResource("/graphql")
    URI graphql;

    record Machine(String key, String instanceId, Path workspace, UUID tenantId) {
    }

    private Machine readyMachine(String name) throws Exception {
        long n = System.nanoTime() % 1_000_000;
        String key = TestAuth.userKey(name + "-" + n, "tenant-" + name + "-" + n);
        var booting = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(h -> h.hostId()).toList();
        String offer = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> booting.contains(o.hostId())).findFirst().orElseThrow().offerId();
        String id = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("provider", "local", "offer_id", offer)).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        String machineId = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("provider_instance_id");
        Path ws = local.workspaceOnDisk(machineId).orElseThrow();
        String tenant = TestAuth.bearer(key).get("/api/v1/auth/me").then().extract().path("tenant_id");
        rented.add(new String[] { key, id });
        return new Machine(key, id, ws, UUID.fromString(tenant));
    }

    private static void writeWorkspace(Path ws) throws Exception {
        Files.createDirectories(ws.resolve("code"));
        Files.writeString(ws.resolve("code/train.py"), "print('train')\n");
        Files.write(ws.resolve("weights.bin"), new byte[200_000]);
        Files.writeString(ws.resolve("debug.log"), "excluded by *.log\n");
        Files.createDirectories(ws.resolve("tmp"));
        Files.writeString(ws.resolve("tmp/scratch"), "excluded by /tmp\n");
    }

    private Map<String, Object> awaitSnapshot(String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> s = Map.of();
        while (System.nanoTime() < deadline) {
            s = TestAuth.bearer(key).get("/api/v1/snapshots/" + id).then().statusCode(200).extract().as(Map.class);
            // SUCCEEDED comes with restic's summary; the tree hash follows from restic's listing
            if ("FAILED".equals(s.get("status")) || "SUCCEEDED".equals(s.get("status")) && s.get("tree_hash") != null) {
                return s;
            }
            Thread.sleep(100);
        }
        return s;
    }

    private String snapshotNow(Machine m, String description) {
        return TestAuth.bearer(m.key()).contentType(ContentType.JSON)
                .body(Map.of("instance_id", m.instanceId(), "description", description)).post("/api/v1/snapshots")
                .then().statusCode(202).body("status", equalTo("RUNNING")).extract().path("id");
    }

    @Test
    void manualSnapshotsAreListedDedupedAndDeletedFromRestic() throws Exception {
        Machine m = readyMachine("snap");
        writeWorkspace(m.workspace());
        TestAuth.bearer(m.key()).contentType(ContentType.JSON)
                .body(Map.of("instance_id", m.instanceId(), "frequency_minutes", 60, "retention_days", 30,
                        "include_paths", List.of("/"), "exclude_paths", List.of("*.log", "/tmp")))
                .post("/api/v1/snapshots/config").then().statusCode(200).body("frequency_minutes", equalTo(60));

        String first = snapshotNow(m, "before the experiment");
        Map<String, Object> s1 = awaitSnapshot(m.key(), first);
        // a manual snapshot outlives the policy's 30 days: the policy says so itself, so the screens can explain it
        Map<String, Object> policy = TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(TestAuth.gql(
                "query($i: ID!) { backupPolicy(instanceId: $i) { retentionDays manualRetentionDays } }",
                Map.of("i", m.instanceId()))).post("/graphql").then().extract().path("data.backupPolicy");
        assertNotNull(policy.get("manualRetentionDays"), String.valueOf(policy));
        long kept = Duration.between(OffsetDateTime.parse((String) s1.get("created_at")),
                OffsetDateTime.parse((String) s1.get("expires_at"))).toDays();
        assertEquals(((Number) policy.get("manualRetentionDays")).longValue(), kept, policy + " " + s1);
        assertNotEquals(((Number) policy.get("retentionDays")).longValue(), kept, "the case the screens must explain");
        assertEquals("SUCCEEDED", s1.get("status"), s1.toString());
        assertTrue(((String) s1.get("restic_id")).matches("[0-9a-f]{64}"), s1.toString());
        assertNotNull(s1.get("tree_hash"));
        assertEquals(200_000L + 15, ((Number) s1.get("total_bytes")).longValue(), "the .log and /tmp are excluded");
        assertEquals("MANUAL", s1.get("kind"));
        // the tenant's repository opens with a light key (restic's own is gone): no 0.5 s of scrypt per command
        List<String> keys = store.keys(TenantRepositories.prefix(m.tenantId()) + "/keys/", 20);
        assertEquals(1, keys.size(), keys.toString());
        assertEquals(io.snapgpu.restic.ResticKeys.LIGHT, io.snapgpu.restic.ResticKeys.params(store.get(keys.get(0))));

        String second = snapshotNow(m, "nothing changed");
        Map<String, Object> s2 = awaitSnapshot(m.key(), second);
        assertEquals(s1.get("tree_hash"), s2.get("tree_hash"), "same content, same tree");
        TestAuth.bearer(m.key()).get("/api/v1/snapshots?instance_id=" + m.instanceId()).then()
                .body("size()", equalTo(2)).body("[0].id", equalTo(second));
        TestAuth.bearer(m.key()).get("/api/v1/snapshots?instance_id=" + m.instanceId() + "&dedupe=true").then()
                .body("size()", equalTo(1)).body("[0].id", equalTo(second)).body("[0].same_content_count", equalTo(2));

        // another tenant sees nothing of it
        String other = TestAuth.userKey("peeker-" + System.nanoTime() % 100000, "tenant-peeker");
        TestAuth.bearer(other).get("/api/v1/snapshots/" + first).then().statusCode(404);
        TestAuth.bearer(other).delete("/api/v1/snapshots/" + first).then().statusCode(404);
        TestAuth.bearer(other).get("/api/v1/snapshots").then().body("size()", equalTo(0));

        TestAuth.bearer(m.key()).delete("/api/v1/snapshots/" + first).then().statusCode(204);
        var repo = repositories.forTenant(m.tenantId()).await().atMost(T);
        List<String> inRestic = restic.snapshots(repo).await().atMost(T).stream().map(s -> s.id()).toList();
        assertFalse(inRestic.contains(s1.get("restic_id")), "restic no longer has it");
        assertTrue(inRestic.contains(s2.get("restic_id")));
        TestAuth.bearer(m.key()).get("/api/v1/snapshots/" + first).then().statusCode(404);
        TestAuth.bearer(m.key()).delete("/api/v1/snapshots/" + UUID.randomUUID()).then().statusCode(404);

        TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(TestAuth.gql(
                "{ storageUsage { bytes objects monthly { monthlyCost } fullRestoreDownloadCost } }", null))
                .post("/graphql").then().body("data.storageUsage.bytes", org.hamcrest.Matchers.greaterThan(1000))
                .body("data.storageUsage.monthly.monthlyCost", equalTo(0.0f));
    }

    @Test
    void badPoliciesNameTheFieldAndStoreNothing() throws Exception {
        Machine m = readyMachine("policy");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("frequency_minutes", 10, "retention_days", 7),
                Map.of("frequency_minutes", 15, "retention_days", 14),
                Map.of("frequency_minutes", 15, "retention_days", 7, "include_paths", List.of("../outside")),
                Map.of("frequency_minutes", 15, "retention_days", 7, "include_paths", List.of("; rm -rf /")),
                Map.of("frequency_minutes", 15, "retention_days", 7, "include_paths", List.of("--password-file=/etc/shadow")),
                Map.of("frequency_minutes", 15, "retention_days", 7, "include_paths", List.of("/a/../etc")),
                Map.of("frequency_minutes", 15, "retention_days", 7, "include_paths", List.of("/ok\n--x")),
                Map.of("frequency_minutes", 15, "retention_days", 7, "exclude_paths", List.of("--exclude-file=/etc/x")))) {
            var body = new java.util.HashMap<String, Object>(bad);
            body.put("instance_id", m.instanceId());
            TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(body).post("/api/v1/snapshots/config")
                    .then().statusCode(400).body("field", notNullValue());
        }
        TestAuth.bearer(m.key()).contentType(ContentType.JSON)
                .body(Map.of("instance_id", m.instanceId(), "frequency_minutes", 10, "retention_days", 7))
                .post("/api/v1/snapshots/config").then().statusCode(400)
                .body("detail", containsString("frequency_minutes: must be one of [15, 60, 360, 1440]"));
        TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(TestAuth.gql(
                "query($i: ID!) { backupPolicy(instanceId: $i) { frequencyMinutes } }", Map.of("i", m.instanceId())))
                .post("/graphql").then().body("data.backupPolicy", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void thePolicyOfADestroyedMachineIsNeverTakenAgain() throws Exception {
        Machine m = readyMachine("gone");
        TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(TestAuth.gql(
                "mutation($i: ID!) { configureBackups(instanceId: $i, frequencyMinutes: 15, retentionDays: 7) { nextRunAt } }",
                Map.of("i", m.instanceId()))).post("/graphql").then().body("errors", org.hamcrest.Matchers.nullValue());
        TestAuth.bearer(m.key()).delete("/api/v1/instances/" + m.instanceId()).then().statusCode(200);
        java.util.function.Supplier<io.vertx.mutiny.sqlclient.Row> policy = () -> pool
                .preparedQuery("select next_run_at, owner, enabled from backup_policy where instance_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(m.instanceId()))).await().atMost(T)
                .iterator().next();
        var before = policy.get();
        OffsetDateTime inTwentyMinutes = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(20);
        for (int turn = 0; turn < 5; turn++) {
            assertTrue(autoJob.runDue(inTwentyMinutes).await().atMost(T).stream()
                    .noneMatch(s -> s.instanceId.toString().equals(m.instanceId())));
        }
        var after = policy.get();
        assertEquals(before.getOffsetDateTime(0), after.getOffsetDateTime(0), "never claimed, so never rescheduled");
        assertEquals(null, after.getString(1));
        assertEquals(false, after.getBoolean(2), "a gone machine's policy is switched off, not claimed every turn");
    }

    @Test
    void aDuePolicyTakesAnAutomaticSnapshotAndExpiredOnesAreForgotten() throws Exception {
        Machine m = readyMachine("auto");
        writeWorkspace(m.workspace());
        TestAuth.bearer(m.key()).contentType(ContentType.JSON).body(TestAuth.gql(
                "mutation($i: ID!) { configureBackups(instanceId: $i, frequencyMinutes: 15, retentionDays: 7) { nextRunAt } }",
                Map.of("i", m.instanceId()))).post("/graphql").then().body("errors", org.hamcrest.Matchers.nullValue());
        OffsetDateTime inTwentyMinutes = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(20);
        // one turn takes at most 20 due policies (earlier tests' machines may be due too): turn until ours is taken
        Snapshot auto = null;
        for (int turn = 0; turn < 20 && auto == null; turn++) {
            auto = autoJob.runDue(inTwentyMinutes).await().atMost(T).stream()
                    .filter(s -> s.instanceId.toString().equals(m.instanceId())).findFirst().orElse(null);
        }
        assertNotNull(auto, "the due policy was never taken");
        Map<String, Object> row = awaitSnapshot(m.key(), auto.id.toString());
        assertEquals("SUCCEEDED", row.get("status"), row.toString());
        assertEquals("AUTOMATIC", row.get("kind"));
        assertEquals(7, Duration.between(OffsetDateTime.parse((String) row.get("created_at")),
                OffsetDateTime.parse((String) row.get("expires_at"))).toDays());
        assertTrue(autoJob.runDue(inTwentyMinutes).await().atMost(T).stream()
                .noneMatch(s -> s.instanceId.toString().equals(m.instanceId())), "never twice for one due time");

        int forgotten = retentionJob.expire(OffsetDateTime.now(ZoneOffset.UTC).plusDays(8)).await().atMost(T);
        assertTrue(forgotten >= 1);
        TestAuth.bearer(m.key()).get("/api/v1/snapshots/" + auto.id).then().statusCode(404);
        var repo = repositories.forTenant(m.tenantId()).await().atMost(T);
        assertFalse(restic.snapshots(repo).await().atMost(T).stream().anyMatch(s -> s.id().equals(row.get("restic_id"))));
    }

    @Test
    void progressStreamsOverTheSubscriptionAndCompletes() throws Exception {
        Machine m = readyMachine("progress");
        writeWorkspace(m.workspace());
        String id = snapshotNow(m, "watched");
        List<String> nexts = io.snapgpu.support.GraphQLWs.subscribe(graphql, m.key(),
                "subscription { snapshotProgress(id: \"" + id + "\") { seq type percentDone done } }", Duration.ofSeconds(60));
        assertFalse(nexts.isEmpty());
        assertTrue(nexts.get(nexts.size() - 1).contains("\"type\":\"SUCCEEDED\""), nexts.toString());
        assertTrue(nexts.get(nexts.size() - 1).contains("\"percentDone\":1.0"), nexts.toString());
        // done means restorable: the full restic id is there when the stream ends (read from the bucket,
        // no restic listing on the way); the tree hash follows in the background
        Map<String, Object> done = TestAuth.bearer(m.key()).get("/api/v1/snapshots/" + id).then().statusCode(200)
                .extract().as(Map.class);
        assertEquals("SUCCEEDED", done.get("status"), done.toString());
        String full = (String) done.get("restic_id");
        assertTrue(full.matches("[0-9a-f]{64}"), done.toString());
        assertEquals(java.util.Optional.of(full),
                repositories.fullSnapshotId(m.tenantId(), full.substring(0, 8)).await().atMost(T));
        assertEquals(java.util.Optional.empty(), repositories.fullSnapshotId(m.tenantId(),
                full.charAt(0) == '0' ? "11111111" : "00000000").await().atMost(T));
        assertEquals(java.util.Optional.empty(), repositories.fullSnapshotId(m.tenantId(), "../x").await().atMost(T));
        Map<String, Object> filled = awaitSnapshot(m.key(), id);
        assertTrue(String.valueOf(filled.get("tree_hash")).matches("[0-9a-f]{64}"), filled.toString());
    }

    @Test
    void aLockFreeReadHoldsOffPrunesWhichTheRetentionJobCatchesUpOn() throws Exception {
        Machine m = readyMachine("guard");
        writeWorkspace(m.workspace());
        java.util.Random r = new java.util.Random(11);
        byte[] blob = new byte[3_000_000];
        r.nextBytes(blob);
        Files.write(m.workspace().resolve("weights.bin"), blob);
        String first = snapshotNow(m, "old weights");
        assertEquals("SUCCEEDED", awaitSnapshot(m.key(), first).get("status"));
        r.nextBytes(blob);
        Files.write(m.workspace().resolve("weights.bin"), blob);
        assertEquals("SUCCEEDED", awaitSnapshot(m.key(), snapshotNow(m, "new weights")).get("status"));
        String prefix = TenantRepositories.prefix(m.tenantId()) + "/";

        // a restore reads without restic's lock: deleting a snapshot forgets it at once, its data stays
        UUID read = guard.beginRead(m.tenantId()).await().atMost(T).orElseThrow();
        long before = store.usage(prefix).bytes();
        TestAuth.bearer(m.key()).delete("/api/v1/snapshots/" + first).then().statusCode(204);
        TestAuth.bearer(m.key()).get("/api/v1/snapshots/" + first).then().statusCode(404);
        var repo = repositories.forTenant(m.tenantId()).await().atMost(T);
        assertEquals(1, restic.snapshots(repo).await().atMost(T).size(), "forgotten in restic");
        assertTrue(store.usage(prefix).bytes() > before - 100_000, "only the snapshot file went: not pruned while the read runs");
        assertTrue(guard.prunePending().await().atMost(T).contains(m.tenantId()));
        assertFalse(guard.beginPrune(m.tenantId()).await().atMost(T), "no prune while a lock-free read runs");

        // the read ends; the retention job prunes what was left
        guard.endRead(read).await().atMost(T);
        assertTrue(retentionJob.pruneDeferred().await().atMost(T) >= 1);
        assertFalse(guard.prunePending().await().atMost(T).contains(m.tenantId()));
        assertTrue(store.usage(prefix).bytes() < before - 2_000_000, "the old weights are gone from the bucket");

        // while a prune runs, a read gets restic's lock instead; a reader of a stopped replica holds nothing off
        assertTrue(guard.beginPrune(m.tenantId()).await().atMost(T));
        assertTrue(guard.beginRead(m.tenantId()).await().atMost(T).isEmpty());
        guard.endPrune(m.tenantId()).await().atMost(T);
        pool.preparedQuery("insert into repository_read (id, tenant_id, owner) values ($1, $2, 'gone/1/replica')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.randomUUID(), m.tenantId())).await().atMost(T);
        assertTrue(guard.beginPrune(m.tenantId()).await().atMost(T), "the stopped replica's read is ignored");
        guard.endPrune(m.tenantId()).await().atMost(T);
        UUID again = guard.beginRead(m.tenantId()).await().atMost(T).orElseThrow();
        guard.endRead(again).await().atMost(T);
    }
}
