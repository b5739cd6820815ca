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
 * Gets a new ready machine for a restore through a launch race (default policy, the given offer
 * filters): the restore starts the moment the race has its winner.
 */
@ApplicationScoped
public class MachineAcquirer {
    private final LaunchRaceService races;
    private final InstanceService instances;

    public MachineAcquirer(LaunchRaceService races, InstanceService instances) {
        this.races = races;
        this.instances = instances;
    }

    /** The race's winner; {@code raceStarted} learns the race id first (the job records it). */
    public Uni<Instance> acquire(Caller caller, OfferFilter filter, Consumer<UUID> raceStarted) {
        return races.start(caller, new RaceRequest(filter, null, null, null, null))
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
