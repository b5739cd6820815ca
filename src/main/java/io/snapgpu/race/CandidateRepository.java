package io.snapgpu.race;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Callers run these inside {@code Db.read}/{@code Db.tx}. */
@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

    public Uni<List<Candidate>> byRace(UUID raceId) {
        return list("raceId = ?1 order by wave, launchedAt", raceId);
    }

    public Uni<List<Candidate>> byRaces(List<UUID> raceIds) {
        return raceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("raceId in ?1 order by wave, launchedAt", raceIds);
    }
}
