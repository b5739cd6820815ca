package io.snapgpu.restore;

import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.offer.OfferService;
import io.snapgpu.offer.OfferSort;
import io.snapgpu.validation.InputException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gets a new ready machine for a restore: the fastest-booting matching offer (by SnapGPU's host
 * statistics), launched and watched until ready.
 */
@ApplicationScoped
public class MachineAcquirer {
    private final OfferService offers;
    private final InstanceService instances;

    public MachineAcquirer(OfferService offers, InstanceService instances) {
        this.offers = offers;
        this.instances = instances;
    }

    public Uni<Instance> acquire(java.util.UUID tenantId, OfferFilter filter) {
        return offers.search(filter, OfferSort.BOOT_TIME, 0, 1).chain(page -> {
            if (page.items().isEmpty()) {
                throw new InputException("newInstanceFilter", "no offer matches");
            }
            var offer = page.items().get(0).offer();
            return instances.launch(tenantId, offer, instances.config().defaultImage(), instances.config().defaultDiskGb(),
                    i -> { });
        }).chain(instance -> instances.watchUntilReady(instance).select().last().toUni()
                .ifNoItem().after(instances.config().bootTimeout()).fail()
                .chain(() -> instances.find(tenantId, instance.id)));
    }
}
