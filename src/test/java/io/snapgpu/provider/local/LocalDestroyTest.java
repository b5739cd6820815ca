package io.snapgpu.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.support.LocalHosts;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The embedded marketplace's destroy is final: a look at a machine under way while it is destroyed
 * (a race's readiness watch, which starts the machine's SSH server on its first look at a running
 * machine) never brings the machine or its sandbox back.
 */
@QuarkusTest
class LocalDestroyTest {
    static final Duration T = Duration.ofSeconds(60);

    @Inject
    LocalProvider local;

    @Test
    void aMachineDestroyedWhileItsFirstLookStartsItsServerStaysGone() throws Exception {
        Set<String> fast = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(LocalHost::hostId)
                .collect(Collectors.toSet());
        List<Offer> offers = local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> fast.contains(o.hostId())).limit(4).toList();
        List<ProviderInstance> machines = offers.stream().map(o -> local.create(o, new LaunchSpec("img", 10,
                "snapgpu-test-destroy-" + o.hostId(), Map.of(), null)).await().atMost(T)).toList();
        // running by the marketplace's clock (a fast host boots in well under a second at this time scale),
        // and not looked at yet: the first look starts the SSH server
        Map<String, java.nio.file.Path> roots = new java.util.HashMap<>();
        for (ProviderInstance m : machines) {
            LocalInstance i = local.machine(m.id()).orElseThrow();
            roots.put(m.id(), i.root);
            while (!i.running(System.currentTimeMillis())) {
                Thread.sleep(20);
            }
        }

        List<Uni<Object>> both = machines.stream().<Uni<Object>>flatMap(m -> java.util.stream.Stream.of(
                local.status(m.id()).onFailure().recoverWithNull().replaceWith(new Object()),
                local.destroy(m.id()).replaceWith(new Object()))).toList();
        Uni.join().all(both).andFailFast().await().atMost(T);

        for (ProviderInstance m : machines) {
            assertEquals(ProviderInstance.State.GONE, local.status(m.id()).await().atMost(T).state(), m.id());
            assertFalse(Files.exists(roots.get(m.id()).resolve(LocalInstance.META)),
                    "no sandbox written back for " + m.id());
        }
    }
}
