package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.snapgpu.db.Db;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.security.AccountRepository;
import io.snapgpu.support.LocalHosts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reaper makes the marketplace and the database agree, whatever happened in between. */
@QuarkusTest
class OrphanReaperTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Inject
    InstanceReaper reaper;
    @Inject
    InstanceService instances;
    @Inject
    InstanceRepository repository;
    @Inject
    LocalProvider local;
    @Inject
    AccountRepository accounts;
    @Inject
    Db db;

    private List<Offer> bootingOffers(int n) {
        var booting = LocalHosts.where(local, LocalHosts.bootsWithin(30)).stream().map(h -> h.hostId()).toList();
        return local.searchOffers(OfferQuery.any()).await().atMost(T).stream()
                .filter(o -> booting.contains(o.hostId())).limit(n).toList();
    }

    @Test
    void labelledMachinesTheDatabaseDoesNotHoldAliveAreDestroyedAndViceVersa() {
        UUID tenant = accounts.tenantId("reaper-tenant").await().atMost(T);
        List<Offer> offers = bootingOffers(4);
        assertEquals(4, offers.size());

        // 1: a SnapGPU-labelled machine with no row at all
        ProviderInstance unknown = local.create(offers.get(0),
                new LaunchSpec("img", 10, Instance.labelFor(UUID.randomUUID()), Map.of(), null)).await().atMost(T);
        // 2: a machine someone else runs on the same account: not ours, left alone
        ProviderInstance foreign = local.create(offers.get(1), new LaunchSpec("img", 10, "someone-else", Map.of(), null))
                .await().atMost(T);
        // 3: a row that says DESTROYED while the machine still runs (a destroy that never reached the provider)
        Instance dead = instances.launch(tenant, offers.get(2), "img", 10, i -> { }).await().atMost(T);
        instances.update(dead.id, r -> r.transition(InstanceStatus.DESTROYED, io.snapgpu.config.UtcClock.now())).await().atMost(T);
        // 4: a row alive whose machine vanished at the provider
        Instance vanished = instances.launch(tenant, offers.get(3), "img", 10, i -> { }).await().atMost(T);
        local.destroy(vanished.providerInstanceId).await().atMost(T);

        InstanceReaper.Report report = reaper.reap().await().atMost(T);

        assertTrue(report.orphansDestroyed() >= 2, report.toString());
        assertEquals(ProviderInstance.State.GONE, local.status(unknown.id()).await().atMost(T).state());
        assertEquals(ProviderInstance.State.GONE, local.status(dead.providerInstanceId).await().atMost(T).state());
        assertTrue(local.status(foreign.id()).await().atMost(T).state() != ProviderInstance.State.GONE, "not ours: untouched");
        Instance deadRow = db.read(() -> repository.findById(dead.id)).await().atMost(T);
        assertEquals(TerminationReason.ORPHAN, deadRow.terminationReason);
        Instance vanishedRow = db.read(() -> repository.findById(vanished.id)).await().atMost(T);
        assertEquals(InstanceStatus.DESTROYED, vanishedRow.status);
        assertEquals(TerminationReason.GONE_AT_PROVIDER, vanishedRow.terminationReason);

        // nothing labelled ours is alive at the provider unless the database holds it alive
        List<ProviderInstance> ours = local.listLabelled(Instance.LABEL_PREFIX).await().atMost(T);
        for (ProviderInstance m : ours) {
            UUID rowId = InstanceReaper.rowId(m.label()).orElseThrow();
            Instance row = db.read(() -> repository.findById(rowId)).await().atMost(T);
            assertTrue(row != null && row.status.alive(), "machine " + m.id() + " has no live row");
        }
        local.destroy(foreign.id()).await().atMost(T);
    }
}
