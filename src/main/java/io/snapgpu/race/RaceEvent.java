package io.snapgpu.race;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.snapgpu.instance.TerminationReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What one progress event of a race says (stored as its payload); fields that do not apply are null.
 * Types: {@link #WAVE_LAUNCHED}, {@link #CANDIDATE_STATE}, {@link #WINNER_CHOSEN}, {@link #LOSER_DESTROYED},
 * {@link #RACE_RECOVERED}, and one terminal: {@link #RACE_FINISHED}, {@link #RACE_FAILED} or
 * {@link #RACE_CANCELLED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaceEvent(RaceStatus raceStatus, Integer wave, List<String> hosts, UUID candidateId, String provider,
        String hostId, CandidateStatus candidateStatus, String providerState, Double elapsedSeconds,
        TerminationReason reason, BigDecimal cost, BigDecimal losersCost, String message) {

    public static final String WAVE_LAUNCHED = "WAVE_LAUNCHED";
    public static final String CANDIDATE_STATE = "CANDIDATE_STATE";
    public static final String WINNER_CHOSEN = "WINNER_CHOSEN";
    public static final String LOSER_DESTROYED = "LOSER_DESTROYED";
    public static final String RACE_RECOVERED = "RACE_RECOVERED";
    public static final String RACE_FINISHED = "RACE_FINISHED";
    public static final String RACE_FAILED = "RACE_FAILED";
    public static final String RACE_CANCELLED = "RACE_CANCELLED";

    static RaceEvent wave(int wave, List<String> hosts, String message) {
        return new RaceEvent(null, wave, hosts, null, null, null, null, null, null, null, null, null, message);
    }

    /** A contender of a race driven here, as it is now (its id, wave, host and time since its launch). */
    static RaceEvent of(Contender c, CandidateStatus status, String providerState, TerminationReason reason,
            BigDecimal cost, String message) {
        return candidate(c.id, c.wave, c.offer.provider(), c.offer.hostId(), status, providerState, c.elapsedSeconds(),
                reason, cost, message);
    }

    static RaceEvent candidate(UUID id, int wave, String provider, String hostId, CandidateStatus status,
            String providerState, double elapsedSeconds, TerminationReason reason, BigDecimal cost, String message) {
        return new RaceEvent(null, wave, null, id, provider, hostId, status, providerState, elapsedSeconds, reason, cost,
                null, message);
    }

    static RaceEvent end(RaceStatus status, BigDecimal losersCost, String message) {
        return new RaceEvent(status, null, null, null, null, null, null, null, null, null, null, losersCost, message);
    }

    static String terminalType(RaceStatus status) {
        return switch (status) {
            case WON -> RACE_FINISHED;
            case CANCELLED -> RACE_CANCELLED;
            default -> RACE_FAILED;
        };
    }
}
