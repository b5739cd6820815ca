package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.RestoreView;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.race.RaceRequest;
import io.snapgpu.restore.RestoreService;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.Inputs;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class RestoreGraphQLApi {
    private final RestoreService restores;
    private final SecurityIdentity identity;

    public RestoreGraphQLApi(RestoreService restores, SecurityIdentity identity) {
        this.restores = restores;
        this.identity = identity;
    }

    @org.eclipse.microprofile.graphql.Input("RestoreInput")
    public record RestoreInput(@NonNull String snapshotId,
            @Description("restore onto this instance (needs confirmOverwrite); omit for a new machine") String instanceId,
            Boolean confirmOverwrite, OfferFilter newInstanceFilter,
            @Description("the race for a new machine: machines per wave, waves, and the money caps (max $/h, max race cost)")
            RaceRequest.RacePolicyInput newInstancePolicy) {
    }

    @Mutation("restoreSnapshot")
    @Description("Starts a restore; follow it with restoreProgress(id)")
    public Uni<RestoreView> restoreSnapshot(@NonNull RestoreInput input) {
        return restores.restore(Caller.of(identity), new RestoreService.Request(input.snapshotId(), input.instanceId(),
                input.confirmOverwrite(), input.newInstanceFilter(), input.newInstancePolicy())).map(RestoreView::of);
    }

    @Query("restoreJob")
    public Uni<RestoreView> restoreJob(@NonNull @Id String id) {
        return restores.find(Caller.of(identity), Inputs.uuid("id", id)).map(RestoreView::of);
    }

    @Query("restoreJobs")
    public Uni<List<RestoreView>> restoreJobs() {
        return restores.list(Caller.of(identity)).map(l -> l.stream().map(RestoreView::of).toList());
    }

    @Subscription("restoreProgress")
    @Description("Phase, bytes and files done/total, throughput, ETA and the moment the workspace became usable; completes at the end")
    public Multi<RestoreService.Progress> restoreProgress(@NonNull @Id String id) {
        return restores.progress(Caller.of(identity), Inputs.uuid("id", id));
    }
}
