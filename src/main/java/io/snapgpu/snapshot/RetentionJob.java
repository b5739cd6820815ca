package io.snapgpu.snapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.JobLease;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Forgets expired snapshots by id and prunes: one restic run per tenant batch. */
@ApplicationScoped
public class RetentionJob {
    static final int BATCH = 100;

    private final Db db;
    private final SnapshotService snapshots;

    private final JobLease lease;

    private final RepositoryGuard guard;

    public RetentionJob(Db db, SnapshotService snapshots, JobLease lease, RepositoryGuard guard) {
        this.guard = guard;
        this.lease = lease;
        this.db = db;
        this.snapshots = snapshots;
    }

    @Scheduled(every = "${snapgpu.snapshots.retention-interval:1H}", delayed = "5M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> tick() {
        // one replica at a time forgets and prunes (restic would lock the repository against a second one)
        return lease.runExclusively("snapshot-retention", java.time.Duration.ofHours(2),
                () -> expire(UtcClock.now()).call(this::pruneDeferred)).replaceWithVoid();
    }

    /** Prunes the repositories whose prune a lock-free restore held off; returns how many it pruned. */
    public Uni<Integer> pruneDeferred() {
        return guard.prunePending().onItem().transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> snapshots.prunePending(tenant)
                        .onFailure().recoverWithItem(false))
                .collect().with(Collectors.summingInt(pruned -> pruned ? 1 : 0));
    }

    /** Forgets every snapshot expired at {@code now}; returns how many. */
    public Uni<Integer> expire(OffsetDateTime now) {
        return db.read(() -> Snapshot.<Snapshot>find("status = ?1 and expiresAt <= ?2 order by tenantId",
                SnapshotStatus.SUCCEEDED, now).page(0, BATCH * 10).list())
                .chain(expired -> {
                    Map<UUID, List<Snapshot>> byTenant = expired.stream()
                            .collect(Collectors.groupingBy(s -> s.tenantId));
                    return Multi.createFrom().iterable(byTenant.values())
                            .onItem().transformToMultiAndConcatenate(list -> Multi.createFrom().iterable(partition(list)))
                            .onItem().transformToUniAndConcatenate(batch -> snapshots.forget(batch).replaceWith(batch.size()))
                            .collect().with(Collectors.summingInt(Integer::intValue));
                });
    }

    private static List<List<Snapshot>> partition(List<Snapshot> list) {
        List<List<Snapshot>> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i += BATCH) {
            out.add(list.subList(i, Math.min(list.size(), i + BATCH)));
        }
        return out;
    }
}
