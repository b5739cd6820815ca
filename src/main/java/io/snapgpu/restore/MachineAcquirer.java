package io.snapgpu.restore;

import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.race.LaunchRaceService;
import io.snapgpu.race.RaceDetails;
import io.snapgpu.race.RaceRequest;
import io.snapgpu.race.RaceStatus;
import io.snapgpu.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gets a new ready machine for a restore through a launch race (the given offer filters and race
 * policy, with the caller's money caps): the restore starts the moment the race has its winner.
 */
@ApplicationScoped
public class MachineAcquirer {
    private final LaunchRaceService races;
    private final InstanceService instances;

    public MachineAcquirer(LaunchRaceService races, InstanceService instances) {
        this.races = races;
        this.instances = instances;
    }

    /**
     * Refuses, naming the field, a race for a new machine that is invalid or could cost more than its
     * cap: called before the restore is recorded, so a refused restore leaves nothing behind.
     */
    public Uni<Void> check(OfferFilter filter, RaceRequest.RacePolicyInput policy) {
        return races.check(new RaceRequest(filter, null, null, null, policy)).replaceWithVoid();
    }

    /** The race's winner; {@code raceStarted} learns the race id first (the job records it). */
    public Uni<Instance> acquire(Caller caller, OfferFilter filter, RaceRequest.RacePolicyInput policy,
            Consumer<UUID> raceStarted) {
        return races.start(caller, new RaceRequest(filter, null, null, null, policy))
                .invoke(d -> raceStarted.accept(d.race().id))
                .chain(d -> races.ended(caller, d.race().id))
                .chain(d -> winner(caller, d));
    }

    private Uni<Instance> winner(Caller caller, RaceDetails d) {
        if (d.race().status != RaceStatus.WON || d.winner() == null) {
            return Uni.createFrom().failure(new IllegalStateException("the launch race " + d.race().id + " ended "
                    + d.race().status + (d.race().error == null ? "" : ": " + d.race().error)));
        }
        return instances.find(caller, d.winner().instanceId);
    }
}
