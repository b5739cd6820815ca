package io.snapgpu.snapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.Ownership;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.InstanceRepository;
import io.snapgpu.db.Db;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    private final Pool pool;
    private final Db db;
    private final InstanceRepository instances;
    private final SnapshotService snapshots;
    private final Ownership ownership;

    public AutoSnapshotJob(Pool pool, Db db, InstanceRepository instances, SnapshotService snapshots,
            Ownership ownership) {
        this.pool = pool;
        this.db = db;
        this.instances = instances;
        this.snapshots = snapshots;
        this.ownership = ownership;
    }

    @Scheduled(every = "${snapgpu.snapshots.due-check-interval:60S}", delayed = "${snapgpu.snapshots.due-check-delay:30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.snapgpu.config.UntilStarted.class)
    Uni<Void> tick() {
        return runDue(UtcClock.now()).replaceWithVoid();
    }

    /** Snapshots every policy due at {@code now}; returns the snapshots taken (waits for them). */
    public Uni<List<Snapshot>> runDue(OffsetDateTime now) {
        return claim(now).onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndMerge(claimed -> db.read(() -> instances.findById(claimed.instanceId))
                        .chain(instance -> instance == null || !instance.status.alive()
                                ? switchOff(claimed).replaceWith((Snapshot) null)
                                : snapshots.record(instance, SnapshotKind.AUTOMATIC, "automatic", claimed.retentionDays)
                                        .chain(s -> snapshots.run(instance, s).replaceWith(s)
                                                .onFailure().recoverWithItem(s))
                                        .call(s -> release(claimed, now))
                                        .onFailure().invoke(e -> LOG.warnf("Automatic snapshot of %s failed: %s",
                                                claimed.instanceId, e.getMessage()))
                                        .onFailure().recoverWithUni(() -> release(claimed, now).replaceWith((Snapshot) null))))
                .filter(s -> s != null).collect().asList();
    }

    record Claimed(UUID instanceId, int frequencyMinutes, int retentionDays) {
    }

    private Uni<List<Claimed>> claim(OffsetDateTime now) {
        return ownership.takeOver(DUE, null, 20, now).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Claimed>of())
                : pool.preparedQuery("select instance_id, frequency_minutes, retention_days from backup_policy"
                        + " where instance_id = any($1) and owner = $2")
                        .execute(Tuple.of(ids.toArray(UUID[]::new), ownership.self())).map(rows -> {
                            List<Claimed> out = new ArrayList<>();
                            for (Row r : rows) {
                                out.add(new Claimed(r.getUUID(0), r.getInteger(1), r.getInteger(2)));
                            }
                            return out;
                        }));
    }

    /** Next run one period after this one (never in the past), and the policy let go. */
    private Uni<Void> release(Claimed c, OffsetDateTime now) {
        return pool.preparedQuery("update backup_policy set next_run_at = $2 + make_interval(mins => $3)"
                + " where instance_id = $1 and owner = $4")
                .execute(Tuple.of(c.instanceId(), now, c.frequencyMinutes(), ownership.self()))
                .chain(() -> ownership.release(DUE, c.instanceId()));
    }

    /** The machine is gone: its policy is switched off (its next run left as it was), and let go. */
    private Uni<Void> switchOff(Claimed c) {
        return pool.preparedQuery("update backup_policy set enabled = false where instance_id = $1 and owner = $2")
                .execute(Tuple.of(c.instanceId(), ownership.self()))
                .chain(() -> ownership.release(DUE, c.instanceId()));
    }
}
