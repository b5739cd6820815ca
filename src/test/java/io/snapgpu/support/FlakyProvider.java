package io.snapgpu.support;

import io.smallrye.mutiny.Uni;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.provider.ProviderInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A provider whose API is down: its failure must be reported beside the other providers' offers. */
@ApplicationScoped
public class FlakyProvider implements GpuProvider {
    @Override
    public String name() {
        return "flaky";
    }

    /** A stand-in on this computer, like the local marketplace: races on every provider may include it. */
    @Override
    public boolean machinesRunHere() {
        return true;
    }

    private static <T> Uni<T> down() {
        return Uni.createFrom().failure(new ProviderException("flaky", ProviderException.Kind.BACKEND, "HTTP 503 from the API"));
    }

    @Override
    public Uni<List<Offer>> searchOffers(OfferQuery query) {
        return down();
    }

    @Override
    public Uni<ProviderInstance> create(Offer offer, LaunchSpec spec) {
        return down();
    }

    @Override
    public Uni<ProviderInstance> status(String id) {
        return down();
    }

    @Override
    public Uni<Void> destroy(String id) {
        return down();
    }

    @Override
    public Uni<List<ProviderInstance>> listLabelled(String labelPrefix) {
        return down();
    }
}
