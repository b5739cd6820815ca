package io.snapgpu.snapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.Ownership;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.InstanceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes the automatic snapshots that are due. A due policy is taken through {@link Ownership} (held
 * while its replica's heartbeat is fresh), so two replicas never snapshot the same policy twice;
 * a policy whose replica went away mid-turn is taken again by another. The policy of a machine that is
 * gone is switched off: there is nothing left to back up.
 */
@ApplicationScoped
public class AutoSnapshotJob {
    private static final Logger LOG = Logger.getLogger(AutoSnapshotJob.class);
    /** Enabled policies, due once next_run_at is reached. */
    static final WorkTable<UUID> DUE = WorkTable.of("backup_policy", "instance_id", UUID.class,
            new WorkTable.Active.In("enabled", List.of("true")), "next_run_at").dueBy("next_run_at");

    private final BackupPolicies policies;
    private final Db db;
    private final InstanceRepository instances;
    private final SnapshotService snapshots;
    private final Ownership ownership;

    public AutoSnapshotJob(BackupPolicies policies, Db db, InstanceRepository instances, SnapshotService snapshots,
            Ownership ownership) {
        this.policies = policies;
        this.db = db;
        this.instances = instances;
        this.snapshots = snapshots;
        this.ownership = ownership;
    }

    @Scheduled(every = "${snapgpu.snapshots.due-check-interval:60S}", delayed = "${snapgpu.snapshots.due-check-delay:30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> tick() {
        return runDue(UtcClock.now()).replaceWithVoid();
    }

    /** Snapshots every policy due at {@code now}; returns the snapshots taken (waits for them). */
    public Uni<List<Snapshot>> runDue(OffsetDateTime now) {
        return claim(now).onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndMerge(claimed -> db.read(() -> instances.findById(claimed.instanceId()))
                        .chain(instance -> instance == null || !instance.status.alive()
                                ? switchOff(claimed).replaceWith((Snapshot) null)
                                : snapshots.record(instance, SnapshotKind.AUTOMATIC, "automatic", claimed.retentionDays())
                                        .chain(s -> snapshots.run(instance, s).replaceWith(s)
                                                .onFailure().recoverWithItem(s))
                                        .call(s -> release(claimed, now))
                                        .onFailure().invoke(e -> LOG.warnf("Automatic snapshot of %s failed: %s",
                                                claimed.instanceId(), e.getMessage()))
                                        .onFailure().recoverWithUni(() -> release(claimed, now).replaceWith((Snapshot) null))))
                .filter(s -> s != null).collect().asList();
    }

    private Uni<List<BackupPolicies.Turn>> claim(OffsetDateTime now) {
        return ownership.takeOver(DUE, null, 20, now).chain(ids -> ids.isEmpty()
                ? Uni.createFrom().item(List.<BackupPolicies.Turn>of())
                : policies.turns(ids, ownership.self()));
    }

    /** Next run one period after this one (never in the past), and the policy let go. */
    private Uni<Void> release(BackupPolicies.Turn t, OffsetDateTime now) {
        return policies.reschedule(t, now, ownership.self()).chain(() -> ownership.release(DUE, t.instanceId()));
    }

    /** The machine is gone: its policy is switched off (its next run left as it was), and let go. */
    private Uni<Void> switchOff(BackupPolicies.Turn t) {
        return policies.switchOff(t.instanceId(), ownership.self()).chain(() -> ownership.release(DUE, t.instanceId()));
    }
}
