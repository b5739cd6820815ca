package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.access.UserKeyService;
import io.snapgpu.security.Caller;
import io.snapgpu.security.UserKeyRepository;
import io.snapgpu.validation.Inputs;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's SSH public keys: installed on every machine of their tenant. */
@Path("/api/v1/ssh-keys")
@Produces(MediaType.APPLICATION_JSON)
public class SshKeyResource {
    private final UserKeyService keys;
    private final SecurityIdentity identity;

    public SshKeyResource(UserKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    public record AddSshKey(String name, String publicKey) {
    }

    @GET
    public Uni<List<UserKeyRepository.UserKey>> list() {
        return keys.list(Caller.of(identity));
    }

    /** 201 with the key and, for each ready machine of the tenant, whether it got the key. */
    @POST
    public Uni<Response> add(AddSshKey body) {
        return keys.add(Caller.of(identity), body == null ? null : body.name(), body == null ? null : body.publicKey())
                .map(a -> Response.status(201).entity(a).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> remove(@PathParam("id") String id) {
        return keys.remove(Caller.of(identity), Inputs.uuid("id", id)).map(done -> {
            if (!done) {
                throw new ProblemMappers.NotFound("SSH key " + id);
            }
            return Response.noContent().build();
        });
    }
}
