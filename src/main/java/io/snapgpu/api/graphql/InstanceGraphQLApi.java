package io.snapgpu.api.graphql;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.access.MachineAccess;
import io.snapgpu.api.InstanceView;
import io.snapgpu.api.OfferView;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.offer.OfferService;
import io.snapgpu.offer.OfferSort;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.Inputs;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class InstanceGraphQLApi {
    private final InstanceService instances;
    private final OfferService offers;
    private final SecurityIdentity identity;
    private final MachineAccess access;

    public InstanceGraphQLApi(InstanceService instances, OfferService offers, SecurityIdentity identity,
            MachineAccess access) {
        this.access = access;
        this.instances = instances;
        this.offers = offers;
        this.identity = identity;
    }

    @Authenticated
    @Query("offers")
    @Description("Offers of every enabled provider, filtered, sorted and paginated; a failing provider is listed in errors")
    public Uni<OfferView.Page> offers(OfferFilter filter, @DefaultValue("PRICE") OfferSort sort,
            @DefaultValue("0") int offset, @DefaultValue("50") int limit) {
        return offers.search(filter, sort, offset, limit).map(OfferView.Page::of);
    }

    // Uni: a plain return type would hop to a worker thread for every offer of the page
    @Description("The image a machine of this offer runs when a request names none")
    public Uni<String> defaultImage(@Source OfferView offer) {
        return Uni.createFrom().item(() -> instances.imageFor(offer.provider(), null));
    }

    @Description("The disk in GB a machine of this offer gets when a request names none")
    public Uni<Integer> defaultDiskGb(@Source OfferView offer) {
        return Uni.createFrom().item(instances.config().defaultDiskGb());
    }

    @Query("instances")
    public Uni<List<InstanceView>> instances(@DefaultValue("false") boolean includeEnded) {
        return instances.list(Caller.of(identity), includeEnded)
                .map(list -> list.stream().map(this::view).toList());
    }

    @Query("instance")
    @Description("null when your tenant has no such instance")
    public Uni<InstanceView> instance(@NonNull @Id String id) {
        return instances.find(Caller.of(identity), Inputs.uuid("id", id)).map(this::view);
    }

    @Mutation("createInstance")
    @Description("Rents an offer; the machine boots in the background (poll instance(id) for its status). A refused"
            + " request names every bad field in extensions.fieldErrors")
    public Uni<InstanceView> createInstance(@NonNull InstanceService.CreateRequest input) {
        return instances.create(Caller.of(identity), input).map(this::view);
    }

    @Mutation("destroyInstance")
    @Description("null when your tenant has no such instance")
    public Uni<InstanceView> destroyInstance(@NonNull @Id String id) {
        Caller caller = Caller.of(identity);
        return instances.find(caller, Inputs.uuid("id", id))
                .chain(i -> i == null ? Uni.createFrom().nullItem()
                        : instances.destroy(i.id, TerminationReason.USER))
                .map(this::view);
    }

    private InstanceView view(io.snapgpu.instance.Instance i) {
        return InstanceView.of(i, access);
    }
}
