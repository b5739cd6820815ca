package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderTestProfile;
import io.snapgpu.provider.local.OpenSshServer;
import io.snapgpu.provider.vastai.VastAiConfig;
import io.snapgpu.support.FakeMachine;
import io.snapgpu.support.FakeMarket;
import io.snapgpu.support.FakeRunPodMarket;
import io.snapgpu.support.FakeVastMarket;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The whole loop on vast.ai and RunPod as a user meets it: APIs in their shapes whose machines are
 * real OpenSSH sshds that start without restic and accept only the key SnapGPU gave them the
 * provider's way (vast's attach endpoint, RunPod's PUBLIC_KEY). A race is won with exactly one
 * machine left, the bootstrap installs restic there, a snapshot of the winner restores onto a machine
 * of a second race byte for byte, and nothing is alive at the end.
 */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
@EnabledIf("io.snapgpu.race.ProviderMachinesOverSshTest#openSsh")
class ProviderMachinesOverSshTest {
    static final Duration T = Duration.ofSeconds(120);

    @Inject
    VastAiConfig config;
    @Inject
    io.snapgpu.provider.runpod.RunPodConfig runpodConfig;
    @Inject
    io.snapgpu.provider.runpod.RunPodProvider runpod;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;
    @Inject
    io.snapgpu.provider.vastai.VastAiProvider vast;

    FakeMarket market;

    static boolean openSsh() {
        OpenSshServer.unavailable().ifPresent(why -> System.err.println("SKIPPED: no OpenSSH machines here: " + why));
        return OpenSshServer.unavailable().isEmpty();
    }

    @BeforeEach
    void resetBreakers() {
        vast.name(); // the beans (and their circuit breakers) exist once used
        runpod.name();
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("vastai"));
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("runpod"));
    }

    @AfterEach
    void tearDown() {
        if (market != null) {
            market.close();
        }
    }

    private static MockApiServer api(String baseUrl) {
        MockApiServer api = MockApiServer.on(URI.create(baseUrl).getPort());
        api.reset();
        return api;
    }

    @Test
    void onVastMachinesOverOpenSsh() throws Exception {
        Map<String, Integer> offers = new TreeMap<>();
        for (int i = 1; i <= 6; i++) {
            offers.put(String.valueOf(7_000_000 + i), 900 + i);
        }
        market = new FakeVastMarket(api(config.baseUrl()), Files.createTempDirectory("snapgpu-fake-vast"), offers, 300);
        raceSnapshotAndRestore("vastai", 3);
        assertTrue(Files.exists(lastWinner.home().resolve(".no_auto_tmux")), "vast's auto-tmux switched off");
    }

    @Test
    void onRunPodMachinesOverOpenSsh() throws Exception {
        market = new FakeRunPodMarket(api(runpodConfig.baseUrl()), Files.createTempDirectory("snapgpu-fake-runpod"), 300);
        raceSnapshotAndRestore("runpod", 2); // its RTX 4090 in both clouds: two offers
        assertFalse(Files.exists(lastWinner.home().resolve(".no_auto_tmux")), "a vast.ai quirk only");
    }

    private FakeMachine lastWinner;

    private void raceSnapshotAndRestore(String provider, int waveSize) throws Exception {
        String key = Races.user(provider + "-ssh");
        Map<String, Object> input = Map.of("filter", Map.of("providers", List.of(provider), "gpuModels",
                List.of("RTX 4090")), "policy", Map.of("waveSize", waveSize, "maxWaves", 1, "timeoutSeconds", 6000));
        JsonPath race = Races.awaitFinished(key, Races.start(key, input));
        assertEquals("WON", race.getString("status"), race.prettify());
        assertEquals(1, market.alive().size(), "exactly one machine left at " + provider + ": " + market.alive().size());
        String winner = race.getString("winner_instance_id");
        String machineId = TestAuth.bearer(key).get("/api/v1/instances/" + winner).then().extract().path("provider_instance_id");
        FakeMachine machine = market.machine(machineId);
        lastWinner = machine;
        assertTrue(Files.isExecutable(machine.home().resolve(".snapgpu/bin/restic")), "the bootstrap installed restic");

        Path ws = machine.workspace();
        Files.createDirectories(ws.resolve("code"));
        Files.writeString(ws.resolve("code/train.py"), "print('on vast')\n");
        byte[] weights = new byte[3_000_000];
        new java.util.Random(7).nextBytes(weights);
        Files.write(ws.resolve("weights.bin"), weights);
        Map<String, String> original = io.snapgpu.support.Trees.digest(ws);

        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("instance_id", winner, "frequency_minutes", 1440,
                "retention_days", 7, "include_paths", List.of("/"), "exclude_paths", List.of()))
                .post("/api/v1/snapshots/config").then().statusCode(200);
        String snap = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("instance_id", winner))
                .post("/api/v1/snapshots").then().statusCode(202).extract().path("id");
        Map<String, Object> s = await(key, "/api/v1/snapshots/" + snap, "status", List.of("SUCCEEDED", "FAILED"));
        assertEquals("SUCCEEDED", s.get("status"), s.toString());

        String job = TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql(
                "mutation($s: String!, $f: OfferFilterInput) { restoreSnapshot(input: {snapshotId: $s, newInstanceFilter: $f}) { id } }",
                Map.of("s", snap, "f", Map.of("providers", List.of(provider))))).post("/graphql").then()
                .body("errors", org.hamcrest.Matchers.nullValue()).extract().path("data.restoreSnapshot.id");
        Map<String, Object> done = await(key, "/api/v1/restores/" + job, "phase", List.of("DONE", "FAILED"));
        assertEquals("DONE", done.get("phase"), done.toString());
        String restored = (String) done.get("instance_id");
        assertNotEquals(winner, restored);
        String restoredMachine = TestAuth.bearer(key).get("/api/v1/instances/" + restored).then().extract()
                .path("provider_instance_id");
        assertEquals(original, io.snapgpu.support.Trees.digest(market.machine(restoredMachine).workspace()), "restored byte for byte");

        for (String id : List.of(winner, restored)) {
            TestAuth.bearer(key).delete("/api/v1/instances/" + id).then().statusCode(200);
        }
        assertTrue(market.alive().isEmpty(), "nothing alive at " + provider + " at the end");
        assertFalse(machine.sshdAlive(), "the winner's sshd is gone with it");
    }

    /** Polls {@code path} until {@code field} is one of {@code ends} (or the time is up); the last answer. */
    static Map<String, Object> await(String key, String path, String field, List<String> ends) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        Map<String, Object> row = Map.of();
        while (System.nanoTime() < deadline) {
            row = TestAuth.bearer(key).get(path).then().statusCode(200).extract().as(Map.class);
            if (ends.contains(String.valueOf(row.get(field)))) {
                return row;
            }
            Thread.sleep(100);
        }
        return row;
    }
}
