package io.snapgpu.race;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Races. Panache lookups run inside {@code Db.read}/{@code Db.tx}; the insert (which carries the
 * request as jsonb) and the lease statements are plain SQL, each a single atomic statement.
 */
@ApplicationScoped
public class LaunchRaceRepository implements PanacheRepositoryBase<LaunchRace, UUID> {
    private final Pool pool;

    public LaunchRaceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(LaunchRace r, JsonObject request) {
        return pool.preparedQuery("""
                insert into launch_race (id, tenant_id, status, request, wave_size, wave_interval_ms, max_waves,
                  timeout_ms, snapshot_id, losers_cost, owner, lease_until, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12)
                """).execute(Tuple.tuple(java.util.Arrays.asList(r.id, r.tenantId, r.status.name(), request,
                r.waveSize, r.waveIntervalMs, r.maxWaves, r.timeoutMs, r.snapshotId, r.owner, r.leaseUntil,
                r.createdAt))).replaceWithVoid();
    }

    public Uni<JsonObject> request(UUID id) {
        return pool.preparedQuery("select request from launch_race where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getJsonObject(0));
    }

    public Uni<LaunchRace> findForTenant(UUID tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<List<LaunchRace>> listForTenant(UUID tenantId, boolean includeFinished, int limit) {
        return (includeFinished ? find("tenantId = ?1 order by createdAt desc", tenantId)
                : find("tenantId = ?1 and status = ?2 order by createdAt desc", tenantId, RaceStatus.RUNNING))
                .page(0, limit).list();
    }

    /**
     * Extends the lease of a race this replica drives. Empty when it no longer may drive it (another
     * replica took it over, or it ended); otherwise whether someone asked to cancel it.
     */
    public Uni<Optional<Boolean>> renewLease(UUID id, String owner, Duration lease) {
        return pool.preparedQuery("update launch_race set lease_until = now() + $3 * interval '1 millisecond'"
                + " where id = $1 and owner = $2 and finished_at is null returning cancel_requested_at is not null")
                .execute(Tuple.of(id, owner, lease.toMillis()))
                .map(rows -> rows.size() == 0 ? Optional.<Boolean>empty()
                        : Optional.of(rows.iterator().next().getBoolean(0)));
    }

    /** Takes over unfinished races whose lease ran out (their replica died); two replicas never take the same. */
    public Uni<List<UUID>> claimExpired(String owner, Duration lease, int limit) {
        return pool.preparedQuery("""
                update launch_race set owner = $1, lease_until = now() + $2 * interval '1 millisecond'
                 where id in (select id from launch_race where finished_at is null
                                and (lease_until is null or lease_until < now())
                              order by created_at for update skip locked limit $3)
                returning id
                """).execute(Tuple.of(owner, lease.toMillis(), limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID(0)));
            return ids;
        });
    }

    /** Records a cancel for whichever replica drives the race; false when the tenant has no such running race. */
    public Uni<Boolean> requestCancel(UUID tenantId, UUID id) {
        return pool.preparedQuery("update launch_race set cancel_requested_at = coalesce(cancel_requested_at, now())"
                + " where id = $1 and tenant_id = $2 and status = 'RUNNING'").execute(Tuple.of(id, tenantId))
                .map(r -> r.rowCount() > 0);
    }
}
