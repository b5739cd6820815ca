package io.snapgpu.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalFault;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import io.snapgpu.support.Trees;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failover on the local marketplace, every part real (PostgreSQL, S3 server, restic, SSH machines):
 * each kind of loss is inflicted on a machine, the machine watch finds it, and the failover ends with
 * one machine alive whose workspace is the newest snapshot, byte for byte.
 */
@QuarkusTest
class FailoverTest {
    private static final Duration T = Duration.ofSeconds(180);

    @Inject
    LocalProvider local;
    @Inject
    MachineWatch watch;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @io.quarkus.test.common.http.TestHTTPResource("/graphql")
    java.net.URI graphql;

    private final List<String[]> rented = new java.util.ArrayList<>();

    @AfterEach
    void giveBackMachines() {
        for (String[] r : rented) {
            for (Map<String, Object> i : alive(r[0])) {
                TestAuth.bearer(r[0]).delete("/api/v1/instances/" + i.get("id"));
            }
        }
        rented.clear();
    }

    record Machine(String id, String providerId, Path workspace) {
    }

    /** A fast-booting single-GPU host whose model several other booting hosts share (room for a replacement race). */
    private Machine readyMachine(String key) throws Exception {
        List<LocalHost> boots = LocalHosts.where(local, LocalHosts.kind(io.snapgpu.provider.local.BootProfile.Kind.BOOTS));
        Map<String, Long> perModel = boots.stream().collect(Collectors.groupingBy(LocalHost::gpuModel, Collectors.counting()));
        Set<String> free = local.searchOffers(OfferQuery.any()).await().atMost(T).stream().map(o -> o.hostId())
                .collect(Collectors.toSet());
        LocalHost host = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream()
                .filter(h -> h.gpuCount() == 1 && perModel.get(h.gpuModel()) >= 4 && free.contains(h.hostId())
                        && !h.hostId().equals("local-h026"))
                .findFirst().orElseThrow();
        String id = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("provider", "local", "offer_id", "offer-" + host.hostId())).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        rented.add(new String[] { key, id });
        String pid = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("provider_instance_id");
        return new Machine(id, pid, local.workspaceOnDisk(pid).orElseThrow());
    }

    private static void fill(Path ws) throws Exception {
        Random r = new Random(7);
        Files.createDirectories(ws.resolve("code"));
        Files.writeString(ws.resolve("code/train.py"), "import torch\n");
        Files.writeString(ws.resolve("config.yaml"), "lr: 0.001\n");
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[2000 + r.nextInt(60_000)];
            r.nextBytes(b);
            Files.createDirectories(ws.resolve("data/" + (i % 4)));
            Files.write(ws.resolve("data/" + (i % 4) + "/item-" + i + ".bin"), b);
        }
    }

    /** A backup policy (failover is on by default with one) and a manual snapshot, done. */
    private String snapshot(String key, Machine m) throws Exception {
        return io.snapgpu.support.Snapshots.withPolicy(key, m.id(), T);
    }

    private static List<Map<String, Object>> alive(String key) {
        return TestAuth.bearer(key).get("/api/v1/instances").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<Map<String, Object>> failovers(String key, String instanceId) {
        return TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("query($i: ID) { failovers(instanceId: $i)"
                + " { id status trigger detail error attempts preSnapshotId snapshotId newInstanceId lostPricePerHour"
                + " newPricePerHour secondsToUsable lostInstance { status terminationReason costSoFar }"
                + " newInstance { id status costSoFar } } }", java.util.Collections.singletonMap("i", instanceId)))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getList("data.failovers");
    }

    private static Map<String, Object> awaitEnd(String key, String instanceId) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> f = Map.of();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> all = failovers(key, instanceId);
            assertTrue(all.size() <= 1, "one failover per machine: " + all);
            if (all.size() == 1) {
                f = all.get(0);
                if (Set.of("DONE", "FAILED", "CANCELLED").contains(f.get("status"))) {
                    return f;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the failover did not end: " + f);
    }

    /** Until only {@code id} is alive for the tenant (a replacement race's losers are destroyed just after it). */
    private static List<Map<String, Object>> awaitOnlyAlive(String key, String id) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        List<Map<String, Object>> now = alive(key);
        while (System.nanoTime() < deadline) {
            now = alive(key);
            if (now.size() == 1 && id.equals(now.get(0).get("id"))) {
                return now;
            }
            Thread.sleep(200);
        }
        return now;
    }

    private void loseAndWatch(Machine m, LocalFault fault) throws Exception {
        assertTrue(local.inflict(m.providerId(), fault));
        int lost = watch.watchAll().await().atMost(T);
        if (fault == LocalFault.SSH_DEAD) {
            // the provider says it runs: lost only once SSH has failed for ssh-loss-after (1 s in the tests)
            List<Map<String, Object>> none = failovers(TestAuthKeys.last, m.id());
            assertTrue(none.isEmpty(), "not lost at the first failed heartbeat: " + none);
            Thread.sleep(1200);
            lost = watch.watchAll().await().atMost(T);
        }
        assertTrue(lost >= 1, "the watch found the machine lost");
        // looking again while the failover runs starts no second one
        watch.watchAll().await().atMost(T);
    }

    /** The key of the running test (loseAndWatch reads failovers with it). */
    static final class TestAuthKeys {
        static String last;
    }

    @ParameterizedTest
    @EnumSource(LocalFault.class)
    void eachKindOfLossFailsOverOntoANewMachineWithTheNewestSnapshot(LocalFault fault) throws Exception {
        String key = TestAuth.userKey("fo-" + fault.name().toLowerCase().replace('_', '-') + "-" + System.nanoTime() % 100_000,
                "tenant-fo-" + System.nanoTime());
        TestAuthKeys.last = key;
        Machine m = readyMachine(key);
        fill(m.workspace());
        String snap = snapshot(key, m);
        Map<String, String> atSnapshot = Trees.digest(m.workspace());
        // work after the snapshot: kept only where the machine still answers (a PRE_FAILOVER snapshot)
        Files.writeString(m.workspace().resolve("code/train.py"), "import torch  # changed after the snapshot\n");
        Files.writeString(m.workspace().resolve("notes.txt"), "written after the snapshot\n");
        Map<String, String> atLoss = Trees.digest(m.workspace());
        boolean answers = !fault.stopsSsh();

        loseAndWatch(m, fault);
        Map<String, Object> f = awaitEnd(key, m.id());
        assertEquals("DONE", f.get("status"), f.toString());
        assertEquals(Map.of(LocalFault.HOST_OFFLINE, "PROVIDER_OFFLINE", LocalFault.CONTAINER_EXIT, "PROVIDER_EXITED",
                LocalFault.SSH_DEAD, "SSH_DEAD", LocalFault.PREEMPTED, "PROVIDER_EXITED").get(fault), f.get("trigger"));
        String fresh = (String) f.get("newInstanceId");
        assertNotNull(fresh);
        assertNotEquals(m.id(), fresh);

        // the new machine's workspace is the newest snapshot, byte for byte
        String freshPid = TestAuth.bearer(key).get("/api/v1/instances/" + fresh).then().extract().path("provider_instance_id");
        Path freshWs = local.workspaceOnDisk(freshPid).orElseThrow();
        if (answers) {
            assertNotNull(f.get("preSnapshotId"), "the machine still answered: a PRE_FAILOVER snapshot: " + f);
            assertEquals(f.get("preSnapshotId"), f.get("snapshotId"), "the PRE_FAILOVER snapshot is the newest");
            Map<String, Object> pre = TestAuth.bearer(key).get("/api/v1/snapshots/" + f.get("preSnapshotId")).then()
                    .statusCode(200).extract().as(Map.class);
            assertEquals("PRE_FAILOVER", pre.get("kind"));
            assertEquals("SUCCEEDED", pre.get("status"));
            assertEquals(atLoss, Trees.digest(freshWs));
        } else {
            assertNull(f.get("preSnapshotId"), "a machine that does not answer gets no PRE_FAILOVER snapshot: " + f);
            assertEquals(snap, f.get("snapshotId"));
            assertEquals(atSnapshot, Trees.digest(freshWs));
        }
        assertEquals("RUNNING", TestAuth.bearer(key).get("/api/v1/instances/" + fresh).then().extract().path("status"));

        // the lost machine: FAILED with its own reason, destroyed at the provider; nothing but the new machine alive
        Map<String, Object> lostRow = TestAuth.bearer(key).get("/api/v1/instances/" + m.id()).then().extract().as(Map.class);
        assertEquals("FAILED", lostRow.get("status"));
        assertEquals("LOST", lostRow.get("termination_reason"));
        assertTrue(local.workspaceOnDisk(m.providerId()).isEmpty(), "destroyed at the provider");
        List<Map<String, Object>> left = awaitOnlyAlive(key, fresh);
        assertEquals(1, left.size(), "only the new machine is alive: " + left);
        assertEquals(fresh, left.get(0).get("id"));

        // costs of both machines are shown; the backup policy moved to the new machine
        assertNotNull(f.get("lostPricePerHour"));
        assertNotNull(f.get("newPricePerHour"));
        assertNotNull(f.get("secondsToUsable"));
        var policy = pool.preparedQuery("select instance_id from backup_policy where instance_id in ($1, $2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(m.id()), java.util.UUID.fromString(fresh)))
                .await().atMost(T);
        assertEquals(1, policy.size());
        assertEquals(fresh, policy.iterator().next().getUUID(0).toString());
        // the history of the new machine names the failover that made it
        assertEquals(f.get("id"), failovers(key, fresh).get(0).get("id"));
    }

    @Test
    void aMachineThatAnswersAgainIsNotReplaced() throws Exception {
        String key = TestAuth.userKey("fo-back-" + System.nanoTime() % 100_000, "tenant-fo-back-" + System.nanoTime());
        TestAuthKeys.last = key;
        Machine m = readyMachine(key);
        fill(m.workspace());
        byte[] weights = new byte[48 << 20]; // a restore that takes a while: the machine is back meanwhile
        new Random(9).nextBytes(weights);
        Files.write(m.workspace().resolve("weights.bin"), weights);
        snapshot(key, m);
        Map<String, String> before = Trees.digest(m.workspace());
        loseAndWatch(m, LocalFault.SSH_DEAD);
        local.heal(m.providerId()); // its SSH server is back while the failover is under way

        Map<String, Object> f = awaitEnd(key, m.id());
        assertEquals("CANCELLED", f.get("status"), f.toString());
        assertNull(f.get("newInstanceId"));
        List<Map<String, Object>> left = awaitOnlyAlive(key, m.id());
        assertEquals(1, left.size(), "the machine is kept, no replacement alive: " + left);
        assertEquals(m.id(), left.get(0).get("id"));
        assertEquals(before, Trees.digest(m.workspace()), "its workspace untouched");
        // it is watched again, and found healthy
        assertEquals(0, watch.watchAll().await().atMost(T));
    }

    @Test
    void aPersonCanMoveAWorkspaceToAnotherMachine() throws Exception {
        String key = TestAuth.userKey("fo-move-" + System.nanoTime() % 100_000, "tenant-fo-move-" + System.nanoTime());
        TestAuthKeys.last = key;
        Machine m = readyMachine(key);
        fill(m.workspace());
        snapshot(key, m);
        Files.writeString(m.workspace().resolve("later.txt"), "after the snapshot\n");
        Map<String, String> now = Trees.digest(m.workspace());

        TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("mutation($i: ID!) { moveInstance(instanceId: $i)"
                + " { id status trigger } }", Map.of("i", "not-an-id"))).post("/graphql").then()
                .body("errors[0].message", org.hamcrest.Matchers.containsString("instanceId"));
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("mutation($i: ID!) {"
                + " moveInstance(instanceId: $i) { id status trigger } }", Map.of("i", m.id()))).post("/graphql")
                .then().body("errors", org.hamcrest.Matchers.nullValue()).body("data.moveInstance.trigger",
                        org.hamcrest.Matchers.equalTo("USER")).extract().path("data.moveInstance.id");
        // a second request while it runs is refused, naming the field
        TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("mutation($i: ID!) { moveInstance(instanceId: $i)"
                + " { id } }", Map.of("i", m.id()))).post("/graphql").then()
                .body("errors[0].message", org.hamcrest.Matchers.containsString("running already"));

        List<String> events = io.snapgpu.support.GraphQLWs.subscribe(graphql, key, "subscription { failoverProgress(id: \""
                + id + "\") { status attempts newInstanceId } }", T);
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"DONE\""), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("SNAPSHOTTING")) && events.stream()
                .anyMatch(e -> e.contains("REPLACING")), events.toString());

        Map<String, Object> f = awaitEnd(key, m.id());
        String fresh = (String) f.get("newInstanceId");
        assertNotNull(f.get("preSnapshotId"));
        String freshPid = TestAuth.bearer(key).get("/api/v1/instances/" + fresh).then().extract().path("provider_instance_id");
        assertEquals(now, Trees.digest(local.workspaceOnDisk(freshPid).orElseThrow()));
        Map<String, Object> old = TestAuth.bearer(key).get("/api/v1/instances/" + m.id()).then().extract().as(Map.class);
        assertEquals("DESTROYED", old.get("status"));
        assertEquals("MOVED", old.get("termination_reason"));
        assertEquals(1, awaitOnlyAlive(key, fresh).size());
        assertFalse(local.workspaceOnDisk(m.providerId()).isPresent());
    }
}
