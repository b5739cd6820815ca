package io.snapgpu.race;

import io.snapgpu.offer.Offer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a race would start, computed by the same ranking its waves use, and what it may cost: the
 * worst case bills every machine of every wave for as long as the race lets one run
 * ({@code candidateTimeoutSeconds}, itself at most the race timeout). The race dialog and the
 * server's refusal read this one figure, so they cannot disagree.
 */
public record RacePreview(List<Wave> waves, int matchingOffers, int machines, int billedSecondsPerMachine,
        BigDecimal worstCaseCost, String rankedBy, BigDecimal maxPricePerHour, BigDecimal maxRaceCost) {

    /** One wave: when it starts at the latest (earlier when every machine so far failed), its offers, their $/h together. */
    public record Wave(int wave, double startsAfterSeconds, List<Offer> offers, BigDecimal pricePerHour) {
    }

    static RacePreview of(List<Offer> matching, List<CandidateRanking.Ranked> ranked, RacePolicy policy) {
        List<Wave> waves = new ArrayList<>();
        Set<String> tried = new HashSet<>();
        BigDecimal perHour = BigDecimal.ZERO;
        int machines = 0;
        for (int w = 1; w <= policy.maxWaves(); w++) {
            List<CandidateRanking.Ranked> wave = CandidateRanking.wave(ranked, tried, policy.waveSize());
            if (wave.isEmpty()) {
                break; // no untried host left: a further wave would start nothing
            }
            List<Offer> offers = wave.stream().map(CandidateRanking.Ranked::offer).toList();
            offers.forEach(o -> tried.add(CandidateRanking.hostKey(o)));
            BigDecimal sum = offers.stream().map(Offer::pricePerHour).reduce(BigDecimal.ZERO, BigDecimal::add);
            waves.add(new Wave(w, (w - 1) * policy.waveIntervalSeconds(), offers, sum));
            perHour = perHour.add(sum);
            machines += offers.size();
        }
        BigDecimal worst = perHour.multiply(BigDecimal.valueOf(policy.candidateTimeoutSeconds()))
                .divide(BigDecimal.valueOf(3600), 4, RoundingMode.UP);
        return new RacePreview(List.copyOf(waves), matching.size(), machines, policy.candidateTimeoutSeconds(), worst,
                CandidateRanking.rankedBy(policy.rankByHostStats()), policy.maxPricePerHour(), policy.maxRaceCost());
    }

    /** Whether the worst case is within the caller's race cap (always, without one). */
    public boolean withinCap() {
        return maxRaceCost == null || worstCaseCost.compareTo(maxRaceCost) <= 0;
    }
}
