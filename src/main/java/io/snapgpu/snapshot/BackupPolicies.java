package io.snapgpu.snapshot;

import io.smallrye.mutiny.Uni;
import io.snapgpu.db.Db;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every query of backup policies outside their configuration: the one place their rows are read and written. */
@ApplicationScoped
public class BackupPolicies {
    private final Db db;
    private final Pool pool;

    public BackupPolicies(Db db, Pool pool) {
        this.db = db;
        this.pool = pool;
    }

    /** A policy's turn, as the automatic-snapshot job took it. */
    record Turn(UUID instanceId, int frequencyMinutes, int retentionDays) {
    }

    /** The turns of these policies that {@code owner} holds. */
    Uni<List<Turn>> turns(List<UUID> instanceIds, String owner) {
        return pool.preparedQuery("select instance_id, frequency_minutes, retention_days from backup_policy"
                + " where instance_id = any($1) and owner = $2")
                .execute(Tuple.of(instanceIds.toArray(UUID[]::new), owner)).map(rows -> {
                    List<Turn> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Turn(r.getUUID(0), r.getInteger(1), r.getInteger(2)));
                    }
                    return out;
                });
    }

    /** Next run one period after {@code now}, if {@code owner} still holds the turn. */
    Uni<Void> reschedule(Turn t, OffsetDateTime now, String owner) {
        return pool.preparedQuery("update backup_policy set next_run_at = $2 + make_interval(mins => $3)"
                + " where instance_id = $1 and owner = $4")
                .execute(Tuple.of(t.instanceId(), now, t.frequencyMinutes(), owner)).replaceWithVoid();
    }

    /** Automatic snapshots off (the next run left as it was), if {@code owner} holds the turn. */
    Uni<Void> switchOff(UUID instanceId, String owner) {
        return pool.preparedQuery("update backup_policy set enabled = false where instance_id = $1 and owner = $2")
                .execute(Tuple.of(instanceId, owner)).replaceWithVoid();
    }

    /** {@code to} takes over {@code from}'s policy, unless it has one of its own already. */
    Uni<Void> move(UUID from, UUID to) {
        return pool.preparedQuery("""
                update backup_policy set instance_id = $2, updated_at = now()
                 where instance_id = $1
                   and not exists (select 1 from backup_policy q where q.instance_id = $2)""")
                .execute(Tuple.of(from, to)).replaceWithVoid();
    }

    Uni<Boolean> enabled(UUID instanceId) {
        return db.read(() -> BackupPolicy.count("instanceId = ?1 and enabled = true", instanceId)).map(n -> n > 0);
    }

    /** The tenant's policies of these machines (those that have one). */
    Uni<List<BackupPolicy>> ofMachines(UUID tenantId, Collection<UUID> instanceIds) {
        List<UUID> ids = instanceIds.stream().filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : db.read(() -> BackupPolicy.<BackupPolicy>list("instanceId in ?1 and tenantId = ?2", ids, tenantId));
    }
}
