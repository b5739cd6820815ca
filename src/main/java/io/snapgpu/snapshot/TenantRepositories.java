package io.snapgpu.snapshot;

import io.smallrye.mutiny.Uni;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticKeys;
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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TenantRepositories.class);
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
        return ObjectStore.resticPrefix(tenantId);
    }

    private static String context(UUID tenantId) {
        return "restic:" + tenantId;
    }

    /**
     * The full id of the tenant's snapshot whose id starts with {@code idPrefix} (restic 0.14's backup
     * summary reports only 8 hex digits), read from the bucket: restic stores each snapshot as
     * {@code snapshots/<full id>}. One listing request instead of a restic run (which spends ~0.5 s
     * of CPU deriving the repository key); a full id (restic 0.17+ reports one) as it is. Empty when
     * not exactly one snapshot file matches.
     */
    public Uni<java.util.Optional<String>> fullSnapshotId(UUID tenantId, String idPrefix) {
        if (idPrefix == null || !idPrefix.matches("[0-9a-f]{8,64}")) {
            return Uni.createFrom().item(java.util.Optional.empty());
        }
        if (idPrefix.length() == 64) {
            return Uni.createFrom().item(java.util.Optional.of(idPrefix));
        }
        String dir = prefix(tenantId) + "/snapshots/";
        return store.offEventLoop(() -> store.keys(dir + idPrefix, 2))
                .map(keys -> keys.size() == 1 && keys.get(0).substring(dir.length()).matches("[0-9a-f]{64}")
                        ? java.util.Optional.of(keys.get(0).substring(dir.length()))
                        : java.util.Optional.<String>empty());
    }

    private int lightenBlocking(String dir, String password) {
        int lightened = 0;
        try {
            for (String key : store.keys(dir, 20)) {
                byte[] file = store.get(key);
                if (ResticKeys.heavy(file)) {
                    byte[] light = ResticKeys.lightened(file, password);
                    store.put(dir + ResticKeys.id(light), light);
                    store.delete(key);
                    lightened++;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lightened;
    }

    /** The tenant's repository, created (and initialised in the bucket) the first time. */
    public Uni<ResticRepository> forTenant(UUID tenantId) {
        ResticRepository known = initialised.get(tenantId);
        return known != null ? Uni.createFrom().item(known)
                : open(tenantId).call(repo -> lightenKeys(tenantId, repo)).invoke(repo -> initialised.put(tenantId, repo));
    }

    /**
     * Re-wraps the repository's master key under light scrypt parameters (see {@link ResticKeys}): every
     * restic command then opens the repository in ~2 ms instead of ~0.5 s of CPU. The new key is
     * written before the old one is removed, so restic always finds one; replicas doing this at the
     * same time leave two light keys, both valid. A failure leaves the heavy key, which still works.
     */
    Uni<Void> lightenKeys(UUID tenantId, ResticRepository repo) {
        String dir = prefix(tenantId) + "/keys/";
        return store.offEventLoop(() -> lightenBlocking(dir, repo.password()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Repository of tenant %s: master key re-wrapped under light scrypt parameters", tenantId);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Repository of tenant %s keeps its heavy key: %s", tenantId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
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
