package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.api.FailoverView;
import io.snapgpu.api.InstanceView;
import io.snapgpu.failover.Failover;
import io.snapgpu.failover.FailoverService;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class FailoverGraphQLApi {
    private final FailoverService failovers;
    private final InstanceService instances;
    private final SecurityIdentity identity;

    public FailoverGraphQLApi(FailoverService failovers, InstanceService instances, SecurityIdentity identity) {
        this.failovers = failovers;
        this.instances = instances;
        this.identity = identity;
    }

    @Mutation("moveInstance")
    @Description("Moves the workspace to another machine (same GPU model and count): a PRE_FAILOVER snapshot, a race"
            + " for a new machine, a restore onto it, then this machine is destroyed; follow it with failoverProgress(id)")
    public Uni<FailoverView> moveInstance(@NonNull @Id String instanceId) {
        Caller caller = Caller.of(identity);
        return failovers.move(caller, instanceId).chain(f -> views(caller, List.of(f))).map(l -> l.get(0));
    }

    @Mutation("setInstanceFailover")
    @Description("Failover when the machine is lost: true, false, or null for the default (on when it has a backup policy)")
    public Uni<InstanceView> setInstanceFailover(@NonNull @Id String instanceId, Boolean enabled) {
        return failovers.setEnabled(Caller.of(identity), instanceId, enabled).map(InstanceView::of);
    }

    @Query("failovers")
    @Description("Newest first; of one machine (lost or new) when instanceId is given; activeOnly: those under way")
    public Uni<List<FailoverView>> failovers(@Id String instanceId, @DefaultValue("false") boolean activeOnly,
            @DefaultValue("50") int limit) {
        Caller caller = Caller.of(identity);
        UUID instance = instanceId == null ? null : Inputs.uuid("instanceId", instanceId);
        return failovers.list(caller, instance, activeOnly, limit).chain(l -> views(caller, l));
    }

    @Query("failover")
    @Description("null when your tenant has no such failover")
    public Uni<FailoverView> failover(@NonNull @Id String id) {
        Caller caller = Caller.of(identity);
        return failovers.find(caller, Inputs.uuid("id", id))
                .chain(f -> f == null ? Uni.createFrom().nullItem() : views(caller, List.of(f)).map(l -> l.get(0)));
    }

    @Subscription("failoverProgress")
    @Description("Every step of a failover (DETECTED, SNAPSHOTTING, REPLACING, RETIRING, then DONE, FAILED or CANCELLED); completes at the end")
    public Multi<FailoverService.FailoverProgress> failoverProgress(@NonNull @Id String id) {
        return failovers.stream(Caller.of(identity), Inputs.uuid("id", id));
    }

    /** The failovers with their lost and new machines (one read for all). */
    private Uni<List<FailoverView>> views(Caller caller, List<Failover> list) {
        return instances.list(caller, true).map(all -> {
            Map<UUID, Instance> byId = all.stream().collect(Collectors.toMap(i -> i.id, i -> i));
            return list.stream().map(f -> FailoverView.of(f, byId.get(f.instanceId),
                    f.newInstanceId == null ? null : byId.get(f.newInstanceId))).toList();
        });
    }
}
