package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.snapgpu.provider.local.BootProfile;
import io.snapgpu.provider.local.LocalHost;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.support.LocalHosts;
import io.snapgpu.support.TestAuth;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * That a machine being watched closely is polled by its close watch, with no assertion on how long
 * anything took (when to look is {@link CloseWatchTest}'s, on a clock of its own): the poll interval is
 * an hour here, so a machine that is not ready at its first look is seen ready within the test's limit
 * only if the close watch polled it again.
 */
@QuarkusTest
@TestProfile(CloseWatchPathTest.HourLongPollInterval.class)
class CloseWatchPathTest {
    public static class HourLongPollInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("snapgpu.instances.poll-interval", "1H");
        }
    }

    @Inject
    LocalProvider local;

    @Inject
    InstanceService instances;

    @Test
    void aMachineThatIsDueIsSeenReadyByItsCloseWatchNotByThePollInterval() {
        String key = TestAuth.userKey("watch-" + System.nanoTime() % 100000, "tenant-close-watch");
        // boots in 0.8 s or more here (100 s or more at time scale 0.01), so not ready at its first look
        LocalHost host = freeHosts().stream().filter(h -> h.boot().baseSeconds() >= 100)
                .min(Comparator.comparingDouble(h -> h.boot().baseSeconds()))
                .orElseThrow(() -> new AssertionError("no free host booting in 100 s or more: " + freeHosts()));
        String id = TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation($o: String!) { createInstance(input: {provider: \"local\", offerId: $o}) { id } }",
                        Map.of("o", "offer-" + host.hostId())))
                .post("/graphql").then().statusCode(200).extract().path("data.createInstance.id");
        String machineId = null;
        while (machineId == null) {
            machineId = TestAuth.bearer(key).get("/api/v1/instances/" + id).then().statusCode(200)
                    .extract().path("provider_instance_id");
        }
        Instance machine = new Instance();
        machine.id = UUID.fromString(id);
        machine.provider = "local";
        machine.providerInstanceId = machineId;
        long now = System.nanoTime();
        // due from now on, for far longer than the test waits: every look after the first is the close watch's
        CloseWatch watch = new CloseWatch(Duration.ofMillis(20), now, now + Duration.ofMinutes(10).toNanos());
        List<InstanceService.Observation> seen;
        try {
            seen = instances.watchUntilReady(machine, watch).collect().asList().await().atMost(Duration.ofMinutes(2));
        } finally {
            TestAuth.bearer(key).delete("/api/v1/instances/" + id); // the small test market needs its hosts back
        }

        assertFalse(seen.get(0).ready(), "the machine was already ready at its first look, so this shows nothing");
        assertTrue(seen.size() >= 2, "looked at again: " + seen.size());
        assertTrue(seen.get(seen.size() - 1).ready(), "seen ready at its last look");
        assertTrue(seen.stream().limit(seen.size() - 1).noneMatch(InstanceService.Observation::ready),
                "looked at until ready, and no longer");
    }

    /** The booting hosts that nobody holds now (offered). */
    private List<LocalHost> freeHosts() {
        var offered = local.searchOffers(io.snapgpu.offer.OfferQuery.any()).await().atMost(Duration.ofSeconds(5))
                .stream().map(o -> o.hostId()).toList();
        return LocalHosts.where(local, LocalHosts.kind(BootProfile.Kind.BOOTS)).stream()
                .filter(h -> offered.contains(h.hostId())).toList();
    }
}
