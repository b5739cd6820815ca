package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.security.AccountRepository;
import io.snapgpu.security.AccountService;
import io.snapgpu.security.Caller;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class AccountGraphQLApi {
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public AccountGraphQLApi(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    public record Me(String username, String tenantId, Caller.Role role) {
    }

    public record ApiKey(@Id String id, String name, String tokenPrefix, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, boolean revoked) {
        static ApiKey of(AccountRepository.ApiKeyRow r) {
            return new ApiKey(r.id().toString(), r.name(), r.tokenPrefix(), r.createdAt(), r.lastUsedAt(),
                    r.revokedAt() != null);
        }
    }

    public record CreatedApiKey(@Id String id, String name,
            @Description("The key itself: shown only in this answer, SnapGPU keeps its hash") String token) {
    }

    @Query("me")
    public Me me() {
        Caller c = Caller.of(identity);
        return new Me(c.username(), c.tenantId().toString(), c.role());
    }

    @Query("apiKeys")
    public Uni<List<ApiKey>> apiKeys() {
        return accounts.apiKeys(Caller.of(identity)).map(rows -> rows.stream().map(ApiKey::of).toList());
    }

    @Mutation("createApiKey")
    public Uni<CreatedApiKey> createApiKey(@NonNull String name) {
        return accounts.createApiKey(Caller.of(identity), name)
                .map(k -> new CreatedApiKey(k.id().toString(), k.name(), k.token()));
    }

    @Mutation("revokeApiKey")
    @Description("True when revoked; false when your tenant has no such live key")
    public Uni<Boolean> revokeApiKey(@NonNull @Id String id) {
        return accounts.revokeApiKey(Caller.of(identity), Inputs.uuid("id", id));
    }

    @Mutation("createUser")
    @Description("Admins only. A tenant name that does not exist yet creates that tenant.")
    public Uni<Me> createUser(@NonNull String username, @NonNull String password, @NonNull String tenant,
            Caller.Role role) {
        return accounts.createUser(Caller.of(identity), username, password, tenant, role)
                .map(c -> new Me(c.username(), c.tenantId().toString(), c.role()));
    }
}
