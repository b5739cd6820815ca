package io.snapgpu.offer;

import io.smallrye.mutiny.Uni;
import io.snapgpu.offer.HostStatsRepository.HostStats;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What SnapGPU learned about how provider hosts boot: every observed boot (create to ready), every
 * failure and every censored boot (destroyed before ready), and the estimate ranking uses.
 */
@ApplicationScoped
public class HostStatsService {
    private static final Logger LOG = Logger.getLogger(HostStatsService.class);
    /** Each lost race without a single observed boot raises a host's estimate by this share of the prior. */
    static final double CENSORED_PENALTY = 0.5;

    private final HostStatsRepository repository;

    public HostStatsService(HostStatsRepository repository) {
        this.repository = repository;
    }

    public Uni<List<HostStats>> list(String provider, int limit) {
        Inputs.range("limit", limit, 1, 5000);
        return repository.list(provider, limit);
    }

    /** provider -> host -> stats, for the providers asked. */
    public Uni<Map<String, Map<String, HostStats>>> forProviders(Collection<String> providers) {
        if (providers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ps = List.copyOf(providers);
        return Uni.join().all(ps.stream().map(repository::forProvider).toList()).andFailFast().map(maps -> {
            Map<String, Map<String, HostStats>> out = new HashMap<>();
            for (int i = 0; i < ps.size(); i++) {
                out.put(ps.get(i), maps.get(i));
            }
            return out;
        });
    }

    // Recording never fails the caller: a statistic lost is better than a race that stops.

    public Uni<Void> recordBoot(String provider, String hostId, double seconds) {
        return quietly(repository.recordBoot(provider, hostId, seconds), hostId);
    }

    public Uni<Void> recordFailure(String provider, String hostId) {
        return quietly(repository.recordFailure(provider, hostId), hostId);
    }

    public Uni<Void> recordCensored(String provider, String hostId) {
        return quietly(repository.recordCensored(provider, hostId), hostId);
    }

    private static Uni<Void> quietly(Uni<Void> write, String hostId) {
        return write.onFailure().invoke(e -> LOG.warnf("Could not record boot statistics of host %s: %s", hostId,
                e.getMessage())).onFailure().recoverWithNull();
    }

    /**
     * Seconds a new machine on this host is expected to take to become ready, in the clock of
     * {@code priorSeconds}. Observed hosts: the median of their recent boots. Hosts with no observed
     * boot: the prior, raised for every race they lost without booting (a censored boot says "slower
     * than the winner"), so hosts never tried are explored before hosts that keep losing. Either is
     * divided by the host's success rate, so a host whose machines fail ranks far behind.
     */
    public static double expectedBootSeconds(HostStats s, double priorSeconds) {
        if (s == null) {
            return priorSeconds;
        }
        double base = s.boots() > 0 && s.p50() != null ? s.p50()
                : priorSeconds * (1 + CENSORED_PENALTY * s.censored());
        return base / Math.max(0.05, 1 - s.failureRate());
    }
}
