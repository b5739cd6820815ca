package io.snapgpu.snapshot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fills in the tree hash (the content key of de-duplicated listings) of finished snapshots. restic's
 * backup summary does not carry it and a {@code restic snapshots} run costs ~0.5 s of CPU (the key
 * derivation), so it runs after the snapshot is reported done, once for all of a tenant's snapshots
 * waiting for it: fills asked for while one runs are served by one more run, not one each.
 */
@ApplicationScoped
public class TreeHashes {
    private static final Logger LOG = Logger.getLogger(TreeHashes.class);

    private final Db db;
    private final TenantRepositories repositories;
    private final ResticCli restic;
    private final Map<UUID, AtomicInteger> wanted = new ConcurrentHashMap<>();

    public TreeHashes(Db db, TenantRepositories repositories, ResticCli restic) {
        this.db = db;
        this.repositories = repositories;
        this.restic = restic;
    }

    /** Fills the tenant's missing tree hashes in the background. */
    public void fillLater(UUID tenantId) {
        AtomicInteger asks = wanted.computeIfAbsent(tenantId, t -> new AtomicInteger());
        if (asks.getAndIncrement() == 0) {
            drain(tenantId, asks);
        }
    }

    private void drain(UUID tenantId, AtomicInteger asks) {
        int served = asks.get();
        fill(tenantId).subscribe().with(n -> again(tenantId, asks, served), e -> {
            LOG.warnf("Tree hashes of tenant %s not filled yet (retried by the sweep): %s", tenantId, e.getMessage());
            again(tenantId, asks, served);
        });
    }

    private void again(UUID tenantId, AtomicInteger asks, int served) {
        if (asks.addAndGet(-served) > 0) {
            drain(tenantId, asks);
        }
    }

    /** Fills every missing tree hash of the tenant with one restic listing; returns how many it filled. */
    public Uni<Integer> fill(UUID tenantId) {
        return db.read(() -> Snapshot.<Snapshot>find("tenantId = ?1 and status = ?2 and treeHash is null"
                + " and resticId is not null", tenantId, SnapshotStatus.SUCCEEDED).list())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : repositories.forTenant(tenantId)
                        .chain(restic::snapshots)
                        .chain(listed -> {
                            Map<String, String> treeById = listed.stream().filter(s -> s.tree() != null)
                                    .collect(Collectors.toMap(ResticSnapshot::id, ResticSnapshot::tree, (a, b) -> a));
                            List<Snapshot> found = rows.stream().filter(r -> treeById.containsKey(r.resticId)).toList();
                            return db.tx(() -> Multi.createFrom().iterable(found)
                                    .onItem().transformToUniAndConcatenate(r -> Snapshot.update(
                                            "treeHash = ?1 where id = ?2 and treeHash is null", treeById.get(r.resticId), r.id))
                                    .collect().with(Collectors.summingInt(Integer::intValue)));
                        }));
    }

    /** Catches what a background fill missed (restic unreachable, a replica stopped in between). */
    @Scheduled(every = "${snapgpu.snapshots.tree-hash-sweep-interval:60S}", delayed = "30S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> sweep() {
        return db.read(() -> Snapshot.getSession().chain(session -> session.createSelectionQuery(
                "select distinct tenantId from Snapshot where status = :ok and treeHash is null and resticId is not null"
                        + " and finishedAt < :settled", UUID.class)
                .setParameter("ok", SnapshotStatus.SUCCEEDED)
                .setParameter("settled", UtcClock.now().minusSeconds(30))
                .getResultList()))
                .invoke(tenants -> tenants.forEach(this::fillLater))
                .replaceWithVoid();
    }
}
