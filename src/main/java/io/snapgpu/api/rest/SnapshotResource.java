package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.api.SnapshotView;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.SnapshotService;
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

/** The snapshot API as users know it (snake_case bodies, as all of /api/v1: {@link RestJson}). */
@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
    private final SnapshotService snapshots;
    private final SecurityIdentity identity;

    public SnapshotResource(SnapshotService snapshots, SecurityIdentity identity) {
        this.snapshots = snapshots;
        this.identity = identity;
    }

    public record ConfigBody(String instanceId, Integer frequencyMinutes, Integer retentionDays,
            List<String> includePaths, List<String> excludePaths) {
    }

    public record CreateBody(String instanceId, String description) {
    }

    @POST
    @Path("/config")
    public Uni<SnapshotView.Policy> configure(ConfigBody b) {
        ConfigBody body = b == null ? new ConfigBody(null, null, null, null, null) : b;
        return snapshots.configure(Caller.of(identity), new SnapshotService.PolicyRequest(body.instanceId(),
                body.frequencyMinutes(), body.retentionDays(), body.includePaths(), body.excludePaths()))
                .map(SnapshotView.Policy::of);
    }

    @POST
    public Uni<Response> create(CreateBody b) {
        CreateBody body = b == null ? new CreateBody(null, null) : b;
        return snapshots.createManual(Caller.of(identity), body.instanceId(), body.description())
                .map(s -> Response.status(202).entity(SnapshotView.of(s, 1)).build());
    }

    @GET
    public Uni<List<SnapshotView>> list(@QueryParam("instance_id") String instanceId,
            @QueryParam("dedupe") @DefaultValue("false") boolean dedupe,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("after") String after) {
        return snapshots.list(Caller.of(identity), instanceId == null ? null : Inputs.uuid("instance_id", instanceId), dedupe,
                offset, limit, after).map(l -> l.stream().map(SnapshotView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<SnapshotView> get(@PathParam("id") String id) {
        return snapshots.find(Caller.of(identity), Inputs.uuid("id", id)).map(s -> {
            if (s == null) {
                throw new ProblemMappers.NotFound("snapshot " + id);
            }
            return SnapshotView.of(s, 1);
        });
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return snapshots.delete(Caller.of(identity), Inputs.uuid("id", id)).map(s -> {
            if (s == null) {
                throw new ProblemMappers.NotFound("snapshot " + id);
            }
            return Response.noContent().build();
        });
    }
}
