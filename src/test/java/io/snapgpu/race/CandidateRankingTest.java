package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snapgpu.offer.HostStatsRepository.HostStats;
import io.snapgpu.offer.Offer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which hosts a wave launches. */
class CandidateRankingTest {
    private static final double PRIOR = 60;

    static Offer offer(String host, double reliability, String price) {
        return new Offer("local", "offer-" + host, host, host, "RTX 4090", 1, 24576, 8.0, 32768, 500.0,
                new BigDecimal(price), "EU", reliability, 1000.0, 500.0, 12.4, true);
    }

    static HostStats seen(String host, int boots, int failures, int censored, Double p50) {
        return new HostStats("local", host, boots, failures, censored, p50, p50, null);
    }

    static List<String> hosts(List<CandidateRanking.Ranked> ranked) {
        return ranked.stream().map(r -> r.offer().hostId()).toList();
    }

    @Test
    void observedFastHostsFirstThenUnseenThenLosersThenFailures() {
        List<Offer> offers = List.of(offer("slow", 0.99, "1"), offer("unseen", 0.95, "1"), offer("fast", 0.90, "1"),
                offer("lost-twice", 0.99, "1"), offer("fails", 0.999, "0.1"), offer("medium", 0.99, "1"));
        Map<String, Map<String, HostStats>> stats = Map.of("local", Map.of(
                "slow", seen("slow", 3, 0, 0, 300.0),
                "fast", seen("fast", 5, 0, 4, 9.0),
                "lost-twice", seen("lost-twice", 0, 0, 2, null),
                "fails", seen("fails", 0, 1, 0, null),
                "medium", seen("medium", 4, 1, 0, 50.0)));
        List<CandidateRanking.Ranked> ranked = CandidateRanking.rank(offers, stats, true, PRIOR);
        // fast 9; unseen 60 (prior); medium 50/0.8=62.5; lost-twice 60*(1+2*0.5)=120; slow 300; fails 60/0.05=1200
        assertEquals(List.of("fast", "unseen", "medium", "lost-twice", "slow", "fails"), hosts(ranked));
    }

    @Test
    void withoutStatisticsPriceThenReliabilityDecideAsTheOffersListSorts() {
        List<Offer> offers = List.of(offer("a", 0.95, "2"), offer("b", 0.99, "3"), offer("c", 0.99, "1"),
                offer("d", 0.999, "2"));
        Map<String, Map<String, HostStats>> stats = Map.of("local", Map.of("a", seen("a", 9, 0, 0, 1.0)));
        assertEquals(List.of("c", "d", "a", "b"), hosts(CandidateRanking.rank(offers, stats, false, PRIOR)));
        assertEquals(List.of("a", "d", "c", "b"), hosts(CandidateRanking.rank(offers, stats, true, PRIOR)));
    }

    @Test
    void aMachineIsOnScheduleUntilItsHostsObservedP90WithSlackOnlyWhenBootsWereSeen() {
        Map<String, Map<String, HostStats>> stats = Map.of("local", Map.of(
                "known", new HostStats("local", "known", 5, 0, 0, 10.0, 12.0, null),
                "once", new HostStats("local", "once", 1, 0, 0, 10.0, 10.0, null),
                "flaky", new HostStats("local", "flaky", 2, 3, 0, 10.0, 12.0, null)));
        Map<String, Double> onTime = new java.util.HashMap<>();
        Map<String, Double> due = new java.util.HashMap<>();
        CandidateRanking.rank(List.of(offer("known", 0.9, "1"), offer("once", 0.9, "1"), offer("flaky", 0.9, "1"),
                offer("unseen", 0.9, "1")), stats, true, PRIOR).forEach(r -> {
                    onTime.put(r.offer().hostId(), r.onTimeSeconds());
                    due.put(r.offer().hostId(), r.dueSeconds());
                });
        assertEquals(12.0 * CandidateRanking.LATE_AFTER_P90, onTime.get("known"), 1e-9);
        assertEquals(10.0 * CandidateRanking.DUE_FROM_P50, due.get("known"), 1e-9, "due from a share of its median");
        for (String host : List.of("once", "flaky", "unseen")) {
            assertEquals(null, onTime.get(host), host); // once: one boot says too little; flaky: mostly fails
            assertEquals(null, due.get(host), host);
        }
    }

    @Test
    void aWaveTakesUntriedHostsOneMachinePerHost() {
        Offer twinA = new Offer("local", "offer-x1", "x", "x", "RTX 4090", 1, 24576, 8.0, 32768, 500.0,
                BigDecimal.ONE, "EU", 0.99, 1000.0, 500.0, 12.4, true);
        Offer twinB = new Offer("local", "offer-x2", "x", "x2", "RTX 4090", 1, 24576, 8.0, 32768, 500.0,
                BigDecimal.ONE, "EU", 0.98, 1000.0, 500.0, 12.4, true);
        List<CandidateRanking.Ranked> ranked = CandidateRanking.rank(List.of(twinA, twinB, offer("y", 0.97, "1"),
                offer("tried", 0.999, "1"), offer("z", 0.9, "1")), Map.of(), true, PRIOR);
        List<CandidateRanking.Ranked> wave = CandidateRanking.wave(ranked, Set.of("local/tried"), 3);
        assertEquals(List.of("x", "y", "z"), hosts(wave));
        assertEquals(List.of("z"), hosts(CandidateRanking.wave(ranked, Set.of("local/tried", "local/x", "local/y"), 5)),
                "x's second offer shares x's host, so only z is left");
    }
}
