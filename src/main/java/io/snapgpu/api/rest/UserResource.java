package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.security.AccountService;
import io.snapgpu.security.Caller;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public UserResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    public record CreateUser(String username, String password, String tenant, Caller.Role role) {
        @Override
        public String toString() {
            return "CreateUser[" + username + "]";
        }
    }

    @POST
    public Uni<Response> create(CreateUser body) {
        CreateUser b = body == null ? new CreateUser(null, null, null, null) : body;
        return accounts.createUser(Caller.of(identity), b.username(), b.password(), b.tenant(), b.role())
                .map(c -> Response.status(201).entity(AuthResource.Me.of(c)).build());
    }
}
