package io.snapgpu.race;

import static io.snapgpu.race.Races.candidates;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.BootProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launch races on the embedded marketplace (time scale 0.01: a 10 s boot takes 0.1 s, a 10 s wave
 * interval 0.1 s). Host statistics are seeded where a test needs a particular wave: stale statistics
 * are exactly how a race ends up launching hosts that are stuck now.
 */
@QuarkusTest
class LaunchRaceTest {
    @Inject
    LocalProvider local;
    @Inject
    Pool pool;

    @BeforeEach
    void forgetHostStatistics() {
        Races.seed(pool, Map.of());
    }

    /**
     * Hosts of that kind on offer now (the test data directory outlives runs, and a machine kept as a
     * winner keeps its host), fastest first, the slow-create host left out.
     */
    private List<String> hosts(java.util.function.Predicate<LocalHost> p) {
        Set<String> offered = local.searchOffers(io.snapgpu.offer.OfferQuery.any()).await().atMost(Races.T).stream()
                .map(io.snapgpu.offer.Offer::hostId).collect(Collectors.toSet());
        return LocalHosts.where(local, p).stream().filter(h -> !h.hostId().equals("local-h026"))
                .filter(h -> offered.contains(h.hostId()))
                .sorted(java.util.Comparator.comparingDouble(h -> h.boot().baseSeconds()))
                .map(LocalHost::hostId).toList();
    }

    private static Map<String, Object> policy(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aNormalRaceKeepsTheFirstReadyMachineAndDestroysEveryOther() throws Exception {
        String key = Races.user("racer");
        // the default waves, and a timeout no loaded machine reaches: at time scale 0.01 the default 900 s are
        // 9 s of real time, less than SSH and the bootstrap of a wave take at load 20 (seen: FAILED, timed out)
        String id = Races.start(key, Map.of("image", "pytorch/pytorch:2.4", "policy", policy("timeoutSeconds", 60_000)));
        JsonPath race = Races.awaitFinished(key, id);

        assertEquals("WON", race.getString("status"), race.prettify());
        assertEquals(5, race.getInt("wave_size"));
        assertEquals(10.0f, race.getFloat("wave_interval_seconds"));
        assertEquals(3, race.getInt("max_waves"));
        assertNotNull(race.get("winner_instance_id"));
        assertTrue(race.getDouble("time_to_ready_seconds") > 0);
        assertTrue(candidates(race).size() >= 5);
        Set<String> hostsTried = candidates(race).stream().map(c -> (String) c.get("host_id")).collect(Collectors.toSet());
        assertEquals(candidates(race).size(), hostsTried.size(), "one machine per host");
        long losers = 0;
        for (Map<String, Object> c : candidates(race)) {
            if (c.get("instance_id").equals(race.getString("winner_instance_id"))) {
                assertEquals("READY", c.get("status"));
                assertNotNull(c.get("boot_seconds"));
            } else if ("DESTROYED".equals(c.get("status"))) {
                losers++;
                assertEquals("LOST_RACE", c.get("termination_reason"), c.toString());
                assertNotNull(c.get("destroy_called_at"));
            } else {
                assertEquals("FAILED", c.get("status"), c.toString());
            }
        }
        assertTrue(losers > 0, "some machines lost");
        assertTrue(race.getDouble("losers_cost") > 0, "losers cost something");
        // measured when some loser was booting at the decision (not when every other create was still in flight)
        if (race.get("reaction_ms") != null) {
            // a part of what happened since the winner was seen, however slow this machine is (not a unit mix-up)
            double reaction = race.getDouble("reaction_ms");
            double sinceWinner = java.time.Duration.between(OffsetDateTime.parse(race.getString("winner_observed_at")),
                    OffsetDateTime.now()).toNanos() / 1e6;
            assertTrue(reaction >= 0 && reaction <= sinceWinner + 1, "reaction " + reaction + " ms, winner seen "
                    + sinceWinner + " ms ago");
        }
        Races.nothingAliveButTheWinner(key, race, local);

        // what was learned: the winner's boot is observed, the losers' boots are censored
        String winnerHost = race.getString("winner_host_id");
        JsonPath stats = TestAuth.bearer(key).get("/api/v1/host-stats?provider=local").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> won = stats.<Map<String, Object>>getList("").stream()
                .filter(s -> s.get("host_id").equals(winnerHost)).findFirst().orElseThrow();
        assertEquals(1, won.get("boots"));
        assertTrue(((Number) won.get("boot_p50_seconds")).doubleValue() > 0);
        assertTrue(stats.<Map<String, Object>>getList("").stream().anyMatch(s -> ((Integer) s.get("censored")) > 0));
        // every host that lost here shows it, whether its machine was ready or not ("lost races 0" before)
        for (Map<String, Object> c : candidates(race)) {
            if ("LOST_RACE".equals(c.get("termination_reason"))) {
                Map<String, Object> lost = stats.<Map<String, Object>>getList("").stream()
                        .filter(s -> s.get("host_id").equals(c.get("host_id"))).findFirst().orElseThrow();
                assertNotNull(lost.get("lost_races"), lost.toString());
                assertTrue(((Number) lost.get("lost_races")).intValue() >= 1, lost.toString());
            }
        }
        Races.gql(key, "{ hostStats(provider: \"local\") { hostId boots censored failures bootP50Seconds failureRate } }", null);

        // the GraphQL view and the list agree; another tenant sees nothing of it
        JsonPath g = Races.gql(key, "query($id: ID!) { launchRace(id: $id) { status winnerHostId losersCost"
                + " candidates { hostId status terminationReason cost } } launchRaces { id } }", Map.of("id", id));
        assertEquals("WON", g.getString("data.launchRace.status"));
        assertEquals(winnerHost, g.getString("data.launchRace.winnerHostId"));
        assertTrue(g.getList("data.launchRaces.id").contains(id));
        String other = Races.user("intruder");
        assertNull(Races.gql(other, "query($id: ID!) { launchRace(id: $id) { id } }", Map.of("id", id))
                .get("data.launchRace"));
        assertNull(Races.gql(other, "mutation($id: ID!) { cancelLaunchRace(id: $id) { id } }", Map.of("id", id))
                .get("data.cancelLaunchRace"));
        TestAuth.bearer(other).get("/api/v1/races/" + id).then().statusCode(404);
        TestAuth.bearer(other).delete("/api/v1/races/" + id).then().statusCode(404);
        TestAuth.bearer(other).get("/api/v1/races").then().statusCode(200).body("size()", equalTo(0));

        Races.release(key, race);
    }

    @Test
    void whenTheFirstWaveIsStuckALaterWaveWinsAndNoWaveStartsAfterIt() throws Exception {
        List<String> stuck = hosts(LocalHosts.kind(BootProfile.Kind.NEVER_READY));
        List<String> fast = hosts(LocalHosts.bootsWithin(30)).subList(0, 4);
        Map<String, Double> seeded = new LinkedHashMap<>();
        stuck.forEach(h -> seeded.put(h, 0.01)); // statistics say they are the fastest: stale
        fast.forEach(h -> seeded.put(h, 0.05));
        Races.seed(pool, seeded);
        String key = Races.user("wave2");
        String id = Races.start(key, Map.of("policy", policy("waveSize", 4, "waveIntervalSeconds", 600,
                "timeoutSeconds", 6000)));
        JsonPath race = Races.awaitFinished(key, id);

        assertEquals("WON", race.getString("status"), race.prettify());
        Map<Integer, List<String>> byWave = candidates(race).stream().collect(Collectors.groupingBy(
                c -> (Integer) c.get("wave"), Collectors.mapping(c -> (String) c.get("host_id"), Collectors.toList())));
        assertEquals(Set.copyOf(stuck), Set.copyOf(byWave.get(1)), "wave 1: the stuck hosts");
        assertEquals(Set.copyOf(fast), Set.copyOf(byWave.get(2)), "wave 2: the next best by statistics");
        Map<String, Object> winner = candidates(race).stream()
                .filter(c -> c.get("instance_id").equals(race.getString("winner_instance_id"))).findFirst().orElseThrow();
        // which later wave wins depends on how fast this machine runs the bootstrap; the order does not
        assertTrue((Integer) winner.get("wave") >= 2, race.prettify());
        assertFalse(stuck.contains((String) winner.get("host_id")), race.prettify());
        candidates(race).stream().filter(c -> (Integer) c.get("wave") == 1).forEach(c -> {
            assertEquals("DESTROYED", c.get("status"));
            assertEquals("LOST_RACE", c.get("termination_reason"));
        });
        OffsetDateTime won = OffsetDateTime.parse(race.getString("winner_observed_at"));
        candidates(race).forEach(c -> assertFalse(OffsetDateTime.parse((String) c.get("launched_at")).isAfter(won),
                "no machine launched after the winner was ready: " + c));
        assertEquals(byWave.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow(),
                race.getInt("waves_launched"), "every wave launched has its machines");
        Races.nothingAliveButTheWinner(key, race, local);
        Races.release(key, race);
    }

    @Test
    void whenEveryWaveFailsTheRaceFailsAndNothingIsLeftAlive() throws Exception {
        List<String> never = hosts(LocalHosts.kind(BootProfile.Kind.NEVER_READY));
        List<String> failing = hosts(LocalHosts.kind(BootProfile.Kind.FAILS_AT_CREATE));
        Map<String, Double> seeded = new LinkedHashMap<>();
        never.forEach(h -> seeded.put(h, 0.01));
        failing.forEach(h -> seeded.put(h, 0.01));
        Races.seed(pool, seeded);
        String key = Races.user("doomed");
        String id = Races.start(key, Map.of("policy", policy("waveSize", 2, "maxWaves", 3, "timeoutSeconds", 120)));
        JsonPath race = Races.awaitFinished(key, id);

        assertEquals("FAILED", race.getString("status"), race.prettify());
        assertNull(race.get("winner_instance_id"));
        assertTrue(race.getString("error").contains("120 s"), race.getString("error"));
        assertEquals(3, race.getInt("waves_launched"));
        assertEquals(6, candidates(race).size());
        Set<String> all = candidates(race).stream().map(c -> (String) c.get("host_id")).collect(Collectors.toSet());
        Set<String> bad = new java.util.HashSet<>(never);
        bad.addAll(failing);
        assertEquals(bad, all);
        for (Map<String, Object> c : candidates(race)) {
            if (failing.contains((String) c.get("host_id"))) {
                assertEquals("FAILED", c.get("status"));
                assertEquals("CREATE_FAILED", c.get("termination_reason"));
            } else {
                assertEquals("DESTROYED", c.get("status"));
                assertEquals("RACE_TIMEOUT", c.get("termination_reason"));
            }
        }
        Races.nothingAliveButTheWinner(key, race, local);
        JsonPath stats = TestAuth.bearer(key).get("/api/v1/host-stats").then().statusCode(200).extract().jsonPath();
        for (String h : failing) {
            Map<String, Object> s = stats.<Map<String, Object>>getList("").stream().filter(x -> x.get("host_id").equals(h))
                    .findFirst().orElseThrow();
            assertEquals(1, s.get("failures"), "a failed create is a failure of its host");
        }
    }

    @Test
    void cancellingMidRaceDestroysEveryMachineAndStartsNoFurtherWave() throws Exception {
        List<String> never = hosts(LocalHosts.kind(BootProfile.Kind.NEVER_READY));
        Map<String, Double> seeded = new LinkedHashMap<>();
        never.forEach(h -> seeded.put(h, 0.01));
        Races.seed(pool, seeded);
        String key = Races.user("canceller");
        String id = Races.start(key, Map.of("policy", policy("waveSize", 2, "waveIntervalSeconds", 600)));
        Races.awaitRace(key, id, r -> candidates(r).size() == 2
                && candidates(r).stream().allMatch(c -> "BOOTING".equals(c.get("status"))), Races.T);

        JsonPath cancelled = Races.gql(key, "mutation($id: ID!) { cancelLaunchRace(id: $id) { status } }",
                Map.of("id", id));
        assertEquals("CANCELLED", cancelled.getString("data.cancelLaunchRace.status"), cancelled.prettify());
        JsonPath race = Races.awaitFinished(key, id);
        assertEquals("CANCELLED", race.getString("status"));
        assertEquals(1, race.getInt("waves_launched"));
        assertEquals(2, candidates(race).size());
        for (Map<String, Object> c : candidates(race)) {
            assertEquals("DESTROYED", c.get("status"));
            assertEquals("RACE_CANCELLED", c.get("termination_reason"));
        }
        Races.nothingAliveButTheWinner(key, race, local);
        // a cancel of a race that ended changes nothing (REST too)
        TestAuth.bearer(key).delete("/api/v1/races/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aLoserWhoseCreateReturnsLateIsDestroyedWhenItReturns() throws Exception {
        // its create answers after 10 s here (application.properties): long after the fast host has booted
        // and been bootstrapped over SSH, on a loaded machine too
        String slow = "local-h026";
        String fast = hosts(LocalHosts.bootsWithin(30)).get(0);
        Races.seed(pool, Map.of(fast, 0.01, slow, 0.02));
        String key = Races.user("late");
        String id = Races.start(key, Map.of("policy", policy("waveSize", 2, "maxWaves", 1)));
        JsonPath decided = Races.awaitRace(key, id, r -> "WON".equals(r.getString("status")), Races.T);
        assertEquals(fast, decided.getString("winner_host_id"));
        Map<String, Object> lateOne = candidates(decided).stream().filter(c -> c.get("host_id").equals(slow))
                .findFirst().orElseThrow();
        assertTrue(List.of("LAUNCHING", "DESTROYING").contains(lateOne.get("status")),
                "its create is still in flight when the winner is chosen: " + lateOne);
        assertNull(decided.get("finished_at"), "the race is not over while a machine of it may still appear");

        JsonPath race = Races.awaitFinished(key, id);
        Map<String, Object> late = candidates(race).stream().filter(c -> c.get("host_id").equals(slow))
                .findFirst().orElseThrow();
        assertEquals("DESTROYED", late.get("status"), late.toString());
        assertEquals("LOST_RACE", late.get("termination_reason"));
        assertTrue(OffsetDateTime.parse((String) late.get("destroy_called_at"))
                .isAfter(OffsetDateTime.parse(race.getString("winner_observed_at"))));
        JsonPath instance = TestAuth.bearer(key).get("/api/v1/instances/" + late.get("instance_id")).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("DESTROYED", instance.getString("status"));
        assertEquals("LOST_RACE", instance.getString("termination_reason"));
        assertNotNull(instance.get("provider_instance_id"), "the machine was created, then destroyed");
        assertEquals(ProviderInstance.State.GONE,
                local.status(instance.getString("provider_instance_id")).await().atMost(Races.T).state());
        Races.nothingAliveButTheWinner(key, race, local);
        Races.release(key, race);
    }

    @Test
    void badPolicyInputNamesTheFieldAndCreatesNothing() {
        String key = Races.user("badinput");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("{waveSize: 50}", "policy.waveSize: must be between 1 and 20 (got 50)");
        expected.put("{maxWaves: 0}", "policy.maxWaves: must be between 1 and 10");
        expected.put("{waveIntervalSeconds: -1}", "policy.waveIntervalSeconds: must be between 0 and 3600");
        expected.put("{timeoutSeconds: 5}", "policy.timeoutSeconds: must be between 10 and 86400");
        expected.put("{timeoutSeconds: 60, candidateTimeoutSeconds: 61}", "policy.candidateTimeoutSeconds: must be between 10 and 60");
        for (var e : expected.entrySet()) {
            JsonPath r = Races.gql(key, "mutation { startLaunchRace(input: {policy: " + e.getKey() + "}) { id } }", null);
            assertEquals("INVALID_INPUT", r.getString("errors[0].extensions.code"), r.prettify());
            assertTrue(r.getString("errors[0].message").contains(e.getValue()), r.getString("errors[0].message"));
        }
        JsonPath r = Races.gql(key, "mutation { startLaunchRace(input: {filter: {gpuModels: [\"RTX 9999\"]}}) { id } }", null);
        assertTrue(r.getString("errors[0].message").contains("filter.gpuModels"), r.prettify());
        r = Races.gql(key, "mutation { startLaunchRace(input: {image: \"$(reboot)\"}) { id } }", null);
        assertTrue(r.getString("errors[0].message").contains("image"), r.prettify());
        r = Races.gql(key, "mutation { startLaunchRace(input: {snapshotId: \"" + java.util.UUID.randomUUID() + "\"}) { id } }", null);
        assertTrue(r.getString("errors[0].message").contains("snapshotId"), r.prettify());
        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("policy", Map.of("wave_size", 0)))
                .post("/api/v1/races").then().statusCode(400).body("field", equalTo("policy.wave_size"))
                .body("detail", containsString("between 1 and 20"));
        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("disk_gb", 5))
                .post("/api/v1/races").then().statusCode(400).body("field", equalTo("disk_gb"));

        TestAuth.bearer(key).get("/api/v1/races").then().statusCode(200).body("size()", equalTo(0));
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200).body("size()", equalTo(0));
    }
}
