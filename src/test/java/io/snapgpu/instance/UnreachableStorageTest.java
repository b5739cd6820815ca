package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * vast.ai configured at a real (non-loopback) API address while the snapshot store is the embedded
 * S3 server on 127.0.0.1: its machines could never reach the store, so launching one, or racing on
 * vast.ai, is refused with the setting to change, before anything is stored or asked of vast.ai.
 * (Nothing answers at the API address: any call would fail with a connection error, not this.)
 */
@QuarkusTest
@TestProfile(UnreachableStorageTest.RealVastAddress.class)
class UnreachableStorageTest {
    public static class RealVastAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("snapgpu.vastai.base-url", "http://198.51.100.7:9", // TEST-NET-2: routed nowhere
                    "snapgpu.vastai.api-key", "vast-test-key-unreachable-store",
                    "snapgpu.vastai.connect-timeout", "1s", "snapgpu.vastai.retry.max-retries", "0",
                    "snapgpu.instances.reaper-enabled", "false");
        }
    }

    @Inject
    StorageReach reach;
    @Inject
    ProviderRegistry providers;

    @Test
    void launchesAndRacesOnAProviderWhoseMachinesCannotReachTheStoreAreRefused() {
        String key = TestAuth.userKey("nostore-" + System.nanoTime() % 1_000_000, "tenant-nostore-" + System.nanoTime());

        TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("provider", "vastai", "offer_id", "4242"))
                .post("/api/v1/instances").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("provider"))
                .body("detail", containsString("SNAPGPU_S3_ENDPOINT"))
                .body("detail", containsString("provider 'vastai' rents machines elsewhere"));

        JsonPath g = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation { createInstance(input: {provider: \"vastai\", offerId: \"4242\"}) { id } }", null))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertTrue(g.getString("errors[0].message").contains("SNAPGPU_S3_ENDPOINT"), g.prettify());

        // a race on vast.ai, and one on every enabled provider (vast.ai among them)
        for (Map<String, Object> filter : List.<Map<String, Object>>of(Map.of("providers", List.of("vastai")), Map.of())) {
            TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("filter", filter))
                    .post("/api/v1/races").then().statusCode(400)
                    .body("field", org.hamcrest.Matchers.equalTo("filter.providers"))
                    .body("detail", containsString("SNAPGPU_S3_ENDPOINT"));
        }

        // nothing stored
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        TestAuth.bearer(key).get("/api/v1/races?include_finished=true").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        // the local marketplace's machines are sandboxes on this computer: they reach it
        assertTrue(reach.reachable(providers.require("provider", "local")));
        assertFalse(reach.reachable(providers.require("provider", "vastai")));
    }
}
