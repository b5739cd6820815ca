package io.snapgpu.api.graphql;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.HostStatsView;
import io.snapgpu.api.LaunchRacePreviewView;
import io.snapgpu.api.LaunchRaceProgressView;
import io.snapgpu.api.LaunchRaceView;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.race.LaunchRaceService;
import io.snapgpu.race.RaceRequest;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.Inputs;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class LaunchRaceGraphQLApi {
    private final LaunchRaceService races;
    private final HostStatsService hostStats;
    private final SecurityIdentity identity;

    public LaunchRaceGraphQLApi(LaunchRaceService races, HostStatsService hostStats, SecurityIdentity identity) {
        this.races = races;
        this.hostStats = hostStats;
        this.identity = identity;
    }

    @Mutation("startLaunchRace")
    @Description("Races machines of the matching offers in waves; the first ready one is kept, every other destroyed."
            + " Follow it with launchRaceProgress(id).")
    public Uni<LaunchRaceView> startLaunchRace(@NonNull RaceRequest input) {
        return races.start(Caller.of(identity), input).map(LaunchRaceView::of);
    }

    @Query("launchRacePreview")
    @Description("The offers each wave of this race would start, their $/h and the race's worst-case cost, checked"
            + " as startLaunchRace checks it; starts nothing")
    @Authenticated
    public Uni<LaunchRacePreviewView> launchRacePreview(@NonNull RaceRequest input) {
        return races.preview(input).map(LaunchRacePreviewView::of);
    }

    @Query("launchRace")
    @Description("null when your tenant has no such race")
    public Uni<LaunchRaceView> launchRace(@NonNull @Id String id) {
        return races.find(Caller.of(identity), Inputs.uuid("id", id)).map(LaunchRaceView::of);
    }

    @Query("launchRaces")
    @Description("Your tenant's races, newest first")
    public Uni<List<LaunchRaceView>> launchRaces(@DefaultValue("true") boolean includeFinished,
            @DefaultValue("50") int limit) {
        return races.list(Caller.of(identity), includeFinished, limit)
                .map(l -> l.stream().map(LaunchRaceView::of).toList());
    }

    @Mutation("cancelLaunchRace")
    @Description("Destroys every machine of a running race (RACE_CANCELLED); null when your tenant has no such race")
    public Uni<LaunchRaceView> cancelLaunchRace(@NonNull @Id String id) {
        return races.cancel(Caller.of(identity), Inputs.uuid("id", id)).map(LaunchRaceView::of);
    }

    @Authenticated
    @Query("hostStats")
    @Description("Boot statistics SnapGPU learned per provider host (used to rank offers in races)")
    public Uni<List<HostStatsView>> hostStats(String provider, @DefaultValue("200") int limit) {
        return hostStats.list(provider, limit).map(l -> l.stream().map(HostStatsView::of).toList());
    }

    @io.smallrye.graphql.api.Subscription("launchRaceProgress")
    @Description("The race's current state (type STATE) first, then every event; completes when the race has ended")
    public Multi<LaunchRaceProgressView> launchRaceProgress(@NonNull @Id String id) {
        return races.progress(Caller.of(identity), Inputs.uuid("id", id)).map(LaunchRaceProgressView::of);
    }
}
