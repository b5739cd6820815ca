package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.security.AccountRepository;
import io.snapgpu.security.AccountService;
import io.snapgpu.security.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public ApiKeyResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    public record CreateApiKey(String name) {
    }

    @GET
    public Uni<List<AccountRepository.ApiKeyRow>> list() {
        return accounts.apiKeys(Caller.of(identity));
    }

    /** The token is in this answer only; SnapGPU keeps just its hash. */
    @POST
    public Uni<Response> create(CreateApiKey body) {
        return accounts.createApiKey(Caller.of(identity), body == null ? null : body.name())
                .map(k -> Response.status(201).entity(k).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") UUID id) {
        return accounts.revokeApiKey(Caller.of(identity), id).map(done -> {
            if (!done) {
                throw new ProblemMappers.NotFound("API key " + id);
            }
            return Response.noContent().build();
        });
    }
}
