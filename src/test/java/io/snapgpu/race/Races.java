package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.TestAuth;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Helpers of the race tests: start through the API, wait, seed host statistics, check the marketplace. */
final class Races {
    static final Duration T = Duration.ofSeconds(30);

    private Races() {
    }

    static String user(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return TestAuth.userKey(name, "tenant-" + name);
    }

    static JsonPath gql(String key, String query, Map<String, Object> vars) {
        return TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql(query, vars)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Starts a race through GraphQL; returns its id. */
    static String start(String key, Map<String, Object> input) {
        JsonPath r = gql(key, "mutation($in: LaunchRaceInput!) { startLaunchRace(input: $in) { id status } }",
                Map.of("in", input));
        assertTrue(r.get("errors") == null, String.valueOf((Object) r.get("errors")));
        assertEquals("RUNNING", r.getString("data.startLaunchRace.status"));
        return r.getString("data.startLaunchRace.id");
    }

    static JsonPath get(String key, String id) {
        return TestAuth.bearer(key).get("/api/v1/races/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitRace(String key, String id, Predicate<JsonPath> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath r = get(key, id);
        while (!done.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(30);
            r = get(key, id);
        }
        assertTrue(done.test(r), "race did not get there in " + timeout + ": " + r.prettify());
        return r;
    }

    static JsonPath awaitFinished(String key, String id) throws InterruptedException {
        return awaitRace(key, id, r -> r.get("finished_at") != null, T);
    }

    /** Host statistics as if these hosts had booted this fast (seconds of the test clock) many times. */
    static void seed(Pool pool, Map<String, Double> bootSeconds) {
        pool.query("delete from host_stats").execute().await().atMost(T);
        bootSeconds.forEach((host, s) -> pool.preparedQuery("insert into host_stats (provider, host_id, boots,"
                + " boot_seconds, last_seen_at) values ('local', $1, 20, array_fill($2::float8, array[20]), now())")
                .execute(Tuple.of(host, s)).await().atMost(T));
    }

    static List<Map<String, Object>> candidates(JsonPath race) {
        return race.getList("candidates");
    }

    /** Every candidate but the winner has no machine at the marketplace and its instance row ended. */
    static void nothingAliveButTheWinner(String key, JsonPath race, LocalProvider local) {
        String winner = race.getString("winner_instance_id");
        for (Map<String, Object> c : candidates(race)) {
            String instanceId = (String) c.get("instance_id");
            JsonPath i = TestAuth.bearer(key).get("/api/v1/instances/" + instanceId).then().statusCode(200)
                    .extract().jsonPath();
            String machine = i.getString("provider_instance_id");
            if (instanceId.equals(winner)) {
                assertEquals("READY", i.getString("status"), "the winner is kept");
                assertEquals(ProviderInstance.State.RUNNING, local.status(machine).await().atMost(T).state());
                continue;
            }
            assertTrue(List.of("DESTROYED", "FAILED").contains(i.getString("status")), "instance " + i.prettify());
            if (machine != null) {
                assertEquals(ProviderInstance.State.GONE, local.status(machine).await().atMost(T).state(),
                        "machine of " + c);
            }
        }
    }

    /** Gives the winner back, so its host is on the market again for the next test. */
    static void release(String key, JsonPath race) {
        String winner = race.getString("winner_instance_id");
        if (winner != null) {
            TestAuth.bearer(key).delete("/api/v1/instances/" + winner).then().statusCode(200);
        }
    }
}
