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
    /** Initialised repositories: their location and password never change, so each is read once. */
    private final java.util.Map<UUID, ResticRepository> initialised = new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * The full id of the tenant's snapshot whose id starts with {@code idPrefix} (restic 0.14's backup
     * summary reports only 8 hex digits), read from the bucket: restic stores each snapshot as
     * {@code snapshots/<full id>}. One listing request instead of a restic run (which spends ~0.5 s
     * of CPU deriving the repository key). Empty when not exactly one snapshot file matches.
     */
    public Uni<java.util.Optional<String>> fullSnapshotId(UUID tenantId, String idPrefix) {
        if (idPrefix == null || !idPrefix.matches("[0-9a-f]{8,64}")) {
            return Uni.createFrom().item(java.util.Optional.empty());
        }
        String dir = prefix(tenantId) + "/snapshots/";
        return Uni.createFrom().item(() -> store.keys(dir + idPrefix, 2))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(keys -> keys.size() == 1 && keys.get(0).substring(dir.length()).matches("[0-9a-f]{64}")
                        ? java.util.Optional.of(keys.get(0).substring(dir.length()))
                        : java.util.Optional.<String>empty());
    }

    /** The tenant's repository, created (and initialised in the bucket) the first time. */
    public Uni<ResticRepository> forTenant(UUID tenantId) {
        ResticRepository known = initialised.get(tenantId);
        return known != null ? Uni.createFrom().item(known)
                : open(tenantId).invoke(repo -> initialised.put(tenantId, repo));
    }

    private Uni<ResticRepository> open(UUID tenantId) {
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
