package io.snapgpu.security;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.snapgpu.config.UtcClock;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Logins, API keys and users. Every method that reads or changes tenant data takes the {@link Caller}. */
@ApplicationScoped
public class AccountService {
    public static final int MAX_PASSWORD = 200;

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final SnapgpuConfig config;

    public AccountService(AccountRepository accounts, LoginThrottle throttle, SnapgpuConfig config) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.config = config;
    }

    public record Session(String token, Caller caller, OffsetDateTime expiresAt) {
        @Override
        public String toString() {
            return "Session[" + caller.username() + "]";
        }
    }

    public record NewApiKey(UUID id, String name, String token) {
        @Override
        public String toString() {
            return "NewApiKey[" + id + ", " + name + "]";
        }
    }

    /** Checks the password (bcrypt, on a worker thread) and opens a browser session. */
    public Uni<Session> login(String username, String password, String clientAddress) {
        String user = username == null ? "" : username.strip().toLowerCase();
        if (throttle.blocked(user, clientAddress)) {
            return Uni.createFrom().failure(new TooManyAttemptsException());
        }
        if (password == null || password.length() > MAX_PASSWORD) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong username or password"));
        }
        return accounts.findUser(user)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(row -> row.filter(r -> Passwords.matches(password, r.passwordHash()))
                        .or(() -> {
                            Passwords.matches(password, null); // same work as a real check: no timing oracle
                            return Optional.empty();
                        }))
                .chain(row -> {
                    if (row.isEmpty()) {
                        throttle.failed(user, clientAddress);
                        return Uni.createFrom().failure(new AuthenticationFailedException("wrong username or password"));
                    }
                    throttle.succeeded(user);
                    String token = Tokens.newToken(Tokens.SESSION_PREFIX);
                    OffsetDateTime expires = UtcClock.now().plusHours(config.auth().sessionHours());
                    return accounts.insertSession(row.get().id(), token, expires)
                            .replaceWith(new Session(token, row.get().caller(), expires));
                });
    }

    public Uni<Void> logout(String sessionToken) {
        return sessionToken == null ? Uni.createFrom().voidItem() : accounts.deleteSession(sessionToken);
    }

    public Uni<NewApiKey> createApiKey(Caller caller, String name) {
        String n = Inputs.name("name", name, 100);
        String token = Tokens.newToken(Tokens.API_KEY_PREFIX);
        return accounts.insertApiKey(caller, n, token).map(id -> new NewApiKey(id, n, token));
    }

    public Uni<List<AccountRepository.ApiKeyRow>> apiKeys(Caller caller) {
        return accounts.apiKeys(caller.tenantId());
    }

    /** False when the caller's tenant has no such live key: another tenant's key looks the same as none. */
    public Uni<Boolean> revokeApiKey(Caller caller, UUID id) {
        return accounts.revokeApiKey(caller.tenantId(), id);
    }

    /** Admins create users; a tenant name that does not exist yet creates that tenant. */
    public Uni<Caller> createUser(Caller caller, String username, String password, String tenant, Caller.Role role) {
        if (!caller.admin()) {
            return Uni.createFrom().failure(new ForbiddenException("only admins create users"));
        }
        FieldErrors errors = Inputs.check();
        String u = errors.get(() -> Inputs.username("username", username));
        errors.run(() -> checkPassword(password));
        String t = errors.get(() -> Inputs.name("tenant", tenant, 100));
        errors.throwIfAny();
        Caller.Role r = role == null ? Caller.Role.MEMBER : role;
        return accounts.findUser(u).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().failure(new InputException("username", "is taken"));
            }
            return Uni.createFrom().item(() -> Passwords.hash(password))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(hash -> accounts.tenantId(t).chain(tid -> accounts.insertUser(tid, u, hash, r)))
                    .map(AccountRepository.UserRow::caller);
        });
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < 12 || password.length() > MAX_PASSWORD) {
            throw new InputException("password", "must be 12 to " + MAX_PASSWORD + " characters");
        }
    }
}
