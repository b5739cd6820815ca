package io.snapgpu.instance.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.instance.ShellConnector;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ProcessEvent;
import io.snapgpu.storage.ObjectStore;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every machine is prepared over SSH by the bootstrap before it counts as ready: a local machine
 * starts without restic and ends with SnapGPU's pinned one, fetched from the bucket.
 */
@QuarkusTest
class MachineBootstrapTest {
    static final Duration T = Duration.ofSeconds(90);

    @Inject
    LocalProvider local;
    @Inject
    ShellConnector shells;
    @Inject
    PinnedRestic pinned;
    @Inject
    ObjectStore store;
    @Inject
    io.snapgpu.db.Db db;
    @Inject
    io.snapgpu.instance.InstanceRepository instances;

    private io.snapgpu.instance.Instance row(String id) {
        return db.read(() -> instances.findById(java.util.UUID.fromString(id))).await().atMost(T);
    }

    /** key and instance id of every machine a test rented, given back after it (the host is free again). */
    private final List<String[]> rented = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void giveBack() {
        rented.forEach(r -> TestAuth.bearer(r[0]).delete("/api/v1/instances/" + r[1]));
        rented.clear();
    }

    @Test
    void aFreshMachineHasNoResticAndIsReadyOnlyWithThePinnedOne() throws Exception {
        String key = TestAuth.userKey("boot-" + System.nanoTime() % 1_000_000, "tenant-boot-" + System.nanoTime());
        String id = create(key, LocalHosts.bootsWithin(30));
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        String machineId = machineId(key, id);
        Path home = local.workspaceOnDisk(machineId).orElseThrow().getParent();

        PinnedRestic.Binary binary = pinned.get().await().atMost(T);
        Path installed = home.resolve(".snapgpu/bin/restic");
        assertTrue(Files.isRegularFile(installed), "restic installed in the machine's home");
        assertEquals(binary.sha256(), PinnedRestic.sha256(installed), "the pinned binary, byte for byte");
        assertTrue(Files.isDirectory(home.resolve("workspace")), "the bootstrap made the workspace");
        assertTrue(store.keys("tools/restic/", 10).contains("tools/restic/" + binary.sha256()),
                "uploaded once to the bucket under its hash, where machines fetch it");

        InstanceShell shell = shells.shellFor(row(id), local.status(machineId).await().atMost(T)).orElseThrow();
        assertNotEquals(0, exit(shell, "command -v restic"), "the machine's PATH has no restic of its own");
        assertEquals(0, exit(shell, "\"$HOME/.snapgpu/bin/restic\" version"));
        assertFalse(Files.exists(home.resolve(".no_auto_tmux")), "a vast.ai quirk only");

        // a second bootstrap of a prepared machine only checks: the binary stays as it is
        long modified = Files.getLastModifiedTime(installed).toMillis();
        MachineRestic again = bootstrapAgain(shell);
        assertEquals(binary.version(), again.version());
        assertEquals(modified, Files.getLastModifiedTime(installed).toMillis(), "nothing downloaded again");
    }

    @Test
    void aMachineThatCannotDownloadGetsResticOverSftp() throws Exception {
        String key = TestAuth.userKey("bare-" + System.nanoTime() % 1_000_000, "tenant-bare-" + System.nanoTime());
        // the tests' bare host (snapgpu.local.bare-hosts): its machines have neither curl nor wget. A machine
        // an earlier run left on it (the test data outlives runs) is given back at the marketplace first.
        for (var m : local.listLabelled("").await().atMost(T)) {
            if ("local-h033".equals(m.hostId())) {
                local.destroy(m.id()).await().atMost(T);
            }
        }
        String id = create(key, h -> h.hostId().equals("local-h033"));
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        String machineId = machineId(key, id);
        InstanceShell shell = shells.shellFor(row(id), local.status(machineId).await().atMost(T)).orElseThrow();
        assertNotEquals(0, exit(shell, "command -v curl || command -v wget"), "no downloader on this machine");
        Path installed = local.workspaceOnDisk(machineId).orElseThrow().resolveSibling(".snapgpu/bin/restic");
        assertEquals(pinned.get().await().atMost(T).sha256(), PinnedRestic.sha256(installed), "uploaded, then checked");
        assertFalse(Files.exists(installed.resolveSibling("restic.upload")), "the upload was moved into place");
        assertEquals(0, exit(shell, "\"$HOME/.snapgpu/bin/restic\" version"));
    }

    @Test
    void aMachineWhoseBootstrapFailsIsNeverReportedReady() throws Exception {
        String key = TestAuth.userKey("noboot-" + System.nanoTime() % 1_000_000, "tenant-noboot-" + System.nanoTime());
        // a slow host (150-400 s, i.e. 1.5-4 s at the tests' time scale) leaves time to break the machine first
        String id = create(key, h -> LocalHosts.bootsWithin(400).test(h) && h.boot().baseSeconds() >= 150);
        String machineId = null;
        long deadline = System.nanoTime() + T.toNanos();
        while (machineId == null && System.nanoTime() < deadline) {
            machineId = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("provider_instance_id");
            Thread.sleep(5);
        }
        Path workspace = local.workspaceOnDisk(machineId).orElseThrow();
        Files.writeString(workspace, "a file where the workspace must go: mkdir fails on the machine\n");

        String status = awaitEnded(key, id);
        Map<String, Object> row = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().as(Map.class);
        assertTrue(List.of("DESTROYED", "FAILED").contains(status), row.toString());
        assertEquals("BOOT_FAILED", row.get("termination_reason"), row.toString());
        assertNull(row.get("ready_at"), "never ready: " + row);
    }

    private MachineRestic bootstrapAgain(InstanceShell shell) {
        return io.quarkus.arc.Arc.container().instance(MachineBootstrap.class).get()
                .prepare(shell, MachineBootstrap.Quirks.of("local")).await().atMost(T);
    }

    private String create(String key, Predicate<LocalHost> hosts) {
        var wanted = LocalHosts.where(local, hosts).stream().map(LocalHost::hostId).toList();
        String offer = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> wanted.contains(o.hostId())).findFirst().orElseThrow().offerId();
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("provider", "local", "offer_id", offer))
                .post("/api/v1/instances").then().statusCode(201).extract().path("id");
        rented.add(new String[] { key, id });
        return id;
    }

    private static String machineId(String key, String id) {
        return TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("provider_instance_id");
    }

    private static String awaitEnded(String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().extract().path("status");
            if ("DESTROYED".equals(status) || "FAILED".equals(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        return status;
    }

    private static int exit(InstanceShell shell, String script) {
        return shell.exec(new CommandSpec(List.of("sh", "-c", script), Map.of(), null))
                .filter(e -> e instanceof ProcessEvent.Exit).map(e -> ((ProcessEvent.Exit) e).code())
                .toUni().await().atMost(T);
    }
}
