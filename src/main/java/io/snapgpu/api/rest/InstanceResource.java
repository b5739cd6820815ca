package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.access.MachineAccess;
import io.snapgpu.api.InstanceView;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {
    private final InstanceService instances;
    private final SecurityIdentity identity;
    private final MachineAccess access;

    public InstanceResource(InstanceService instances, SecurityIdentity identity, MachineAccess access) {
        this.access = access;
        this.instances = instances;
        this.identity = identity;
    }

    @GET
    public Uni<List<InstanceView>> list(@QueryParam("include_ended") @DefaultValue("false") boolean includeEnded) {
        return instances.list(Caller.of(identity), includeEnded)
                .map(l -> l.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<InstanceView> get(@PathParam("id") String id) {
        return instances.find(Caller.of(identity), Inputs.uuid("id", id)).map(i -> {
            if (i == null) {
                throw new ProblemMappers.NotFound("instance " + id);
            }
            return view(i);
        });
    }

    @POST
    public Uni<Response> create(InstanceService.CreateRequest body) {
        return instances.create(Caller.of(identity), body)
                .map(i -> Response.status(201).entity(view(i)).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<InstanceView> destroy(@PathParam("id") String id) {
        Caller caller = Caller.of(identity);
        return instances.find(caller, Inputs.uuid("id", id)).chain(i -> {
            if (i == null) {
                throw new ProblemMappers.NotFound("instance " + id);
            }
            return instances.destroy(i.id, TerminationReason.USER);
        }).map(this::view);
    }

    private InstanceView view(io.snapgpu.instance.Instance i) {
        return InstanceView.of(i, access);
    }
}
