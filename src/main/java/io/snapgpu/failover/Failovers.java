package io.snapgpu.failover;

import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Every query of failovers: the one place their rows are read and written. */
@ApplicationScoped
public class Failovers {
    private final Db db;
    private final Pool pool;

    public Failovers(Db db, Pool pool) {
        this.db = db;
        this.pool = pool;
    }

    /** What a new failover records. */
    record New(UUID id, UUID tenantId, UUID instanceId, Failover.Trigger trigger, String detail, int maxAttempts,
            String owner, BigDecimal lostPricePerHour, OffsetDateTime at) {
    }

    /** Records {@code n} unless the machine has an active failover already (across replicas); whether it did. */
    Uni<Boolean> insertUnlessActive(New n) {
        return pool.preparedQuery("""
                insert into failover (id, tenant_id, instance_id, trigger, detail, status, max_attempts, owner,
                                      lost_price_per_hour, created_at, updated_at)
                values ($1, $2, $3, $4, $5, 'DETECTED', $6, $7, $8, $9, $9)
                on conflict (instance_id) where status not in ('DONE', 'FAILED', 'CANCELLED') do nothing
                returning id""").execute(Tuple.tuple(List.of(n.id(), n.tenantId(), n.instanceId(), n.trigger().name(),
                n.detail(), n.maxAttempts(), n.owner(),
                io.vertx.sqlclient.data.Numeric.create(n.lostPricePerHour() == null ? BigDecimal.ZERO : n.lostPricePerHour()),
                n.at()))).map(rows -> rows.size() == 1);
    }

    /** The machine's active failover, or null. */
    Uni<Failover> activeOf(UUID instanceId) {
        return db.read(() -> Failover.<Failover>find("instanceId = ?1 and status in ?2", instanceId,
                Failover.Status.ACTIVE).firstResult());
    }

    Uni<Failover> find(UUID tenantId, UUID id) {
        return db.read(() -> Failover.<Failover>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult());
    }

    /** Newest first; of one machine (as the lost or the new one) when {@code instanceId} is given. */
    Uni<List<Failover>> list(UUID tenantId, UUID instanceId, boolean activeOnly, int limit) {
        String q = "tenantId = :t" + (instanceId == null ? "" : " and (instanceId = :i or newInstanceId = :i)")
                + (activeOnly ? " and status in :a" : "") + " order by createdAt desc";
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenantId);
        if (instanceId != null) {
            params.put("i", instanceId);
        }
        if (activeOnly) {
            params.put("a", Failover.Status.ACTIVE);
        }
        return db.read(() -> Failover.<Failover>find(q, params).range(0, limit - 1).list());
    }

    Uni<Failover> load(UUID id) {
        return db.read(() -> Failover.<Failover>findById(id));
    }

    /** Reads the row, changes it (and its updatedAt) and writes what changed, in one transaction. */
    Uni<Failover> update(UUID id, Consumer<Failover> change) {
        return updateIf(id, f -> true, change);
    }

    /** As {@link #update}, only when {@code when} holds for the row as read; the row either way. */
    Uni<Failover> updateIf(UUID id, java.util.function.Predicate<Failover> when, Consumer<Failover> change) {
        return db.tx(() -> Failover.<Failover>findById(id).invoke(f -> {
            if (when.test(f)) {
                change.accept(f);
                f.updatedAt = UtcClock.now();
            }
        }));
    }

    /** The attempt's restore, in the restore job's own transaction (so no crash leaves one unnamed). */
    Uni<Void> attemptStarted(UUID id, UUID restoreJobId, UUID snapshotId) {
        return Failover.update("restoreJobId = ?1, snapshotId = ?2, attempts = attempts + 1, updatedAt = ?3 where id = ?4",
                restoreJobId, snapshotId, UtcClock.now(), id).replaceWithVoid();
    }

    /** The machine and the machines it replaced through failovers that are DONE, newest first. */
    Uni<List<UUID>> lineage(UUID instanceId) {
        return pool.preparedQuery("""
                with recursive lineage(id) as (
                    select $1::uuid
                    union
                    select p.instance_id from failover p join lineage l on p.new_instance_id = l.id where p.status = 'DONE')
                select id from lineage""").execute(Tuple.of(instanceId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }
}
