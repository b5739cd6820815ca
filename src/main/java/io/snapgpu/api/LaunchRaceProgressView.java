package io.snapgpu.api;

import io.snapgpu.instance.TerminationReason;
import io.snapgpu.race.CandidateStatus;
import io.snapgpu.race.RaceEvent;
import io.snapgpu.race.RaceProgress;
import io.snapgpu.race.RaceStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One item of a race's progress: STATE (with {@code race}) first, then its events in order (seq 1, 2, ...). */
@Type("LaunchRaceProgress")
public record LaunchRaceProgressView(
        @Description("STATE, WAVE_LAUNCHED, CANDIDATE_STATE, WINNER_CHOSEN, LOSER_DESTROYED, RACE_RECOVERED,"
                + " RACE_FINISHED, RACE_FAILED, RACE_CANCELLED") String type,
        int seq, OffsetDateTime at, boolean terminal,
        @Description("the whole race, in the STATE item only") LaunchRaceView race,
        RaceStatus raceStatus, Integer wave, List<String> hosts, String candidateId, String provider, String hostId,
        CandidateStatus candidateStatus, String providerState,
        @Description("seconds since the candidate's create call") Double elapsedSeconds,
        TerminationReason terminationReason, BigDecimal cost, BigDecimal losersCost, String message) {

    public static LaunchRaceProgressView of(RaceProgress p) {
        RaceEvent e = p.event();
        if (e == null) {
            LaunchRaceView race = LaunchRaceView.of(p.state());
            return new LaunchRaceProgressView(p.type(), p.seq(), p.at(), p.terminal(), race, race.status(), null, null,
                    null, null, null, null, null, null, null, null, race.losersCost(), null);
        }
        return new LaunchRaceProgressView(p.type(), p.seq(), p.at(), p.terminal(), null, e.raceStatus(), e.wave(),
                e.hosts(), e.candidateId() == null ? null : e.candidateId().toString(), e.provider(), e.hostId(),
                e.candidateStatus(), e.providerState(), e.elapsedSeconds(), e.reason(), e.cost(), e.losersCost(),
                e.message());
    }
}
