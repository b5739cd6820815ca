package io.snapgpu.validation;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.support.TestAuth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A request with several bad fields is refused once, naming every one of them, through REST and GraphQL. */
@QuarkusTest
class AllFieldErrorsTest {

    @Test
    void theRestProblemListsEveryBadField() {
        String key = TestAuth.userKey("fields-rest-" + System.nanoTime() % 100000, "tenant-field-errors");
        TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("instance_id", UUID.randomUUID().toString(), "frequency_minutes", 10, "retention_days", 14,
                        "include_paths", List.of("/data", "../outside")))
                .post("/api/v1/snapshots/config").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid input"))
                .body("field", equalTo("frequency_minutes"))
                .body("errors.field", containsInAnyOrder("frequency_minutes", "retention_days", "include_paths"))
                .body("errors.find { it.field == 'retention_days' }.message", containsString("must be one of [7, 30, 90]"))
                .body("errors.find { it.field == 'include_paths' }.message", containsString("../outside"))
                .body("detail", containsString("frequency_minutes: must be one of [15, 60, 360, 1440]"));
    }

    @Test
    void everyUnreadableOfferParameterIsNamedAtOnce() {
        String key = TestAuth.userKey("fields-offers-" + System.nanoTime() % 100000, "tenant-field-errors");
        TestAuth.bearer(key).get("/api/v1/offers?max_price_per_hour=cheap&gpu_count_min=two&sort=FASTEST")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("max_price_per_hour", "gpu_count_min", "sort"))
                .body("errors.find { it.field == 'sort' }.message", containsString("BOOT_TIME"));
    }

    @Test
    void restNamesARaceBodysFieldsAsItsClientSpellsThem() {
        String key = TestAuth.userKey("fields-race-" + System.nanoTime() % 100000, "tenant-field-errors");
        TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("policy", Map.of("wave_size", 0, "max_waves", 11), "disk_gb", 5))
                .post("/api/v1/races/preview").then().statusCode(400)
                .body("errors.field", hasItem("policy.wave_size"))
                .body("errors.field", hasItem("policy.max_waves"))
                .body("errors.field", hasItem("disk_gb"))
                .body("errors.field", not(hasItem("policy.waveSize")))
                .body("detail", containsString("policy.wave_size: must be between 1 and 20"));
    }

    @Test
    void theGraphQLErrorCarriesEveryBadFieldInItsExtensions() {
        String key = TestAuth.userKey("fields-gql-" + System.nanoTime() % 100000, "tenant-field-errors");
        TestAuth.bearer(key).contentType(ContentType.JSON).body(TestAuth.gql("""
                { launchRacePreview(input: {image: "$(reboot)", diskGb: 5, policy: {waveSize: 0, maxWaves: 11},
                    filter: {reliabilityMin: 7}}) { machines } }""", null))
                .post("/graphql").then().statusCode(200)
                .body("errors.size()", equalTo(1))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.fieldErrors.field", containsInAnyOrder("policy.waveSize", "policy.maxWaves",
                        "filter.reliabilityMin", "image", "diskGb"))
                .body("errors[0].extensions.fieldErrors.find { it.field == 'diskGb' }.message",
                        equalTo("must be between 10 and 4000 (got 5)"));
    }

    @Test
    void aSingleBadFieldIsListedTooAndSchemaErrorsHaveNone() {
        TestAuth.admin().contentType(ContentType.JSON).body(TestAuth.gql("{ instance(id: \"not-a-uuid\") { id } }", null))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.fieldErrors.field", equalTo(List.of("id")));
        TestAuth.admin().contentType(ContentType.JSON).body(TestAuth.gql("{ noSuchField }", null))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.keySet()", not(hasItem("fieldErrors")));
    }
}
