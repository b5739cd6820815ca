package io.snapgpu.api.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.HostStatsView;
import io.snapgpu.api.LaunchRacePreviewView;
import io.snapgpu.api.LaunchRaceView;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.race.LaunchRaceService;
import io.snapgpu.race.RaceDetails;
import io.snapgpu.race.RaceRequest;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Launch races over REST: POST starts one, GET shows it, DELETE cancels it. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LaunchRaceResource {
    private final LaunchRaceService races;
    private final HostStatsService hostStats;
    private final SecurityIdentity identity;

    public LaunchRaceResource(LaunchRaceService races, HostStatsService hostStats, SecurityIdentity identity) {
        this.races = races;
        this.hostStats = hostStats;
        this.identity = identity;
    }

    @POST
    @Path("/races")
    public Uni<Response> start(RaceRequest body) {
        return races.start(Caller.of(identity), body)
                .map(d -> Response.status(201).entity(LaunchRaceView.of(d)).build());
    }

    @POST
    @Path("/races/preview")
    @Authenticated
    public Uni<LaunchRacePreviewView> preview(RaceRequest body) {
        return races.preview(body).map(LaunchRacePreviewView::of);
    }

    @GET
    @Path("/races")
    public Uni<List<LaunchRaceView>> list(@QueryParam("include_finished") String includeFinished,
            @QueryParam("limit") String limit) {
        boolean all = includeFinished == null || !includeFinished.equalsIgnoreCase("false");
        return races.list(Caller.of(identity), all, integer("limit", limit, 50))
                .map(l -> l.stream().map(LaunchRaceView::of).toList());
    }

    @GET
    @Path("/races/{id}")
    public Uni<LaunchRaceView> get(@PathParam("id") String id) {
        return races.find(Caller.of(identity), Inputs.uuid("id", id)).map(d -> found(d, id));
    }

    @DELETE
    @Path("/races/{id}")
    public Uni<LaunchRaceView> cancel(@PathParam("id") String id) {
        return races.cancel(Caller.of(identity), Inputs.uuid("id", id)).map(d -> found(d, id));
    }

    @Authenticated
    @GET
    @Path("/host-stats")
    public Uni<List<HostStatsView>> hostStats(@QueryParam("provider") String provider, @QueryParam("limit") String limit) {
        return hostStats.list(provider, integer("limit", limit, 200)).map(l -> l.stream().map(HostStatsView::of).toList());
    }

    private static LaunchRaceView found(RaceDetails d, String id) {
        if (d == null) {
            throw new ProblemMappers.NotFound("launch race " + id);
        }
        return LaunchRaceView.of(d);
    }

    private static int integer(String field, String value, int dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InputException(field, "must be an integer");
        }
    }
}
