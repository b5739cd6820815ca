package io.snapgpu.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every query of the credential audit trail. */
@ApplicationScoped
public class CredentialGrantRepository {
    private static final String COLUMNS = "id, tenant_id, instance_id, purpose, operation_id, mode, access_key_id,"
            + " scope, access, issued_at, expires_at";
    private final Pool pool;

    public CredentialGrantRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(CredentialGrant g) {
        return pool.preparedQuery("insert into credential_grant (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7,"
                + " $8, $9, $10, $11)").execute(Tuple.tuple().addValue(g.id()).addValue(g.tenantId())
                        .addValue(g.instanceId()).addValue(g.purpose().name()).addValue(g.operationId())
                        .addValue(g.mode().name()).addValue(g.accessKeyId()).addValue(g.scope())
                        .addValue(g.access().name()).addValue(g.issuedAt().atOffset(ZoneOffset.UTC))
                        .addValue(g.expiresAt() == null ? null : g.expiresAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The tenant's newest grants first, optionally of one machine. */
    public Uni<List<CredentialGrant>> list(UUID tenantId, UUID instanceId, int limit) {
        String sql = "select " + COLUMNS + " from credential_grant where tenant_id = $1"
                + (instanceId == null ? "" : " and instance_id = $3") + " order by issued_at desc, id limit $2";
        Tuple args = instanceId == null ? Tuple.of(tenantId, limit) : Tuple.of(tenantId, limit, instanceId);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<CredentialGrant> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new CredentialGrant(r.getUUID("id"), r.getUUID("tenant_id"), r.getUUID("instance_id"),
                        CredentialGrant.Purpose.valueOf(r.getString("purpose")), r.getUUID("operation_id"),
                        CredentialMode.valueOf(r.getString("mode")), r.getString("access_key_id"), r.getString("scope"),
                        StorageAccess.valueOf(r.getString("access")), r.getOffsetDateTime("issued_at").toInstant(),
                        r.getOffsetDateTime("expires_at") == null ? null : r.getOffsetDateTime("expires_at").toInstant()));
            }
            return out;
        });
    }
}
