package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.TestAuth;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money before launch, on the embedded marketplace: the preview shows what each wave starts and the
 * worst case, the server refuses a race (or a restore's race) above the caller's cap before anything
 * starts, and never starts an offer above the max $/h.
 */
@QuarkusTest
class RaceCostCapTest {
    private static final String PREVIEW = "query($in: LaunchRaceInput!) { launchRacePreview(input: $in) {"
            + " machines billedSecondsPerMachine worstCaseCost rankedBy withinCap maxRaceCost"
            + " waves { wave startsAfterSeconds pricePerHour offers { offerId hostId pricePerHour } } } }";

    @Inject
    LocalProvider local;
    @Inject
    Pool pool;

    @BeforeEach
    void forgetHostStatistics() {
        Races.seed(pool, Map.of());
    }

    private List<BigDecimal> pricesOnOffer() {
        return local.searchOffers(OfferQuery.any()).await().atMost(Races.T).stream().map(Offer::pricePerHour)
                .sorted().toList();
    }

    private static JsonPath preview(String key, Map<String, Object> input) {
        JsonPath r = Races.gql(key, PREVIEW, Map.of("in", input));
        assertTrue(r.get("errors") == null, String.valueOf((Object) r.get("errors")));
        return r.setRootPath("data.launchRacePreview");
    }

    private static void nothingStarted(String key) {
        TestAuth.bearer(key).get("/api/v1/races").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theWorstCaseIsEveryPreviewedMachineBilledUntilItIsGivenUpAndWavesAreCheapestFirst() {
        String key = Races.user("preview");
        Map<String, Object> policy = Map.of("waveSize", 2, "maxWaves", 2, "candidateTimeoutSeconds", 600,
                "timeoutSeconds", 900, "rankByHostStats", false);
        JsonPath p = preview(key, Map.of("policy", policy));

        List<Map<String, Object>> waves = p.getList("waves");
        assertEquals(2, waves.size(), p.prettify());
        List<BigDecimal> started = waves.stream().flatMap(w -> ((List<Map<String, Object>>) w.get("offers")).stream())
                .map(o -> new BigDecimal(o.get("pricePerHour").toString())).toList();
        assertEquals(4, started.size());
        assertEquals(started.stream().sorted().toList(), started, "ranked by price, as the offers list sorts");
        BigDecimal cheapest = pricesOnOffer().get(0);
        assertEquals(0, cheapest.compareTo(started.get(0)), "the first machine is the cheapest offer on the market");
        BigDecimal expected = started.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(BigDecimal.valueOf(600)).divide(BigDecimal.valueOf(3600), 4, RoundingMode.UP);
        assertEquals(0, expected.compareTo(new BigDecimal(p.getString("worstCaseCost"))), p.prettify());
        assertEquals(600, p.getInt("billedSecondsPerMachine"));
        assertTrue(p.getString("rankedBy").startsWith("price"), p.getString("rankedBy"));
        assertEquals(10.0f, ((Number) waves.get(1).get("startsAfterSeconds")).floatValue());
        nothingStarted(key);
    }

    @Test
    void aRaceThatCouldCostMoreThanTheCapIsRefusedNamingTheFieldAndStartsNothing() {
        String key = Races.user("capped");
        Map<String, Object> policy = Map.of("waveSize", 3, "maxWaves", 2, "maxRaceCost", 0.0001);
        assertFalse(preview(key, Map.of("policy", policy)).getBoolean("withinCap"));

        JsonPath r = Races.gql(key, "mutation($in: LaunchRaceInput!) { startLaunchRace(input: $in) { id } }",
                Map.of("in", Map.of("policy", policy)));
        assertEquals("INVALID_INPUT", r.getString("errors[0].extensions.code"), r.prettify());
        String message = r.getString("errors[0].message");
        assertTrue(message.startsWith("policy.maxRaceCost: the race could cost up to $"), message);
        assertTrue(message.contains("6 machines"), message);
        TestAuth.bearer(key).contentType(io.restassured.http.ContentType.JSON).body(Map.of("policy", policy))
                .post("/api/v1/races").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("policy.max_race_cost"));

        // a restore onto a new machine races with the same caps: refused before the restore is recorded
        JsonPath restore = Races.gql(key, "mutation($in: RestoreInput!) { restoreSnapshot(input: $in) { id } }",
                Map.of("in", Map.of("snapshotId", java.util.UUID.randomUUID().toString(), "newInstancePolicy", policy)));
        assertTrue(restore.getString("errors[0].message").startsWith("policy.maxRaceCost:"), restore.prettify());
        assertEquals(0, Races.gql(key, "{ restoreJobs { id } }", null).getList("data.restoreJobs").size());
        nothingStarted(key);
    }

    @Test
    void offersAboveTheMaxPricePerHourAreNeverStarted() throws Exception {
        String key = Races.user("maxprice");
        List<BigDecimal> prices = pricesOnOffer();
        BigDecimal cap = prices.get(prices.size() / 2);
        assertTrue(prices.stream().anyMatch(x -> x.compareTo(cap) > 0), "some offers cost more than the cap: " + prices);
        Map<String, Object> policy = Map.of("waveSize", 20, "maxWaves", 1, "maxPricePerHour", cap, "rankByHostStats", false);

        JsonPath p = preview(key, Map.of("policy", policy));
        List<Float> previewed = p.getList("waves[0].offers.pricePerHour", Float.class);
        assertFalse(previewed.isEmpty(), p.prettify());
        assertTrue(previewed.stream().allMatch(x -> x <= cap.floatValue()), previewed + " above " + cap);

        String id = Races.start(key, Map.of("policy", policy));
        JsonPath race = Races.awaitFinished(key, id);
        List<Map<String, Object>> candidates = Races.candidates(race);
        assertFalse(candidates.isEmpty(), race.prettify());
        for (Map<String, Object> c : candidates) {
            assertTrue(new BigDecimal(c.get("price_per_hour").toString()).compareTo(cap) <= 0, "started above the cap: " + c);
        }
        Races.nothingAliveButTheWinner(key, race, local);
        Races.release(key, race);
    }

    @Test
    void badMoneyCapsNameTheField() {
        String key = Races.user("badcap");
        JsonPath r = Races.gql(key, "mutation { startLaunchRace(input: {policy: {maxPricePerHour: 0}}) { id } }", null);
        assertTrue(r.getString("errors[0].message").contains("policy.maxPricePerHour: must be more than 0"), r.prettify());
        r = Races.gql(key, "query { launchRacePreview(input: {policy: {maxRaceCost: -2}}) { worstCaseCost } }", null);
        assertTrue(r.getString("errors[0].message").contains("policy.maxRaceCost: must be more than 0"), r.prettify());
        nothingStarted(key);
    }
}
