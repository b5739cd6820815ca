package io.snapgpu.snapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The snapshot listing's plain pages, read on the SQL client (the API's hottest read). */
@ApplicationScoped
public class SnapshotPages {
    private final Pool pool;

    public SnapshotPages(Pool pool) {
        this.pool = pool;
    }

    private static final String PAGE_COLUMNS = "id, tenant_id, instance_id, restic_id, tree_hash, kind, status,"
            + " description, total_bytes, added_bytes, file_count, error, created_at, finished_at, expires_at, deleted_at,"
            + " owner, drilled_at, drill_id, drill_status, drill_duration_ms, drill_bytes_fetched, drill_download_cost,"
            + " drill_error";

    /**
     * A page of the plain listing, on the SQL client: the listing is the API's hottest read, and through
     * Hibernate each page cost a session on a new context, a fresh HQL-to-SQL translation (a list-valued
     * parameter makes the plan uncacheable) and entity hydration. One cached prepared statement per shape
     * (tenant or instance, first page or after a cursor). The cursor is a row comparison, one index
     * condition on the (tenant_id | instance_id, created_at desc, id desc) indexes (V18).
     */
    Uni<List<Snapshot>> page(UUID tenantId, UUID instanceId, SnapshotCursor cursor, int offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(tenantId));
        StringBuilder sql = new StringBuilder("select ").append(PAGE_COLUMNS).append(" from snapshot where tenant_id = $1")
                .append(" and status in ('RUNNING', 'SUCCEEDED', 'FAILED')");
        if (instanceId != null) {
            args.add(instanceId);
            sql.append(" and instance_id = $").append(args.size());
        }
        if (cursor != null) {
            args.add(cursor.createdAt());
            args.add(cursor.id());
            sql.append(" and (created_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
        }
        args.add(limit);
        sql.append(" order by created_at desc, id desc limit $").append(args.size());
        args.add(offset);
        sql.append(" offset $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args)).map(rows -> {
            List<Snapshot> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(snapshotOf(r));
            }
            return out;
        });
    }

    private static Snapshot snapshotOf(Row r) {
        Snapshot s = new Snapshot();
        s.id = r.getUUID("id");
        s.tenantId = r.getUUID("tenant_id");
        s.instanceId = r.getUUID("instance_id");
        s.resticId = r.getString("restic_id");
        s.treeHash = r.getString("tree_hash");
        s.kind = SnapshotKind.valueOf(r.getString("kind"));
        s.status = SnapshotStatus.valueOf(r.getString("status"));
        s.description = r.getString("description");
        s.totalBytes = r.getLong("total_bytes");
        s.addedBytes = r.getLong("added_bytes");
        s.fileCount = r.getLong("file_count");
        s.error = r.getString("error");
        s.createdAt = r.getOffsetDateTime("created_at");
        s.finishedAt = r.getOffsetDateTime("finished_at");
        s.expiresAt = r.getOffsetDateTime("expires_at");
        s.deletedAt = r.getOffsetDateTime("deleted_at");
        s.owner = r.getString("owner");
        s.drilledAt = r.getOffsetDateTime("drilled_at");
        s.drillId = r.getUUID("drill_id");
        s.drillStatus = r.getString("drill_status");
        s.drillDurationMs = r.getLong("drill_duration_ms");
        s.drillBytesFetched = r.getLong("drill_bytes_fetched");
        s.drillDownloadCost = r.getBigDecimal("drill_download_cost");
        s.drillError = r.getString("drill_error");
        return s;
    }
}
