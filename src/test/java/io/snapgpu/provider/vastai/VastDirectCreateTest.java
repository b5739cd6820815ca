package io.snapgpu.provider.vastai;

import static io.snapgpu.provider.http.MockApiServer.bodyContains;
import static io.snapgpu.provider.http.MockApiServer.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceService.CreateRequest;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.http.MockApiServer.Reply;
import io.snapgpu.provider.http.ProviderGuards;
import io.snapgpu.provider.http.ProviderTestProfile;
import io.snapgpu.security.AccountRepository;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.InputException;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person's direct create of a vast.ai offer: the offer is looked up by its id, the machine gets vast's default image. */
@QuarkusTest
@TestProfile(ProviderTestProfile.class)
class VastDirectCreateTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Inject
    InstanceService instances;
    @Inject
    AccountRepository accounts;
    @Inject
    VastAiConfig config;
    @Inject
    VastAiProvider vast;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    MockApiServer api;
    Caller caller;

    @BeforeEach
    void setUp() {
        api = MockApiServer.on(URI.create(config.baseUrl()).getPort());
        api.reset();
        vast.name();
        circuitBreakers.reset(ProviderGuards.circuitBreakerName("vastai"));
        UUID tenant = accounts.tenantId("vast-direct-create").await().atMost(T);
        caller = new Caller(UUID.randomUUID(), tenant, "vast-direct-create", Caller.Role.MEMBER);
    }

    @Test
    void anOfferBeyondTheCheapestHundredIsRentedWithVastsDefaultImage() {
        // the plain search (no id filter) answers nothing: only a lookup by id finds this offer
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("{\"offers\": []}"));
        api.stub(route("POST", "/api/v0/bundles/").and(bodyContains("\"id\":{\"eq\":48151623}")), Reply.ok("""
                {"offers": [{"id": 48151623, "host_id": 77, "machine_id": 5, "gpu_name": "H100 SXM", "num_gpus": 1,
                  "gpu_ram": 81559, "disk_space": 400, "dph_total": 2.41, "verified": true}]}"""));
        // a new contract id per run: the test database outlives runs and provider ids are unique in it
        long contract = 100_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(800_000_000L);
        api.stub(route("PUT", "/api/v0/asks/48151623/"),
                Reply.ok("{\"success\": true, \"new_contract\": " + contract + "}"));
        // the background readiness watch then finds the machine gone and destroys its row
        api.stub(route("GET", "/api/v0/instances/" + contract + "/"), Reply.ok("{\"instances\": null}"));

        Instance created = instances.create(caller, new CreateRequest("vastai", "48151623", null, null)).await().atMost(T);

        assertEquals("H100 80GB", created.gpuModel, "recorded under SnapGPU's name");
        assertEquals("77", created.hostId);
        assertEquals(String.valueOf(contract), created.providerInstanceId);
        JsonNode body = api.requests(route("PUT", "/api/v0/asks/48151623/")).get(0).json();
        assertEquals(instances.config().defaultImage().vastai(), body.get("image").asText());
        assertTrue(body.get("image").asText().matches("[^:]+:\\d[^:]*"), "a pinned tag: " + body.get("image"));
        assertEquals(instances.config().defaultDiskGb(), body.get("disk").asInt());
        awaitEnded(created);
    }

    @Test
    void anOfferVastNoLongerHasIsAnErrorOnTheOfferId() {
        api.stub(route("POST", "/api/v0/bundles/"), Reply.ok("{\"offers\": []}"));

        InputException e = assertThrows(InputException.class, () -> instances.create(caller,
                new CreateRequest("vastai", "48151624", null, null)).await().atMost(T));

        assertEquals("offerId", e.field());
        assertTrue(e.getMessage().contains("no offer '48151624' at vastai"), e.getMessage());
        assertEquals(0, api.requests(route("PUT", "/api/v0/asks/")).size());
    }

    /** Waits for the background watch to end the machine, so it sends nothing into the next test. */
    private void awaitEnded(Instance created) {
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            Instance row = instances.find(caller, created.id).await().atMost(T);
            if (!row.status.alive()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("instance " + created.id + " still alive after " + T);
    }
}
