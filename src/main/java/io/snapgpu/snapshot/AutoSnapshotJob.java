package io.snapgpu.snapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
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
 * Takes the automatic snapshots that are due. Due policies are claimed in the database
 * ({@code FOR UPDATE SKIP LOCKED}), so two replicas never snapshot the same policy twice.
 */
@ApplicationScoped
public class AutoSnapshotJob {
    private static final Logger LOG = Logger.getLogger(AutoSnapshotJob.class);

    private final Pool pool;
    private final Db db;
    private final InstanceRepository instances;
    private final SnapshotService snapshots;

    private final io.snapgpu.cluster.Replica replica;

    public AutoSnapshotJob(Pool pool, Db db, InstanceRepository instances, SnapshotService snapshots,
            io.snapgpu.cluster.Replica replica) {
        this.replica = replica;
        this.pool = pool;
        this.db = db;
        this.instances = instances;
        this.snapshots = snapshots;
    }

    @Scheduled(every = "${snapgpu.snapshots.due-check-interval:60S}", delayed = "${snapgpu.snapshots.due-check-delay:30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.snapgpu.system.UntilStarted.class)
    Uni<Void> tick() {
        return runDue(UtcClock.now()).replaceWithVoid();
    }

    /** Snapshots every policy due at {@code now}; returns the snapshots taken (waits for them). */
    public Uni<List<Snapshot>> runDue(OffsetDateTime now) {
        return claim(now).onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndMerge(claimed -> db.read(() -> instances.findById(claimed.instanceId))
                        .chain(instance -> instance == null || !instance.status.alive()
                                ? release(claimed, now).replaceWith((Snapshot) null)
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
        String sql = """
                update backup_policy set claimed_by = $2, claimed_until = $1 + interval '1 hour'
                 where instance_id in (select instance_id from backup_policy p
                                        where enabled and next_run_at <= $1
                                          and (claimed_until is null or claimed_until < $1
                                               or not %s)
                                          and exists (select 1 from instance i where i.id = p.instance_id
                                                        and i.status not in ('DESTROYED', 'FAILED'))
                                        order by next_run_at limit 20 for update skip locked)
                returning instance_id, frequency_minutes, retention_days
                """.formatted(io.snapgpu.cluster.Replica.aliveCondition("claimed_by", 3));
        return pool.preparedQuery(sql).execute(Tuple.of(now, replica.id(), replica.timeoutMillis())).map(rows -> {
            List<Claimed> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Claimed(r.getUUID(0), r.getInteger(1), r.getInteger(2)));
            }
            return out;
        });
    }

    /** Next run one period after this one (never in the past), and the claim released. */
    private Uni<Void> release(Claimed c, OffsetDateTime now) {
        return pool.preparedQuery("update backup_policy set claimed_by = null, claimed_until = null,"
                + " next_run_at = $2 + make_interval(mins => $3) where instance_id = $1")
                .execute(Tuple.of(c.instanceId(), now, c.frequencyMinutes())).replaceWithVoid();
    }
}
