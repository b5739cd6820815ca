package io.snapgpu.race;

import java.util.List;

/** A race with its candidates, as read from the database. */
public record RaceDetails(LaunchRace race, List<Candidate> candidates) {
    public Candidate winner() {
        return race.winnerCandidateId == null ? null
                : candidates.stream().filter(c -> c.id.equals(race.winnerCandidateId)).findFirst().orElse(null);
    }
}
