package io.snapgpu.instance;

import io.quarkus.runtime.StartupEvent;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.storage.ObjectStore;
import io.snapgpu.validation.InputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Whether a provider's machines can reach the snapshot store. Machines run restic against the S3
 * endpoint themselves; the embedded S3 server (and any SNAPGPU_S3_ENDPOINT on a loopback address)
 * listens on this computer only, which a rented machine elsewhere can never reach. Renting one there
 * would bill a machine that can neither snapshot nor restore, so launches and races on such a
 * provider are refused before anything is recorded or asked of the provider, and the start warns.
 * Providers whose machines run on this computer ({@link GpuProvider#machinesRunHere()}) are fine.
 */
@ApplicationScoped
public class StorageReach {
    private static final Logger LOG = Logger.getLogger(StorageReach.class);

    private final boolean loopbackStore;
    private final ProviderRegistry providers;

    public StorageReach(ObjectStore store, ProviderRegistry providers) {
        this.loopbackStore = store.onThisComputer();
        this.providers = providers;
    }

    /** @throws InputException naming {@code field} when this provider's machines cannot reach the store */
    public void require(String field, GpuProvider provider) {
        require(field, provider, "");
    }

    private void require(String field, GpuProvider provider, String alternative) {
        if (!reachable(provider)) {
            throw new InputException(field, "provider '" + provider.name() + "' rents machines elsewhere, and they"
                    + " cannot reach SnapGPU's snapshot store on a loopback address (the embedded S3 server, or"
                    + " SNAPGPU_S3_ENDPOINT set to one): set SNAPGPU_S3_ENDPOINT to an S3 endpoint those machines"
                    + " can reach, e.g. https://<account>.r2.cloudflarestorage.com" + alternative);
        }
    }

    /** As {@link #require} for every enabled provider named (all enabled ones when none is named). */
    public void requireAll(String field, Collection<String> names) {
        for (GpuProvider p : providers.enabled()) {
            if (names == null || names.isEmpty() || names.contains(p.name())) {
                require(field, p, ", or name only other providers in " + field);
            }
        }
    }

    public boolean reachable(GpuProvider provider) {
        return !loopbackStore || provider.machinesRunHere();
    }

    void warnAtStart(@Observes StartupEvent event) {
        List<String> cut = providers.enabled().stream().filter(p -> !reachable(p)).map(GpuProvider::name).toList();
        if (!cut.isEmpty()) {
            LOG.warnf("Providers %s are configured, but the snapshot store is on a loopback address (the embedded S3"
                    + " server, or SNAPGPU_S3_ENDPOINT set to one) their machines cannot reach: launches and races on"
                    + " them are refused until SNAPGPU_S3_ENDPOINT names an S3 endpoint they can reach", cut);
        }
    }
}
