package io.snapgpu.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Users' SSH public keys, in plain SQL on the reactive pool. */
@ApplicationScoped
public class UserKeyRepository {
    private final Pool pool;

    public UserKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public record UserKey(UUID id, UUID tenantId, UUID userId, String name, String keyType, int bits, String publicKey,
            String fingerprint, OffsetDateTime createdAt) {
    }

    private static final String COLUMNS = "id, tenant_id, user_id, name, key_type, bits, public_key, fingerprint, created_at";

    /** Inserts the key; false when this user already has a key with that fingerprint. */
    public Uni<Boolean> insert(UserKey k) {
        return pool.preparedQuery("insert into user_ssh_key (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                + " on conflict (user_id, fingerprint) do nothing")
                .execute(Tuple.tuple(List.of(k.id(), k.tenantId(), k.userId(), k.name(), k.keyType(), k.bits(),
                        k.publicKey(), k.fingerprint(), k.createdAt())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<UserKey>> forUser(UUID userId) {
        return pool.preparedQuery("select " + COLUMNS + " from user_ssh_key where user_id = $1 order by created_at, id")
                .execute(Tuple.of(userId)).map(UserKeyRepository::keys);
    }

    /** The authorized_keys lines of every enabled user of the tenant: what each of its machines gets. */
    public Uni<List<String>> linesForTenant(UUID tenantId) {
        if (tenantId == null) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select k.public_key from user_ssh_key k join app_user u on u.id = k.user_id"
                + " where k.tenant_id = $1 and u.disabled_at is null order by k.created_at, k.id")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    /** Removes a key of this user; false when the user has no such key. */
    public Uni<Boolean> delete(UUID userId, UUID id) {
        return pool.preparedQuery("delete from user_ssh_key where id = $1 and user_id = $2").execute(Tuple.of(id, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static List<UserKey> keys(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<UserKey> out = new ArrayList<>();
        rows.forEach(r -> out.add(new UserKey(r.getUUID("id"), r.getUUID("tenant_id"), r.getUUID("user_id"),
                r.getString("name"), r.getString("key_type"), r.getInteger("bits"), r.getString("public_key"),
                r.getString("fingerprint"), r.getOffsetDateTime("created_at"))));
        return out;
    }
}
