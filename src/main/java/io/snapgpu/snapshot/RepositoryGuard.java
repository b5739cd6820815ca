package io.snapgpu.snapshot;

import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.Replica;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps prunes and lock-free reads of a tenant's restic repository apart, across replicas. restic's
 * own lock costs every restic start a lock file, a 200 ms wait and more requests; a restore can skip
 * it ({@code --no-lock}) when nothing can delete packs under it, and only a prune deletes packs
 * (backups and forgets only add or drop snapshot files). Readers register and a prune marks the
 * repository, each while holding the repository row's lock, so a prune never starts while a
 * registered reader runs, and a reader that finds a prune running uses restic's lock instead.
 */
@ApplicationScoped
public class RepositoryGuard {
    private final Pool pool;
    private final Replica replica;

    public RepositoryGuard(Pool pool, Replica replica) {
        this.pool = pool;
        this.replica = replica;
    }

    /** A registered lock-free read, or empty when a prune runs (then read with restic's lock). */
    public Uni<Optional<UUID>> beginRead(UUID tenantId) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(conn -> conn.preparedQuery("select pruning_owner is not null and "
                + Replica.aliveCondition("pruning_owner", 2) + " from restic_repository where tenant_id = $1 for update")
                .execute(Tuple.of(tenantId, replica.timeoutMillis()))
                .chain(rows -> !rows.iterator().hasNext() || rows.iterator().next().getBoolean(0)
                        ? Uni.createFrom().item(Optional.<UUID>empty())
                        : conn.preparedQuery("insert into repository_read (id, tenant_id, owner) values ($1, $2, $3)")
                                .execute(Tuple.of(id, tenantId, replica.id())).replaceWith(Optional.of(id))));
    }

    public Uni<Void> endRead(UUID readId) {
        return pool.preparedQuery("delete from repository_read where id = $1").execute(Tuple.of(readId)).replaceWithVoid();
    }

    /**
     * Marks the repository as being pruned, unless a live replica reads it without lock: then false
     * and the prune waits (the repository is marked prune-pending for the retention job).
     */
    public Uni<Boolean> beginPrune(UUID tenantId) {
        return pool.withTransaction(conn -> conn.preparedQuery("select 1 from restic_repository where tenant_id = $1 for update")
                .execute(Tuple.of(tenantId))
                .chain(() -> conn.preparedQuery("delete from repository_read where tenant_id = $1 and not "
                        + Replica.aliveCondition("owner", 2)).execute(Tuple.of(tenantId, replica.timeoutMillis())))
                .chain(() -> conn.preparedQuery("select count(*) from repository_read where tenant_id = $1")
                        .execute(Tuple.of(tenantId)))
                .chain(rows -> rows.iterator().next().getLong(0) > 0
                        ? conn.preparedQuery("update restic_repository set prune_pending = true where tenant_id = $1")
                                .execute(Tuple.of(tenantId)).replaceWith(false)
                        : conn.preparedQuery("update restic_repository set pruning_owner = $2, pruning_since = now(),"
                                + " prune_pending = false where tenant_id = $1")
                                .execute(Tuple.of(tenantId, replica.id())).replaceWith(true)));
    }

    public Uni<Void> endPrune(UUID tenantId) {
        return pool.preparedQuery("update restic_repository set pruning_owner = null, pruning_since = null"
                + " where tenant_id = $1 and pruning_owner = $2").execute(Tuple.of(tenantId, replica.id())).replaceWithVoid();
    }

    /**
     * Runs {@code prune} unless a live replica reads the repository without lock (then the repository
     * is marked prune-pending and this is false). A failed prune is marked pending too, for the
     * retention job to try again.
     */
    public Uni<Boolean> pruning(UUID tenantId, java.util.function.Supplier<Uni<? extends Void>> prune) {
        return beginPrune(tenantId).chain(allowed -> !allowed ? Uni.createFrom().item(false)
                : Uni.createFrom().deferred(prune)
                        .onFailure().call(e -> markPrunePending(tenantId))
                        .eventually(() -> endPrune(tenantId)).replaceWith(true));
    }

    private Uni<Void> markPrunePending(UUID tenantId) {
        return pool.preparedQuery("update restic_repository set prune_pending = true where tenant_id = $1")
                .execute(Tuple.of(tenantId)).replaceWithVoid();
    }

    /** Repositories whose forgotten snapshots still await a prune. */
    public Uni<java.util.List<UUID>> prunePending() {
        return pool.preparedQuery("select tenant_id from restic_repository where prune_pending").execute()
                .map(rows -> {
                    java.util.List<UUID> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }
}
