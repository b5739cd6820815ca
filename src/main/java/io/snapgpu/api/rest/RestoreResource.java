package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.api.RestoreView;
import io.snapgpu.restore.RestoreService;
import io.snapgpu.security.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
public class RestoreResource {
    private final RestoreService restores;
    private final SecurityIdentity identity;

    public RestoreResource(RestoreService restores, SecurityIdentity identity) {
        this.restores = restores;
        this.identity = identity;
    }

    @POST
    public Uni<Response> start(RestoreService.Request body) {
        RestoreService.Request b = body == null ? new RestoreService.Request(null, null, null, null, null) : body;
        return restores.restore(Caller.of(identity), b).map(j -> Response.status(202).entity(RestoreView.of(j)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<RestoreView> get(@PathParam("id") String id) {
        return restores.find(Caller.of(identity), Inputs.uuid("id", id)).map(j -> {
            if (j == null) {
                throw new ProblemMappers.NotFound("restore " + id);
            }
            return RestoreView.of(j);
        });
    }
}
