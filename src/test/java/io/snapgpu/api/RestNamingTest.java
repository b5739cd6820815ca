package io.snapgpu.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.support.TestAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One naming convention on /api/v1: snake_case keys out, snake_case (and, deprecated for one release, the
 * old camelCase) keys in. GraphQL keeps its camelCase fields on the same view records.
 */
@QuarkusTest
class RestNamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Object> SNAKE = Map.of("disk_gb", 20,
            "policy", Map.of("wave_size", 2, "max_waves", 1, "max_price_per_hour", 9.5, "max_race_cost", 1234));
    private static final Map<String, Object> CAMEL = Map.of("diskGb", 20,
            "policy", Map.of("waveSize", 2, "maxWaves", 1, "maxPricePerHour", 9.5, "maxRaceCost", 1234));

    @Test
    void responsesUseSnakeCaseKeysOnly() throws Exception {
        String system = TestAuth.admin().get("/api/v1/system").then().statusCode(200)
                .body("restic_version", notNullValue()).body("resticVersion", nullValue()).extract().asString();
        assertNoCamelCaseKeys(system);
        String preview = TestAuth.admin().contentType(ContentType.JSON).body(SNAKE).post("/api/v1/races/preview")
                .then().statusCode(200).body("matching_offers", notNullValue()).extract().asString();
        assertNoCamelCaseKeys(preview);
        TestAuth.admin().get("/api/v1/auth/me").then().statusCode(200).body("tenant_id", notNullValue())
                .body("tenantId", nullValue());
    }

    @Test
    void snakeCaseRequestKeysAreRead() {
        assertPolicyRead(TestAuth.admin().contentType(ContentType.JSON).body(SNAKE).post("/api/v1/races/preview")
                .then().statusCode(200).extract().jsonPath());
    }

    @Test
    void oldCamelCaseRequestKeysAreStillRead() {
        assertPolicyRead(TestAuth.admin().contentType(ContentType.JSON).body(CAMEL).post("/api/v1/races/preview")
                .then().statusCode(200).extract().jsonPath());
    }

    @Test
    void anInvalidFieldIsNamedAsTheClientSpellsIt() {
        for (Map<String, Object> body : List.of(Map.<String, Object>of("policy", Map.of("wave_size", 0)),
                Map.<String, Object>of("policy", Map.of("waveSize", 0)))) {
            TestAuth.admin().contentType(ContentType.JSON).body(body).post("/api/v1/races/preview").then()
                    .statusCode(400).body("field", equalTo("policy.wave_size"));
        }
        TestAuth.admin().contentType(ContentType.JSON).body(Map.of("disk_gb", 5)).post("/api/v1/races/preview")
                .then().statusCode(400).body("field", equalTo("disk_gb"));
    }

    @Test
    void theOpenApiDocumentNamesTheSnakeCaseProperties() {
        io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("provider_instance_id:"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("providerInstanceId")));
    }

    @Test
    void graphqlKeepsItsCamelCaseFields() {
        TestAuth.admin().contentType(ContentType.JSON)
                .body(TestAuth.gql("{ system { resticVersion } launchRacePreview(input: {policy: {waveSize: 2, "
                        + "maxWaves: 1, maxPricePerHour: 9.5}}) { matchingOffers maxPricePerHour } }", null))
                .post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.system.resticVersion", notNullValue())
                .body("data.launchRacePreview.maxPricePerHour", equalTo(9.5f))
                .body("data.launchRacePreview.matchingOffers", notNullValue());
    }

    /** Values that only the policy's keys can have set: unread keys leave the defaults (no price caps, 3 waves). */
    private static void assertPolicyRead(JsonPath preview) {
        assertEquals(9.5, preview.getDouble("max_price_per_hour"), preview.prettify());
        assertEquals(1234.0, preview.getDouble("max_race_cost"), preview.prettify());
        assertTrue(preview.getList("waves").size() <= 1, "max_waves 1: " + preview.prettify());
    }

    private static void assertNoCamelCaseKeys(String body) throws Exception {
        List<String> camel = new ArrayList<>();
        collectCamelCaseKeys(JSON.readTree(body), "", camel);
        assertTrue(camel.isEmpty(), "camelCase keys " + camel + " in " + body);
    }

    private static void collectCamelCaseKeys(JsonNode node, String path, List<String> found) {
        if (node.isArray()) {
            node.forEach(n -> collectCamelCaseKeys(n, path + "[]", found));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals(e.getKey().toLowerCase())) {
                    found.add(path + e.getKey());
                }
                collectCamelCaseKeys(e.getValue(), path + e.getKey() + ".", found);
            });
        }
    }
}
