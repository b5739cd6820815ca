package io.snapgpu.instance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.BootProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offers and instances on the embedded marketplace (time-scaled), through GraphQL and REST. */
@QuarkusTest
class InstanceLifecycleTest {
    @Inject
    LocalProvider local;

    static ValidatableResponse gql(String token, String query, Map<String, Object> vars) {
        return TestAuth.bearer(token).contentType(ContentType.JSON).body(TestAuth.gql(query, vars)).post("/graphql")
                .then().statusCode(200);
    }

    @Test
    void offersAreFilteredSortedAndPagedAndAFailingProviderIsReportedBeside() {
        ValidatableResponse r = gql(TestAuth.ADMIN_KEY, """
                { offers(filter: {gpuModels: ["rtx 4090"], providers: ["local", "flaky"]}, sort: PRICE, limit: 3) {
                    total items { provider gpuModel pricePerHour hostId } errors { provider message } } }""", null);
        r.body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.offers.items.gpuModel", everyItem(equalTo("RTX 4090")))
                .body("data.offers.items.provider", everyItem(equalTo("local")))
                .body("data.offers.items.size()", equalTo(3))
                .body("data.offers.total", greaterThan(3))
                .body("data.offers.errors[0].provider", equalTo("flaky"))
                .body("data.offers.errors[0].message", containsString("503"));
        List<Float> prices = r.extract().path("data.offers.items.pricePerHour");
        assertTrue(prices.get(0) <= prices.get(1) && prices.get(1) <= prices.get(2), prices.toString());

        TestAuth.admin().get("/api/v1/offers?gpu_models=RTX 4090&sort=price&limit=2&providers=local").then()
                .statusCode(200).body("items.size()", equalTo(2)).body("items.gpu_model", everyItem(equalTo("RTX 4090")));
    }

    @Test
    void badFiltersNameTheFieldAndTheAllowedValues() {
        gql(TestAuth.ADMIN_KEY, "{ offers(filter: {gpuModels: [\"RTX 9999\"]}) { total } }", null)
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", containsString("filter.gpuModels"))
                .body("errors[0].message", containsString("no GPU model matches 'RTX 9999'"))
                .body("errors[0].message", containsString("e.g. H100"));
        gql(TestAuth.ADMIN_KEY, "{ offers(filter: {maxPricePerHour: -1}) { total } }", null)
                .body("errors[0].message", containsString("filter.maxPricePerHour"));
        gql(TestAuth.ADMIN_KEY, "{ offers(filter: {providers: [\"aws\"]}) { total } }", null)
                .body("errors[0].message", containsString("filter.providers: must be one of ["))
                .body("errors[0].message", containsString("local"));
        gql(TestAuth.ADMIN_KEY, "{ offers(filter: {gpuCountMin: \"many\"}) { total } }", null)
                .body("errors[0].message", containsString("gpuCountMin"));
        TestAuth.admin().get("/api/v1/offers?max_price_per_hour=cheap").then().statusCode(400)
                .body("field", equalTo("max_price_per_hour")).body("detail", containsString("a number"));
        TestAuth.admin().get("/api/v1/offers?sort=fastest").then().statusCode(400)
                .body("detail", containsString("[PRICE, RELIABILITY, BOOT_TIME]"));
    }

    @Test
    void badCreateRequestsCreateNothing() {
        String key = TestAuth.userKey("creator-" + System.nanoTime() % 100000, "tenant-create-checks");
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("provider", "aws", "offer_id", "x"),
                Map.of("provider", "local", "offer_id", "offer-no-such-host"),
                Map.of("provider", "local", "offer_id", "offer-local-h000", "image", "$(touch /tmp/pwned)"),
                Map.of("provider", "local", "offer_id", "offer-local-h000", "disk_gb", -5))) {
            TestAuth.bearer(key).contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                    .then().statusCode(400).body("field", notNullValue());
        }
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anInstanceBootsBecomesReadyAndIsDestroyedWithItsCost() throws Exception {
        String key = TestAuth.userKey("lifecycle-" + System.nanoTime() % 100000, "tenant-lifecycle");
        LocalHost host = freeHost(LocalHosts.bootsWithin(30));
        String id = gql(key, "mutation($o: String!) { createInstance(input: {provider: \"local\", offerId: $o}) { id status } }",
                Map.of("o", "offer-" + host.hostId())).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().path("data.createInstance.id");
        String status = TestAuth.awaitInstanceStatus(key, id, "READY", Duration.ofSeconds(30));
        assertEquals("READY", status);
        gql(key, "query($id: ID!) { instance(id: $id) { hostId gpuModel readyAt costSoFar } }", Map.of("id", id))
                .body("data.instance.hostId", equalTo(host.hostId()))
                .body("data.instance.readyAt", notNullValue());
        String machineId = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().statusCode(200)
                .extract().path("provider_instance_id");
        assertEquals(ProviderInstance.State.RUNNING, local.status(machineId).await().atMost(Duration.ofSeconds(5)).state());

        // another tenant neither sees nor destroys it
        String other = TestAuth.userKey("intruder-" + System.nanoTime() % 100000, "tenant-intruder");
        TestAuth.bearer(other).get("/api/v1/instances/" + id).then().statusCode(404);
        TestAuth.bearer(other).delete("/api/v1/instances/" + id).then().statusCode(404);
        gql(other, "mutation($id: ID!) { destroyInstance(id: $id) { id } }", Map.of("id", id))
                .body("data.destroyInstance", org.hamcrest.Matchers.nullValue());
        TestAuth.bearer(other).get("/api/v1/instances").then().body("id", org.hamcrest.Matchers.not(hasItem(id)));

        gql(key, "mutation($id: ID!) { destroyInstance(id: $id) { status terminationReason costSoFar } }", Map.of("id", id))
                .body("data.destroyInstance.status", equalTo("DESTROYED"))
                .body("data.destroyInstance.terminationReason", equalTo("USER"))
                .body("data.destroyInstance.costSoFar", greaterThan(0f));
        assertEquals(ProviderInstance.State.GONE, local.status(machineId).await().atMost(Duration.ofSeconds(5)).state());
        assertFalse(local.workspaceOnDisk(machineId).isPresent());
        TestAuth.bearer(key).get("/api/v1/instances").then().body("id", org.hamcrest.Matchers.not(hasItem(id)));
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().body("id", hasItem(id));
    }

    @Test
    void rentingAnOfferCreatesThatMachineAndBadImageAndDiskAreBothNamed() throws Exception {
        String key = TestAuth.userKey("renter-" + System.nanoTime() % 100000, "tenant-rent-" + System.nanoTime() % 100000);
        LocalHost host = freeHost(LocalHosts.bootsWithin(30));
        String offers = "{ offers(filter: {providers: [\"local\"]}, limit: 500) { items { provider offerId hostId pricePerHour"
                + " defaultImage defaultDiskGb } } }";
        Map<String, Object> offer = gql(key, offers, null).extract().<List<Map<String, Object>>>path("data.offers.items")
                .stream().filter(o -> host.hostId().equals(o.get("hostId"))).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertNotNull(offer.get("defaultImage"));
        assertEquals(50, offer.get("defaultDiskGb"));
        String create = "mutation($i: CreateInstanceInput!) { createInstance(input: $i) { id provider hostId pricePerHour status } }";

        gql(key, create, Map.of("i", Map.of("provider", "local", "offerId", offer.get("offerId"), "image", "Not An Image!",
                "diskGb", 5)))
                .body("errors.size()", equalTo(1))
                .body("errors[0].extensions.fieldErrors.field", equalTo(List.of("image", "diskGb")))
                .body("errors[0].extensions.fieldErrors[1].message", equalTo("must be between 10 and 4000 (got 5)"))
                .body("data.createInstance", org.hamcrest.Matchers.nullValue());
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200).body("size()", equalTo(0));

        ValidatableResponse rented = gql(key, create, Map.of("i", Map.of("provider", offer.get("provider"),
                "offerId", offer.get("offerId"), "image", offer.get("defaultImage"), "diskGb", 20)))
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.createInstance.provider", equalTo("local"))
                .body("data.createInstance.hostId", equalTo(host.hostId()))
                .body("data.createInstance.pricePerHour", equalTo(offer.get("pricePerHour")));
        String id = rented.extract().path("data.createInstance.id");
        assertEquals("READY", TestAuth.awaitInstanceStatus(key, id, "READY", Duration.ofSeconds(30)));
        gql(key, "mutation($id: ID!) { destroyInstance(id: $id) { status } }", Map.of("id", id))
                .body("data.destroyInstance.status", equalTo("DESTROYED"));
    }

    @Test
    void aHostThatFailsAtCreateEndsFailedWithItsReason() {
        String key = TestAuth.userKey("failing-" + System.nanoTime() % 100000, "tenant-failing");
        LocalHost host = freeHost(LocalHosts.kind(BootProfile.Kind.FAILS_AT_CREATE));
        gql(key, "mutation($o: String!) { createInstance(input: {provider: \"local\", offerId: $o}) { id } }",
                Map.of("o", "offer-" + host.hostId())).body("errors[0].message", containsString("failed to start"));
        TestAuth.bearer(key).get("/api/v1/instances?include_ended=true").then().statusCode(200)
                .body("[0].status", equalTo("FAILED")).body("[0].termination_reason", equalTo("CREATE_FAILED"));
    }

    private LocalHost freeHost(java.util.function.Predicate<LocalHost> kind) {
        return freeHosts(kind).stream().findFirst().orElseThrow();
    }

    /** The hosts of this kind that nobody holds now (offered). */
    private List<LocalHost> freeHosts(java.util.function.Predicate<LocalHost> kind) {
        var offered = local.searchOffers(io.snapgpu.offer.OfferQuery.any()).await().atMost(Duration.ofSeconds(5))
                .stream().map(o -> o.hostId()).toList();
        return LocalHosts.where(local, kind).stream().filter(h -> offered.contains(h.hostId())).toList();
    }

}
