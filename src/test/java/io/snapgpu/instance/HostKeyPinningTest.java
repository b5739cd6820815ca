package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.snapgpu.db.Db;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ProcessEvent;
import io.snapgpu.shell.ssh.HostKeyChangedException;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.shell.ssh.SshKeys;
import io.snapgpu.shell.ssh.SshShell;
import io.snapgpu.shell.ssh.SshShellFactory;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A machine's first host key is pinned on its row; every later connection, of this replica, of a
 * SnapGPU started afresh over the same database, or of another replica, requires it. A machine
 * whose key changed (its SSH server reinstalled with a new key) is refused, and so is the operation.
 */
@QuarkusTest
class HostKeyPinningTest {
    static final Duration T = Duration.ofSeconds(90);

    @Inject
    LocalProvider local;
    @Inject
    ShellConnector shells;
    @Inject
    InstanceService service;
    @Inject
    ProviderRegistry providers;
    @Inject
    SshIdentity identity;
    @Inject
    Db db;
    @Inject
    InstanceRepository instances;

    @Test
    void theFirstHostKeyIsPinnedAndAChangedOneIsRefusedEverywhere() throws Exception {
        String key = TestAuth.userKey("hostkey-" + System.nanoTime() % 1_000_000, "tenant-hostkey-" + System.nanoTime());
        String id = create(key);
        try {
            assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
            Instance row = row(id);
            assertNotNull(row.hostKey, "pinned when SnapGPU first logged in");
            ProviderInstance machine = local.status(row.providerInstanceId).await().atMost(T);

            // the pinned key is the one the machine presents (seen by a shell that trusts whatever it is shown)
            try (SshShellFactory bare = new SshShellFactory();
                    SshShell look = bare.create(machine.sshHost(), machine.sshPort(), "root", identity.loaded(),
                            local.workspaceRoot(machine), Duration.ofSeconds(20))) {
                assertEquals(0, exit(look));
                assertEquals(row.hostKey, look.hostKey().orElseThrow());
            }
            assertEquals(SshKeys.fingerprint(SshKeys.parsePublicKeyLine(row.hostKey)), row.hostKeyFingerprint());
            assertTrue(row.hostKeyFingerprint().matches("SHA256:[A-Za-z0-9+/]{43}"), row.hostKeyFingerprint());

            try (SshShellFactory restarted = new SshShellFactory(); SshShellFactory replica = new SshShellFactory()) {
                // SnapGPU started afresh (a connector and SSH client with no memory) starts from the row's key;
                // so does another replica, even one holding a copy of the row read before the key was pinned
                ShellConnector afterRestart = new ShellConnector(providers, restarted, identity, db, instances);
                ShellConnector otherReplica = new ShellConnector(providers, replica, identity, db, instances);
                Instance stale = copyWithoutKey(row);
                assertEquals(0, exit(afterRestart.shellFor(row(id), machine).orElseThrow()));
                assertEquals(0, exit(otherReplica.shellFor(stale, machine).orElseThrow()));
                afterRestart.forget(machine.provider(), machine.id());
                otherReplica.forget(machine.provider(), machine.id());

                // the machine's SSH server comes back with another host key
                local.replaceHostKey(row.providerInstanceId);
                ProviderInstance changed = local.status(row.providerInstanceId).await().atMost(T);
                String offered = presentedKey(changed);
                assertNotEquals(row.hostKey, offered, "the machine presents a new key now");
                String expected = "the host key changed (recorded " + row.hostKeyFingerprint() + ", offered "
                        + SshKeys.fingerprint(SshKeys.parsePublicKeyLine(offered)) + ")";

                // this replica's own shell (it has seen the old key), through the way snapshots and restores take
                ReadyMachine ready = service.ready(row(id)).await().atMost(T);
                assertRefused(expected, ready.shell());
                // a SnapGPU started afresh, and another replica (also from its stale copy of the row)
                assertRefused(expected, afterRestart.shellFor(row(id), changed).orElseThrow());
                assertRefused(expected, otherReplica.shellFor(stale, changed).orElseThrow());
                assertEquals(row.hostKey, row(id).hostKey, "the pinned key stays: the first recorded wins");

                // the operation a person starts fails, and says why
                String snapshot = TestAuth.bearer(key).contentType(ContentType.JSON)
                        .body(Map.of("instance_id", id, "description", "after the key changed")).post("/api/v1/snapshots")
                        .then().statusCode(202).extract().path("id");
                Map<String, Object> s = awaitSnapshotEnd(key, snapshot);
                assertEquals("FAILED", s.get("status"), s.toString());
                String error = String.valueOf(s.get("error"));
                assertTrue(error.contains(expected), error);
                assertFalse(error.contains("`") || error.contains("workspace") || error.contains(".snapgpu"),
                        "no command line or path: " + error);
            }
        } finally {
            TestAuth.bearer(key).delete("/api/v1/instances/" + id);
        }
        // a destroyed machine's shell is closed and forgotten: the connector has none for it any more
        Instance ended = awaitEnded(id);
        assertTrue(shells.shellFor(ended, local.status(ended.providerInstanceId).await().atMost(T)).isEmpty());
    }

    @Test
    void ofReplicasRecordingAFirstKeyAtOnceTheFirstWinsForAll() {
        Instance row = new Instance();
        row.id = UUID.randomUUID();
        TestAuth.userKey("hostkeys-" + System.nanoTime() % 1_000_000, "tenant-hostkeys-" + System.nanoTime());
        row.tenantId = db.read(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s
                .createNativeQuery("select id from tenant order by created_at desc limit 1", UUID.class).getSingleResult()))
                .await().atMost(T);
        row.provider = "local";
        row.offerId = "none";
        row.label = Instance.labelFor(row.id);
        row.pricePerHour = BigDecimal.ZERO;
        row.status = InstanceStatus.PROVISIONING;
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.updatedAt = row.createdAt;
        row.hostKey = "ignored: the entity never writes this column";
        db.tx(() -> instances.persist(row)).await().atMost(T);
        assertEquals(null, row(row.id.toString()).hostKey, "saving the entity leaves the key alone");

        List<String> keys = IntStream.range(0, 8).mapToObj(i -> SshKeys.publicKeyLine(SshKeys.generate().getPublic(), null))
                .toList();
        List<String> answers = Uni.join().all(keys.stream().map(k -> db.tx(() -> instances.recordHostKey(row.id, k))).toList())
                .andFailFast().await().atMost(T);
        String pinned = row(row.id.toString()).hostKey;
        assertTrue(keys.contains(pinned), "one of the offered keys");
        assertEquals(List.of(pinned), answers.stream().distinct().toList(), "every writer is told the same key");

        // a later save of the row (a status change) does not clear it
        service.update(row.id, r -> r.transition(InstanceStatus.FAILED, OffsetDateTime.now(ZoneOffset.UTC))).await().atMost(T);
        assertEquals(pinned, row(row.id.toString()).hostKey);
        assertEquals(null, db.tx(() -> instances.recordHostKey(UUID.randomUUID(), keys.get(0))).await().atMost(T),
                "no row, no key");
    }

    private static void assertRefused(String expected, InstanceShell shell) {
        Throwable failure = assertThrows(Throwable.class, () -> exit(shell));
        assertInstanceOf(HostKeyChangedException.class, failure, String.valueOf(failure));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    /** The key the machine presents now, as a shell that trusts whatever it is shown sees it. */
    private String presentedKey(ProviderInstance machine) {
        try (SshShellFactory bare = new SshShellFactory();
                SshShell look = bare.create(machine.sshHost(), machine.sshPort(), "root", identity.loaded(),
                        local.workspaceRoot(machine), Duration.ofSeconds(20))) {
            assertEquals(0, exit(look));
            return look.hostKey().orElseThrow();
        }
    }

    private static Instance copyWithoutKey(Instance row) {
        Instance c = new Instance();
        c.id = row.id;
        c.provider = row.provider;
        c.providerInstanceId = row.providerInstanceId;
        c.hostKey = null;
        return c;
    }

    private Instance row(String id) {
        return db.read(() -> instances.findById(UUID.fromString(id))).await().atMost(T);
    }

    private Instance awaitEnded(String id) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        Instance r = row(id);
        while (r.status.alive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = row(id);
        }
        return r;
    }

    private static Map<String, Object> awaitSnapshotEnd(String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> s = Map.of();
        while (System.nanoTime() < deadline) {
            s = TestAuth.bearer(key).get("/api/v1/snapshots/" + id).then().statusCode(200).extract().as(Map.class);
            if ("FAILED".equals(s.get("status")) || "SUCCEEDED".equals(s.get("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        return s;
    }

    private String create(String key) {
        var wanted = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(LocalHost::hostId).toList();
        String offer = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> wanted.contains(o.hostId())).findFirst().orElseThrow().offerId();
        return TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("provider", "local", "offer_id", offer))
                .post("/api/v1/instances").then().statusCode(201).extract().path("id");
    }

    private static int exit(InstanceShell shell) {
        return shell.exec(new CommandSpec(List.of("true"), Map.of(), null))
                .filter(e -> e instanceof ProcessEvent.Exit).map(e -> ((ProcessEvent.Exit) e).code())
                .toUni().await().atMost(T);
    }
}
