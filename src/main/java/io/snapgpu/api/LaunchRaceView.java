package io.snapgpu.api;

import io.snapgpu.instance.TerminationReason;
import io.snapgpu.race.CandidateStatus;
import io.snapgpu.race.LaunchRace;
import io.snapgpu.race.RaceDetails;
import io.snapgpu.race.RaceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A launch race as the APIs show it. Times are the control plane's clock. */
@Type("LaunchRace")
public record LaunchRaceView(@Id String id, RaceStatus status, int waveSize, double waveIntervalSeconds, int maxWaves,
        double timeoutSeconds, String snapshotId, int wavesLaunched, String winnerCandidateId, String winnerInstanceId,
        String winnerHostId,
        @Description("race created → winner observed ready") Double timeToReadySeconds,
        @Description("$/h × time alive of every machine but the winner") BigDecimal losersCost,
        String error, OffsetDateTime createdAt, OffsetDateTime winnerObservedAt, OffsetDateTime finishedAt,
        @Description("winner observed ready → the last loser's destroy call issued") Double reactionMs,
        boolean cancelRequested, List<Candidate> candidates) {

    @Type("RaceCandidate")
    public record Candidate(@Id String id, int wave, String provider, String offerId, String hostId, String instanceId,
            CandidateStatus status, String providerState, TerminationReason terminationReason,
            BigDecimal pricePerHour, OffsetDateTime launchedAt, OffsetDateTime readyAt,
            OffsetDateTime destroyCalledAt, OffsetDateTime destroyedAt,
            @Description("create call → observed ready") Double bootSeconds,
            @Description("create call → destroyed; 0 when no machine was created; null while alive") Double aliveSeconds,
            BigDecimal cost, String error) {

        static Candidate of(io.snapgpu.race.Candidate c) {
            Double alive = null;
            if (c.destroyedAt != null && c.launchedAt != null) {
                alive = seconds(c.launchedAt, c.destroyedAt);
            } else if (c.status == CandidateStatus.FAILED && c.terminationReason == TerminationReason.CREATE_FAILED) {
                alive = 0.0;
            }
            return new Candidate(c.id.toString(), c.wave, c.provider, c.offerId, c.hostId,
                    c.instanceId == null ? null : c.instanceId.toString(), c.status, c.providerState,
                    c.terminationReason, c.pricePerHour, c.launchedAt, c.readyAt, c.destroyCalledAt, c.destroyedAt,
                    c.bootSeconds, alive, c.cost, c.error);
        }
    }

    public static LaunchRaceView of(RaceDetails d) {
        if (d == null) {
            return null;
        }
        LaunchRace r = d.race();
        io.snapgpu.race.Candidate w = d.winner();
        OffsetDateTime readyAt = w == null ? null : w.readyAt != null ? w.readyAt : r.winnerObservedAt;
        return new LaunchRaceView(r.id.toString(), r.status, r.waveSize, r.waveIntervalMs / 1000.0, r.maxWaves,
                r.timeoutMs / 1000.0, r.snapshotId == null ? null : r.snapshotId.toString(), r.wavesLaunched,
                w == null ? null : w.id.toString(), w == null || w.instanceId == null ? null : w.instanceId.toString(),
                w == null ? null : w.hostId, readyAt == null ? null : seconds(r.createdAt, readyAt), r.losersCost,
                r.error, r.createdAt, r.winnerObservedAt, r.finishedAt, r.reactionMs, r.cancelRequestedAt != null,
                d.candidates().stream().map(Candidate::of).toList());
    }

    static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
