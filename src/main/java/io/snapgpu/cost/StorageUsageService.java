package io.snapgpu.cost;

import io.smallrye.mutiny.Uni;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.TenantRepositories;
import io.snapgpu.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Bytes a tenant stores, measured from the bucket (not estimated), and what they cost. */
@ApplicationScoped
public class StorageUsageService {
    private final ObjectStore store;

    public StorageUsageService(ObjectStore store) {
        this.store = store;
    }

    public record Usage(long bytes, long objects, StoragePricing.Breakdown monthly, java.math.BigDecimal fullRestoreDownloadCost) {
    }

    public Uni<Usage> usage(Caller caller) {
        String prefix = TenantRepositories.prefix(caller.tenantId()) + "/";
        return store.offEventLoop(() -> store.usage(prefix))
                .map(u -> new Usage(u.bytes(), u.objects(), StoragePricing.monthly(u.bytes()),
                        StoragePricing.restoreDownload(u.bytes())));
    }
}
