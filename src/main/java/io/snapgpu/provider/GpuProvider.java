package io.snapgpu.provider;

import io.smallrye.mutiny.Uni;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import java.util.List;
import java.util.Optional;

/**
 * A GPU marketplace. Every call is non-blocking. A cancelled {@link Uni} never stops a machine:
 * only {@link #destroy} does, and callers record every create before making it.
 */
public interface GpuProvider {

    /** "local", "vastai", "runpod". */
    String name();

    /** Whether this provider is configured (an API key is set); disabled ones are never called. */
    default boolean enabled() {
        return true;
    }

    /**
     * Whether this provider's machines run on this computer, and so can reach a service of SnapGPU's
     * on a loopback address (the embedded S3 server): the local marketplace, and a marketplace API on a
     * loopback address (a stand-in whose machines are local processes, as the tests' fakes are). A
     * real marketplace's machines are elsewhere.
     */
    default boolean machinesRunHere() {
        return false;
    }

    /** Offers matching the query as far as the provider can filter (callers filter the rest). */
    Uni<List<Offer>> searchOffers(OfferQuery query);

    /**
     * The offer with this id if it can still be rented, for a create that names it. The default looks
     * through an unfiltered search, which holds only the provider's first page of offers: a provider
     * that can ask for one id overrides it (vast.ai answers only its 100 cheapest to a search).
     */
    default Uni<Optional<Offer>> findOffer(String offerId) {
        return searchOffers(OfferQuery.any())
                .map(offers -> offers.stream().filter(o -> o.offerId().equals(offerId)).findFirst());
    }

    /**
     * Rents the offer. Fails with {@link ProviderException}; when the provider created a machine
     * anyway (vast.ai can return a contract with a failed create), the exception carries its id so the
     * caller destroys it.
     */
    Uni<ProviderInstance> create(Offer offer, LaunchSpec spec);

    /** Current state; {@link ProviderInstance.State#GONE} when the provider no longer has it. */
    Uni<ProviderInstance> status(String providerInstanceId);

    /** Destroys the machine; succeeds when it is already gone. */
    Uni<Void> destroy(String providerInstanceId);

    /** Every machine of ours (label starting with {@code labelPrefix}) the provider still has. */
    Uni<List<ProviderInstance>> listLabelled(String labelPrefix);

    /** The user SnapGPU logs in as over SSH. */
    default String sshUser(ProviderInstance machine) {
        return "root";
    }

    /** Where the workspace lives on the machine: an absolute path as its commands see it. */
    default String workspaceRoot(ProviderInstance machine) {
        return "/workspace";
    }
}
