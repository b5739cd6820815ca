package io.snapgpu.snapshot;

import io.smallrye.mutiny.Uni;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.security.SecretBox;
import io.snapgpu.security.Tokens;
import io.snapgpu.storage.ObjectStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * One restic repository per tenant, under its own prefix in the bucket, with its own generated
 * password kept encrypted at rest; initialised on first use.
 */
@ApplicationScoped
public class TenantRepositories {
    private final Pool pool;
    private final SecretBox box;
    private final ObjectStore store;
    private final ResticCli restic;

    public TenantRepositories(Pool pool, SecretBox box, ObjectStore store, ResticCli restic) {
        this.pool = pool;
        this.box = box;
        this.store = store;
        this.restic = restic;
    }

    public static String prefix(UUID tenantId) {
        return "tenants/" + tenantId + "/restic";
    }

    private static String context(UUID tenantId) {
        return "restic:" + tenantId;
    }

    /** The tenant's repository, created (and initialised in the bucket) the first time. */
    public Uni<ResticRepository> forTenant(UUID tenantId) {
        byte[] sealed = box.encrypt(Tokens.randomPassword() + Tokens.randomPassword(), context(tenantId));
        return pool.preparedQuery("insert into restic_repository (tenant_id, prefix, password_encrypted) values ($1, $2, $3)"
                + " on conflict (tenant_id) do nothing").execute(Tuple.of(tenantId, prefix(tenantId), sealed))
                .chain(() -> pool.preparedQuery("select prefix, password_encrypted, initialised_at from restic_repository"
                        + " where tenant_id = $1").execute(Tuple.of(tenantId)))
                .chain(rows -> {
                    var row = rows.iterator().next();
                    ResticRepository repo = store.resticRepository(row.getString("prefix"),
                            box.decrypt(row.getBuffer("password_encrypted").getBytes(), context(tenantId)));
                    if (row.getOffsetDateTime("initialised_at") != null) {
                        return Uni.createFrom().item(repo);
                    }
                    // Two concurrent inits of one repository would write two configs and break it: the
                    // transaction-scoped advisory lock makes callers (on any replica) take turns.
                    return pool.withTransaction(conn -> conn
                            .preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(context(tenantId)))
                            .chain(() -> conn.preparedQuery("select initialised_at from restic_repository where tenant_id = $1")
                                    .execute(Tuple.of(tenantId)))
                            .chain(again -> again.iterator().next().getOffsetDateTime(0) != null
                                    ? Uni.createFrom().voidItem()
                                    : restic.initIfMissing(repo).chain(() -> conn.preparedQuery(
                                            "update restic_repository set initialised_at = now() where tenant_id = $1")
                                            .execute(Tuple.of(tenantId))).replaceWithVoid()))
                            .replaceWith(repo);
                });
    }
}
