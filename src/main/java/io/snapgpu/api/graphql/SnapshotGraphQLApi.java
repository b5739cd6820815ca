package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.api.SnapshotView;
import io.snapgpu.cost.StorageUsageService;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.SnapshotProgress;
import io.snapgpu.snapshot.SnapshotService;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SnapshotGraphQLApi {
    private final SnapshotService snapshots;
    private final StorageUsageService storage;
    private final SecurityIdentity identity;

    public SnapshotGraphQLApi(SnapshotService snapshots, StorageUsageService storage, SecurityIdentity identity) {
        this.snapshots = snapshots;
        this.storage = storage;
        this.identity = identity;
    }

    @Query("snapshots")
    @Description("Newest first; dedupe keeps the newest snapshot of each content (same tree hash). For the next page"
            + " pass the last snapshot's cursor as after (offset is kept for older clients; deep offsets are slow)")
    public Uni<List<SnapshotView>> snapshots(@Id String instanceId, @DefaultValue("false") boolean dedupe,
            @DefaultValue("0") int offset, @DefaultValue("50") int limit, String after) {
        return snapshots.list(Caller.of(identity), instanceId == null ? null : Inputs.uuid("instanceId", instanceId),
                dedupe, offset, limit, after).map(l -> l.stream().map(SnapshotView::of).toList());
    }

    @Query("snapshot")
    public Uni<SnapshotView> snapshot(@NonNull @Id String id) {
        return snapshots.find(Caller.of(identity), Inputs.uuid("id", id)).map(s -> SnapshotView.of(s, 1));
    }

    @Query("backupPolicy")
    public Uni<SnapshotView.Policy> backupPolicy(@NonNull @Id String instanceId) {
        return snapshots.policy(Caller.of(identity), Inputs.uuid("instanceId", instanceId))
                .map(SnapshotView.Policy::of);
    }

    @Query("storageUsage")
    @Description("Bytes stored in your repository (measured in the bucket), monthly cost by tier, restore download cost")
    public Uni<StorageUsageService.Usage> storageUsage() {
        return storage.usage(Caller.of(identity));
    }

    @Mutation("configureBackups")
    public Uni<SnapshotView.Policy> configureBackups(@NonNull @Id String instanceId, @NonNull Integer frequencyMinutes,
            @NonNull Integer retentionDays, List<String> includePaths, List<String> excludePaths,
            @Description("false turns automatic snapshots off, keeping the settings (default true)") Boolean enabled) {
        return snapshots.configure(Caller.of(identity), new SnapshotService.PolicyRequest(instanceId, frequencyMinutes,
                retentionDays, includePaths, excludePaths, enabled)).map(SnapshotView.Policy::of);
    }

    @Mutation("createSnapshot")
    @Description("Starts a snapshot (status RUNNING); follow it with snapshotProgress(id)")
    public Uni<SnapshotView> createSnapshot(@NonNull @Id String instanceId, String description) {
        return snapshots.createManual(Caller.of(identity), instanceId, description).map(s -> SnapshotView.of(s, 1));
    }

    @Mutation("deleteSnapshot")
    @Description("Forgets the snapshot in restic and prunes; null when your tenant has no such snapshot")
    public Uni<SnapshotView> deleteSnapshot(@NonNull @Id String id) {
        return snapshots.delete(Caller.of(identity), Inputs.uuid("id", id)).map(s -> SnapshotView.of(s, 1));
    }

    @Subscription("snapshotProgress")
    @Description("Every progress event of a snapshot (from its start), completing when it ends")
    public Multi<SnapshotProgress> snapshotProgress(@NonNull @Id String id) {
        return snapshots.progress(Caller.of(identity), Inputs.uuid("id", id));
    }
}
