package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.api.RestoreDrillView;
import io.snapgpu.drill.DrillService;
import io.snapgpu.drill.RestoreDrill;
import io.snapgpu.security.Caller;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class DrillGraphQLApi {
    private final DrillService drills;
    private final SecurityIdentity identity;

    public DrillGraphQLApi(DrillService drills, SecurityIdentity identity) {
        this.drills = drills;
        this.identity = identity;
    }

    @Mutation("startRestoreDrill")
    @Description("Checks your repository and trial-restores the newest snapshot of each machine on the control plane"
            + " (never on your machines); poll restoreDrill(id). Each snapshot shows its last drill.")
    public Uni<RestoreDrillView> startRestoreDrill() {
        return drills.start(Caller.of(identity).tenantId(), RestoreDrill.Trigger.MANUAL).map(RestoreDrillView::of);
    }

    @Query("restoreDrill")
    @Description("null when your tenant has no such drill")
    public Uni<RestoreDrillView> restoreDrill(@NonNull @Id String id) {
        return drills.find(Caller.of(identity), Inputs.uuid("id", id)).map(RestoreDrillView::of);
    }

    @Query("restoreDrills")
    @Description("Newest first")
    public Uni<List<RestoreDrillView>> restoreDrills(@DefaultValue("20") int limit) {
        return drills.list(Caller.of(identity), limit).map(l -> l.stream().map(RestoreDrillView::of).toList());
    }
}
