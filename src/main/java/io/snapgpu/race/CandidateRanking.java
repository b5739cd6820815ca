package io.snapgpu.race;

import io.snapgpu.offer.HostStatsRepository.HostStats;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.offer.Offer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which offers a wave launches: with host statistics, fastest expected boot first (the prior for
 * hosts never seen), then the provider's reliability, then price; without them, cheapest first as
 * the offers list sorts by default (a race must not start a $9/h machine while a $1/h one tops the
 * list), then reliability. One machine per host, and no host a race has already tried.
 */
final class CandidateRanking {
    private CandidateRanking() {
    }

    /**
     * @param dueSeconds from when a machine on this host may be ready (a share of its observed median
     *     boot); null when too few boots were observed to say
     * @param onTimeSeconds by when a machine on this host is late (its observed p90 boot, with slack);
     *     null when too few boots were observed to say
     */
    record Ranked(Offer offer, double expectedBootSeconds, Double dueSeconds, Double onTimeSeconds) {
    }

    /** A machine counts as late after this multiple of its host's p90 boot. */
    static final double LATE_AFTER_P90 = 1.2;
    /** A machine may be ready from this multiple of its host's median boot (boots vary around it). */
    static final double DUE_FROM_P50 = 0.75;
    /** Observed boots needed before a host's p90 is trusted to say a machine is late. */
    static final int BOOTS_FOR_SCHEDULE = 2;

    static final Comparator<Ranked> ORDER = Comparator.comparingDouble(Ranked::expectedBootSeconds)
            .thenComparing(r -> r.offer().reliability() == null ? 0 : r.offer().reliability(), Comparator.reverseOrder())
            .thenComparing(r -> r.offer().pricePerHour())
            .thenComparing(r -> r.offer().provider())
            .thenComparing(r -> r.offer().offerId());

    static final Comparator<Ranked> BY_PRICE = Comparator.<Ranked, java.math.BigDecimal>comparing(r -> r.offer().pricePerHour())
            .thenComparing(r -> r.offer().reliability() == null ? 0 : r.offer().reliability(), Comparator.reverseOrder())
            .thenComparing(r -> r.offer().provider())
            .thenComparing(r -> r.offer().offerId());

    /** How {@link #rank} orders offers, in words the race dialog shows. */
    static String rankedBy(boolean useStats) {
        return useStats ? "host statistics: fastest expected boot first, then reliability, then price"
                : "price, as the offers list sorts: cheapest first, then reliability";
    }

    /**
     * @param stats provider → host → statistics; ignored when {@code useStats} is false (every host
     *     then counts as never seen)
     */
    static List<Ranked> rank(List<Offer> offers, Map<String, Map<String, HostStats>> stats, boolean useStats,
            double priorSeconds) {
        List<Ranked> out = new ArrayList<>(offers.size());
        for (Offer o : offers) {
            HostStats s = useStats ? stats.getOrDefault(o.provider(), Map.of()).get(o.hostId()) : null;
            boolean known = s != null && s.boots() >= BOOTS_FOR_SCHEDULE && s.p50() != null && s.p90() != null
                    && s.failureRate() < 0.5;
            out.add(new Ranked(o, HostStatsService.expectedBootSeconds(s, priorSeconds),
                    known ? s.p50() * DUE_FROM_P50 : null, known ? s.p90() * LATE_AFTER_P90 : null));
        }
        out.sort(useStats ? ORDER : BY_PRICE);
        return out;
    }

    /** The best {@code n} of {@code ranked} on hosts not in {@code tried}, at most one per host. */
    static List<Ranked> wave(List<Ranked> ranked, Set<String> tried, int n) {
        List<Ranked> out = new ArrayList<>(n);
        Set<String> hosts = new HashSet<>(tried);
        for (Ranked r : ranked) {
            if (out.size() == n) {
                break;
            }
            if (hosts.add(hostKey(r.offer()))) {
                out.add(r);
            }
        }
        return out;
    }

    static String hostKey(Offer o) {
        return o.provider() + "/" + o.hostId();
    }
}
