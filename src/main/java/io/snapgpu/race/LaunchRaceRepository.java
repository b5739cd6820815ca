package io.snapgpu.race;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.WorkTable;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Races. Panache lookups run inside {@code Db.read}/{@code Db.tx}; the insert (which carries the
 * request as jsonb) is plain SQL; who drives a race is said by Ownership on {@link #UNFINISHED}.
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

    /** Races not finished yet, driven by the replica that holds their lease (through Ownership). */
    static final WorkTable<UUID> UNFINISHED = WorkTable.of("launch_race", "id", UUID.class,
            new WorkTable.Active.IsNull("finished_at"), "created_at");

    /** The region the race that started this machine asked for (null: none, or not started by a race). */
    public Uni<String> regionAskedFor(UUID instanceId) {
        return pool.preparedQuery("select r.request -> 'filter' ->> 'region' from race_candidate c"
                + " join launch_race r on r.id = c.race_id where c.instance_id = $1 limit 1")
                .execute(Tuple.of(instanceId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Whether someone asked to cancel the race (on any replica). */
    public Uni<Boolean> cancelRequested(UUID id) {
        return pool.preparedQuery("select cancel_requested_at is not null from launch_race where id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0));
    }

    /** Records a cancel for whichever replica drives the race; false when the tenant has no such running race. */
    public Uni<Boolean> requestCancel(UUID tenantId, UUID id) {
        return pool.preparedQuery("update launch_race set cancel_requested_at = coalesce(cancel_requested_at, now())"
                + " where id = $1 and tenant_id = $2 and status = 'RUNNING'").execute(Tuple.of(id, tenantId))
                .map(r -> r.rowCount() > 0);
    }
}
