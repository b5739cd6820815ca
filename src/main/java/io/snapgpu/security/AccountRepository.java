package io.snapgpu.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users, API keys and sessions, in plain SQL on the reactive pool: the token lookup runs on every
 * request, so it is one round trip with no ORM session to open.
 */
@ApplicationScoped
public class AccountRepository {
    private final Pool pool;

    public AccountRepository(Pool pool) {
        this.pool = pool;
    }

    public record UserRow(UUID id, UUID tenantId, String username, String passwordHash, Caller.Role role) {
        Caller caller() {
            return new Caller(id, tenantId, username, role);
        }
    }

    public record ApiKeyRow(UUID id, String name, String tokenPrefix, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /** The caller a live (unrevoked, unexpired) API key or session token belongs to. */
    public Uni<Optional<Caller>> callerForToken(String tokenHash) {
        String sql = """
                with k as (
                  update api_key set last_used_at = now()
                   where token_hash = $1 and revoked_at is null
                     and (last_used_at is null or last_used_at < now() - interval '1 minute')
                  returning user_id)
                select u.id, u.tenant_id, u.username, u.password_hash, u.role from app_user u
                 where u.disabled_at is null and u.id in (
                   select user_id from api_key where token_hash = $1 and revoked_at is null
                   union all select user_id from web_session where token_hash = $1 and expires_at > now())
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(tokenHash))
                .map(rows -> first(rows).map(r -> user(r).caller()));
    }

    public Uni<Optional<UserRow>> findUser(String username) {
        return pool.preparedQuery("select id, tenant_id, username, password_hash, role from app_user"
                + " where username = $1 and disabled_at is null").execute(Tuple.of(username))
                .map(rows -> first(rows).map(AccountRepository::user));
    }

    public Uni<Long> countUsers() {
        return pool.query("select count(*) from app_user").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The tenant of that name, created if missing. */
    public Uni<UUID> tenantId(String name) {
        return pool.preparedQuery("insert into tenant (id, name) values ($1, $2) on conflict (name) do update"
                + " set name = excluded.name returning id").execute(Tuple.of(UUID.randomUUID(), name))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    public Uni<UserRow> insertUser(UUID tenantId, String username, String passwordHash, Caller.Role role) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("insert into app_user (id, tenant_id, username, password_hash, role)"
                + " values ($1, $2, $3, $4, $5)").execute(Tuple.of(id, tenantId, username, passwordHash, role.name()))
                .replaceWith(new UserRow(id, tenantId, username, passwordHash, role));
    }

    public Uni<UUID> insertApiKey(Caller owner, String name, String token) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("insert into api_key (id, tenant_id, user_id, name, token_prefix, token_hash)"
                + " values ($1, $2, $3, $4, $5, $6) on conflict (token_hash) do nothing")
                .execute(Tuple.tuple(List.of(id, owner.tenantId(), owner.userId(), name, Tokens.displayPrefix(token),
                        Tokens.hash(token))))
                .replaceWith(id);
    }

    public Uni<List<ApiKeyRow>> apiKeys(UUID tenantId) {
        return pool.preparedQuery("select id, name, token_prefix, created_at, last_used_at, revoked_at from api_key"
                + " where tenant_id = $1 order by created_at desc").execute(Tuple.of(tenantId))
                .map(rows -> {
                    List<ApiKeyRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ApiKeyRow(r.getUUID("id"), r.getString("name"),
                            r.getString("token_prefix"), r.getOffsetDateTime("created_at"),
                            r.getOffsetDateTime("last_used_at"), r.getOffsetDateTime("revoked_at"))));
                    return out;
                });
    }

    /** Revokes a key of this tenant; false when the tenant has no such (live) key. */
    public Uni<Boolean> revokeApiKey(UUID tenantId, UUID id) {
        return pool.preparedQuery("update api_key set revoked_at = now() where id = $1 and tenant_id = $2"
                + " and revoked_at is null").execute(Tuple.of(id, tenantId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> insertSession(UUID userId, String token, OffsetDateTime expiresAt) {
        return pool.preparedQuery("insert into web_session (id, user_id, token_hash, expires_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), userId, Tokens.hash(token), expiresAt)).replaceWithVoid();
    }

    public Uni<Void> deleteSession(String token) {
        return pool.preparedQuery("delete from web_session where token_hash = $1 or expires_at < now()")
                .execute(Tuple.of(Tokens.hash(token))).replaceWithVoid();
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static UserRow user(Row r) {
        return new UserRow(r.getUUID("id"), r.getUUID("tenant_id"), r.getString("username"),
                r.getString("password_hash"), Caller.Role.valueOf(r.getString("role")));
    }
}
