package io.snapgpu.restore;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Restores with the real restic, S3 server and PostgreSQL onto machines of the local marketplace. */
@QuarkusTest
class RestoreTest {
    private static final Duration T = Duration.ofSeconds(120);

    @Inject
    LocalProvider local;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** Machines this test rented (key, id): given back after each test, so the small test market never runs dry. */
    private final java.util.List<String[]> rented = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void giveBackMachines() {
        for (String[] r : rented) {
            TestAuth.bearer(r[0]).delete("/api/v1/instances/" + r[1]);
        }
        rented.clear();
    }
    @TestHTTPResource("/graphql")
    URI graphql;

    record Machine(String instanceId, Path workspace) {
    }

    private Machine readyMachine(String key) throws Exception {
        var booting = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(h -> h.hostId()).toList();
        String offer = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> booting.contains(o.hostId())).findFirst().orElseThrow().offerId();
        String id = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("provider", "local", "offer_id", offer)).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", T));
        rented.add(new String[] { key, id });
        return new Machine(id, workspaceOf(key, id));
    }

    private Path workspaceOf(String key, String instanceId) {
        String machineId = TestAuth.bearer(key).get("/api/v1/instances/" + instanceId).then().extract().path("provider_instance_id");
        return local.workspaceOnDisk(machineId).orElseThrow();
    }

    private static void fill(Path ws, int bulkMb) throws Exception {
        Random r = new Random(5);
        Files.createDirectories(ws.resolve("code/pkg"));
        Files.writeString(ws.resolve("code/train.py"), "import torch\n");
        Files.writeString(ws.resolve("code/pkg/model.py"), "class Model: pass\n");
        Files.writeString(ws.resolve("config.yaml"), "lr: 0.001\n");
        Files.writeString(ws.resolve("requirements.txt"), "torch==2.5\n");
        byte[] big = new byte[bulkMb * 1024 * 1024];
        r.nextBytes(big);
        Files.createDirectories(ws.resolve("checkpoints"));
        Files.write(ws.resolve("checkpoints/model.bin"), big);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[1000 + r.nextInt(20_000)];
            r.nextBytes(b);
            Files.createDirectories(ws.resolve("data/" + (i % 10)));
            Files.write(ws.resolve("data/" + (i % 10) + "/item-" + i + ".bin"), b);
        }
    }

    static Map<String, String> digest(Path root) throws Exception {
        return io.snapgpu.support.Trees.digest(root);
    }

    private String snapshot(String key, Machine m) throws Exception {
        return snapshot(key, m, List.of());
    }

    private String snapshot(String key, Machine m, List<String> excludes) throws Exception {
        TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("instance_id", m.instanceId(), "frequency_minutes", 1440, "retention_days", 7,
                        "exclude_paths", excludes))
                .post("/api/v1/snapshots/config").then().statusCode(200);
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("instance_id", m.instanceId()))
                .post("/api/v1/snapshots").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> s = TestAuth.bearer(key).get("/api/v1/snapshots/" + id).then().extract().as(Map.class);
            if ("SUCCEEDED".equals(s.get("status")) && s.get("tree_hash") != null) {
                return id;
            }
            assertNotEquals("FAILED", s.get("status"), s.toString());
            Thread.sleep(100);
        }
        throw new AssertionError("snapshot not done");
    }

    private Map<String, Object> awaitRestore(String key, String id) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> j = Map.of();
        while (System.nanoTime() < deadline) {
            j = TestAuth.bearer(key).get("/api/v1/restores/" + id).then().statusCode(200).extract().as(Map.class);
            if ("DONE".equals(j.get("phase")) || "FAILED".equals(j.get("phase"))) {
                return j;
            }
            Thread.sleep(100);
        }
        return j;
    }

    @Test
    void restoreOntoTheSameInstanceNeedsConfirmationTakesASafetySnapshotAndIsExact() throws Exception {
        String key = TestAuth.userKey("restorer-" + System.nanoTime() % 1_000_000, "tenant-restore-" + System.nanoTime());
        Machine m = readyMachine(key);
        fill(m.workspace(), 8);
        Map<String, String> original = digest(m.workspace());
        String snap = snapshot(key, m);

        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("snapshot_id", snap, "instance_id", m.instanceId()))
                .post("/api/v1/restores").then().statusCode(400).body("field", equalTo("confirm_overwrite"))
                .body("detail", containsString("must be true"));
        TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("{ restoreJobs { id } }", null))
                .post("/graphql").then().body("data.restoreJobs.size()", equalTo(0));

        // the workspace moves on after the snapshot: a file deleted, one added, one changed
        Files.delete(m.workspace().resolve("config.yaml"));
        Files.writeString(m.workspace().resolve("junk.txt"), "written after the snapshot\n");
        Files.writeString(m.workspace().resolve("code/train.py"), "changed\n");

        String job = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("snapshot_id", snap, "instance_id", m.instanceId(), "confirm_overwrite", true))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        Map<String, Object> done = awaitRestore(key, job);
        assertEquals("DONE", done.get("phase"), done.toString());
        assertEquals(original, digest(m.workspace()), "byte for byte the snapshot's tree");
        assertNotNull(done.get("usable_at"));
        assertEquals(((Number) done.get("bytes_total")).longValue(), ((Number) done.get("bytes_done")).longValue());
        List<String> kinds = TestAuth.bearer(key).get("/api/v1/snapshots?instance_id=" + m.instanceId()).then()
                .extract().path("kind");
        assertTrue(kinds.contains("PRE_FAILOVER"), "the safety snapshot exists: " + kinds);
        assertEquals("RUNNING", TestAuth.bearer(key).get("/api/v1/instances/" + m.instanceId()).then().extract().path("status"));
    }

    @Test
    void restoreOntoAnInstanceWithAnEmptyWorkspaceNeedsNoSafetySnapshot() throws Exception {
        String key = TestAuth.userKey("empty-" + System.nanoTime() % 1_000_000, "tenant-empty-" + System.nanoTime());
        Machine source = readyMachine(key);
        fill(source.workspace(), 1);
        Map<String, String> original = digest(source.workspace());
        String snap = snapshot(key, source);
        Machine empty = readyMachine(key);
        String job = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("snapshot_id", snap, "instance_id", empty.instanceId(), "confirm_overwrite", true))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        Map<String, Object> done = awaitRestore(key, job);
        assertEquals("DONE", done.get("phase"), done.toString());
        assertEquals(original, digest(empty.workspace()));
        // the restore counts files as the snapshot does (regular files, not directories): "Files 4 of 4" for a
        // snapshot that lists 2 was two screens disagreeing
        Number listed = TestAuth.bearer(key).get("/api/v1/snapshots/" + snap).then().extract().path("file_count");
        assertNotNull(listed, "the snapshot's file count");
        assertEquals(listed.longValue(), ((Number) done.get("files_total")).longValue(), done.toString());
        assertEquals(listed.longValue(), ((Number) done.get("files_done")).longValue(), done.toString());
        List<String> kinds = TestAuth.bearer(key).get("/api/v1/snapshots?instance_id=" + empty.instanceId()).then()
                .extract().path("kind");
        assertTrue(kinds.isEmpty(), "nothing to keep, no safety snapshot: " + kinds);
    }

    @Test
    void restoreOntoANewMachineStreamsProgressToTheEnd() throws Exception {
        String key = TestAuth.userKey("newmachine-" + System.nanoTime() % 1_000_000, "tenant-newm-" + System.nanoTime());
        Machine m = readyMachine(key);
        fill(m.workspace(), 48);
        Map<String, String> original = digest(m.workspace());
        String snap = snapshot(key, m);

        String job = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation($s: String!) { restoreSnapshot(input: {snapshotId: $s,"
                        // a race timeout no loaded machine reaches (time scale 0.01: the default 900 s are 9 s)
                        + " newInstancePolicy: {timeoutSeconds: 60000}}) { id phase } }",
                        Map.of("s", snap))).post("/graphql").then().body("errors", org.hamcrest.Matchers.nullValue())
                .extract().path("data.restoreSnapshot.id");
        List<String> events = subscribe(key, "subscription { restoreProgress(id: \"" + job
                + "\") { phase bytesDone bytesTotal usableAt } }");
        String last = events.get(events.size() - 1);
        if (!last.contains("\"phase\":\"DONE\"")) {
            String row = TestAuth.bearer(key).get("/api/v1/restores/" + job).then().extract().asString();
            String race = io.restassured.path.json.JsonPath.from(row).getString("race_id");
            throw new AssertionError(events + " " + row + (race == null ? "" : " race: "
                    + TestAuth.bearer(key).get("/api/v1/races/" + race).then().extract().asString()));
        }
        int critical = indexOf(events, "CRITICAL_FILES");
        int remaining = indexOf(events, "REMAINING_FILES");
        assertTrue(critical >= 0 && remaining > critical, "critical files first: " + events);
        assertTrue(events.get(remaining).contains("\"usableAt\":\""), "usable once the critical set is in: " + events.get(remaining));
        // progress rises to 100 %: some event part way (measured on disk with restic 0.14, reported by 0.16+),
        // never backwards, and the last one complete
        long previous = -1;
        boolean partWay = false;
        for (String e : events) {
            java.util.regex.Matcher done = java.util.regex.Pattern.compile("\"bytesDone\":(\\d+)").matcher(e);
            java.util.regex.Matcher total = java.util.regex.Pattern.compile("\"bytesTotal\":(\\d+)").matcher(e);
            if (done.find() && total.find()) {
                long d = Long.parseLong(done.group(1));
                long t = Long.parseLong(total.group(1));
                assertTrue(d >= previous, "progress never goes back: " + events);
                previous = d;
                partWay |= d > 0 && d < t;
            }
        }
        assertTrue(partWay, "progress part way before the end: " + events);
        assertTrue(last.matches(".*\"bytesDone\":(\\d+),\"bytesTotal\":\\1\\b.*"), "ends at 100 %: " + last);

        Map<String, Object> done = awaitRestore(key, job);
        assertEquals("DONE", done.get("phase"), done.toString());
        String newInstance = (String) done.get("instance_id");
        rented.add(new String[] { key, newInstance });
        assertNotEquals(m.instanceId(), newInstance, "a new machine");
        String raceId = (String) done.get("race_id");
        assertNotNull(raceId, "the machine came from a launch race");
        TestAuth.bearer(key).get("/api/v1/races/" + raceId).then().statusCode(200)
                .body("status", equalTo("WON"));
        assertEquals(original, digest(workspaceOf(key, newInstance)));
        // a restore reads without restic's lock while registered (see SnapshotTest for what that holds off):
        // the registration is gone once it is done
        String tenant = TestAuth.bearer(key).get("/api/v1/auth/me").then().extract().path("tenant_id");
        assertEquals(0L, pool.preparedQuery("select count(*) from repository_read where tenant_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(tenant))).await().atMost(T)
                .iterator().next().getLong(0));
    }

    @Test
    void aResticKilledMidRestoreIsRetriedAndTheResultIsStillExact() throws Exception {
        String key = TestAuth.userKey("killer-" + System.nanoTime() % 1_000_000, "tenant-kill-" + System.nanoTime());
        Machine m = readyMachine(key);
        fill(m.workspace(), 200);
        Map<String, String> original = digest(m.workspace());
        String snap = snapshot(key, m);
        AtomicBoolean killed = new AtomicBoolean();
        boolean incremental = incrementalRestic();
        // what the restore has to bring back (restic 0.17+ keeps what is there); restic sets the mtimes last
        Map<String, java.nio.file.attribute.FileTime> mtimes = new java.util.HashMap<>();
        try (var files = Files.walk(m.workspace().resolve("data"))) {
            for (Path f : files.toList()) {
                mtimes.put(m.workspace().relativize(f).toString(), Files.getLastModifiedTime(f));
            }
        }
        io.snapgpu.support.Trees.delete(m.workspace().resolve("data"));
        io.snapgpu.support.Trees.delete(m.workspace().resolve("checkpoints"));
        String job = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("snapshot_id", snap, "instance_id", m.instanceId(), "confirm_overwrite", true))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // the workspace as the machine's commands see it (under OpenSSH, /root/workspace of its namespace)
        String root = local.workspaceRoot(local.status(TestAuth.bearer(key).get("/api/v1/instances/" + m.instanceId())
                .then().extract().<String>path("provider_instance_id")).await().atMost(T));
        // the bulk run: it excludes the critical set (restic < 0.17) or deletes what the snapshot lacks (0.17+,
        // where it is killed once some files are complete, to see the retry resume with them)
        Path data = m.workspace().resolve("data");
        java.util.Set<String> seen = new java.util.TreeSet<>();
        int completeSeen = 0;
        while (!killed.get() && System.nanoTime() < deadline) {
            var bulk = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("restic")
                    && c.contains(" restore ") && c.contains(root)).orElse(false)).toList();
            bulk.forEach(p -> seen.add(p.info().commandLine().orElse("")));
            int complete = incremental && Files.isDirectory(data) ? complete(data, original).size() : 0;
            completeSeen = Math.max(completeSeen, complete);
            if (!incremental || complete > 0) {
                bulk.stream().filter(p -> p.info().commandLine().orElse("").contains(incremental ? "--delete" : "--exclude"))
                        .findFirst().ifPresent(p -> killed.set(p.destroyForcibly()));
            }
            Thread.sleep(20);
        }
        assertTrue(killed.get(), "found the bulk restore to kill; restic runs seen: " + seen + ", complete files seen: "
                + completeSeen + ", restore: " + TestAuth.bearer(key).get("/api/v1/restores/" + job).then().extract()
                .asString());
        // one file whose content the killed run completed is marked, with the snapshot's size and mtime: the
        // resumed run (--overwrite if-changed) must take it as done and leave it alone
        List<Path> completed = incremental ? complete(data, original) : List.of();
        String planted = incremental ? plant(completed.get(0),
                mtimes.get(m.workspace().relativize(completed.get(0)).toString())) : null;
        Map<String, Object> done = awaitRestore(key, job);
        assertEquals("DONE", done.get("phase"), done.toString());
        assertTrue(((Number) done.get("attempts")).intValue() >= 3, "critical + failed bulk + retried bulk: " + done);
        Map<String, String> after = digest(m.workspace());
        if (incremental) {
            String marked = m.workspace().relativize(completed.get(0)).toString();
            assertEquals(planted, after.get(marked), "the resumed run left the files already complete alone");
            after.put(marked, original.get(marked));
        }
        assertEquals(original, after);
    }

    @Test
    void restoreOntoAWorkspaceThatMovedOnMovesOnlyWhatDiffersAndKeepsWhatBackupsLeaveOut() throws Exception {
        String key = TestAuth.userKey("incr-" + System.nanoTime() % 1_000_000, "tenant-incr-" + System.nanoTime());
        Machine m = readyMachine(key);
        Path ws = m.workspace();
        fill(ws, 8);
        Files.writeString(ws.resolve("run.log"), "epoch 1\n");
        Files.createDirectories(ws.resolve("tmp"));
        Files.writeString(ws.resolve("tmp/scratch.bin"), "scratch\n");
        Map<String, String> inSnapshot = digest(ws);
        inSnapshot.keySet().removeIf(p -> p.equals("run.log") || p.equals("tmp") || p.startsWith("tmp/"));
        String snap = snapshot(key, m, List.of("*.log", "/tmp"));

        // after the snapshot: one file changed, one added, one deleted; the excluded ones written on
        Files.writeString(ws.resolve("code/train.py"), "changed\n");
        Files.writeString(ws.resolve("junk.txt"), "written after the snapshot\n");
        Files.delete(ws.resolve("config.yaml"));
        Files.writeString(ws.resolve("run.log"), "epoch 1\nepoch 2\n");
        Files.writeString(ws.resolve("tmp/later.bin"), "later\n");
        Path sentinel = ws.resolve("checkpoints/model.bin");
        String planted = plant(sentinel);

        String job = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("snapshot_id", snap, "instance_id", m.instanceId(), "confirm_overwrite", true))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        Map<String, Object> done = awaitRestore(key, job);
        assertEquals("DONE", done.get("phase"), done.toString());
        Map<String, String> after = digest(ws);
        if (incrementalRestic()) {
            // restic 0.17+: onto what is there, only what differs moves, and what backups leave out stays
            assertEquals("epoch 1\nepoch 2\n", Files.readString(ws.resolve("run.log")));
            assertEquals("later\n", Files.readString(ws.resolve("tmp/later.bin")));
            assertEquals("scratch\n", Files.readString(ws.resolve("tmp/scratch.bin")));
            after.keySet().removeIf(p -> p.equals("run.log") || p.equals("tmp") || p.startsWith("tmp/"));
            assertEquals(planted, after.get("checkpoints/model.bin"), "an unchanged file (by size and mtime) is not"
                    + " downloaded or rewritten");
            after.put("checkpoints/model.bin", inSnapshot.get("checkpoints/model.bin"));
            assertEquals(inSnapshot, after, "byte for byte the snapshot's tree besides the kept files");
        } else {
            // older restic: the workspace is emptied and restored whole
            assertEquals(inSnapshot, after, "exactly the snapshot's tree: the excluded files are gone, all rewritten");
        }
        List<String> kinds = TestAuth.bearer(key).get("/api/v1/snapshots?instance_id=" + m.instanceId()).then()
                .extract().path("kind");
        assertTrue(kinds.contains("PRE_FAILOVER"), "the safety snapshot exists: " + kinds);
    }

    /** Whether the machines' restic restores onto existing data (0.17+): machines run the app's restic. */
    private static boolean incrementalRestic() {
        String v = TestAuth.admin().get("/api/v1/system").then().statusCode(200).extract().path("restic_version");
        return io.snapgpu.restic.ResticVersion.parse("restic " + v).orElseThrow().hasIncrementalRestore();
    }

    /** The files below {@code dir} whose content is restored completely. */
    private static List<Path> complete(Path dir, Map<String, String> original) throws Exception {
        Path ws = dir.getParent();
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return original.get(ws.relativize(f).toString()).equals(HexDigest.of(f));
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    /**
     * Changes the first byte of {@code file}, keeping its size and mtime: restic (--overwrite if-changed)
     * takes such a file as unchanged, so the mark survives exactly when restic neither downloads nor
     * rewrites it. Returns the marked content's digest.
     */
    private static String plant(Path file) throws Exception {
        return plant(file, Files.getLastModifiedTime(file));
    }

    private static String plant(Path file, java.nio.file.attribute.FileTime mtime) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[0] ^= 1;
        Files.write(file, b);
        Files.setLastModifiedTime(file, mtime);
        return HexDigest.of(file);
    }

    private static final class HexDigest {
        static String of(Path f) throws Exception {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(f)));
        }
    }

    private static int indexOf(List<String> events, String phase) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).contains("\"phase\":\"" + phase + "\"")) {
                return i;
            }
        }
        return -1;
    }

    private List<String> subscribe(String key, String query) throws Exception {
        List<String> nexts = io.snapgpu.support.GraphQLWs.subscribe(graphql, key, query, Duration.ofSeconds(120));
        assertFalse(nexts.isEmpty());
        return nexts;
    }
}
