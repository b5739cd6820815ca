package io.snapgpu.offer;

import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One offer search across every enabled provider at once; a provider that fails or is slow does
 * not fail the others, it is reported beside the results.
 */
@ApplicationScoped
public class OfferService {
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(15);
    /** Hosts never seen rank as if they booted in this many seconds: between fast and slow hosts. */
    public static final double PRIOR_BOOT_SECONDS = 60;

    private final ProviderRegistry providers;
    private final HostStatsRepository hostStats;

    public OfferService(ProviderRegistry providers, HostStatsRepository hostStats) {
        this.providers = providers;
        this.hostStats = hostStats;
    }

    private record ProviderResult(String provider, List<RankedOffer> offers, String error) {
    }

    public Uni<OfferPage> search(OfferFilter filter, OfferSort sort, int offset, int limit) {
        FieldErrors checks = Inputs.check();
        checks.run(() -> Inputs.range("page.limit", limit, 1, 500));
        checks.run(() -> Inputs.range("page.offset", offset, 0, 100_000));
        OfferQuery query = checks.orThrow(checks.get(() -> query(filter)));
        List<GpuProvider> asked = providers.enabled().stream()
                .filter(p -> query.providers().isEmpty() || query.providers().contains(p.name())).toList();
        if (asked.isEmpty()) {
            return Uni.createFrom().item(new OfferPage(List.of(), 0, offset, limit, List.of()));
        }
        List<Uni<ProviderResult>> calls = asked.stream().map(p -> ranked(p, query)).toList();
        return Uni.join().all(calls).andCollectFailures().map(results -> {
            List<RankedOffer> all = new ArrayList<>();
            List<OfferPage.ProviderError> errors = new ArrayList<>();
            for (ProviderResult r : results) {
                if (r.error() != null) {
                    errors.add(new OfferPage.ProviderError(r.provider(), r.error()));
                } else {
                    all.addAll(r.offers());
                }
            }
            all.sort(comparator(sort == null ? OfferSort.PRICE : sort));
            int from = Math.min(offset, all.size());
            int to = Math.min(from + limit, all.size());
            return new OfferPage(List.copyOf(all.subList(from, to)), all.size(), offset, limit, errors);
        });
    }

    /** The query of a filter as people send it (validated, every field named on error). */
    public OfferQuery query(OfferFilter filter) {
        return (filter == null ? OfferFilter.none() : filter).toQuery(providers.names(), 1000);
    }

    /**
     * Every offer matching the query at every enabled provider it names, unranked; a provider that
     * fails or is slow contributes nothing (and is logged), as in {@link #search}.
     */
    public Uni<List<Offer>> matching(OfferQuery query) {
        List<GpuProvider> asked = providers.enabled().stream()
                .filter(p -> query.providers().isEmpty() || query.providers().contains(p.name())).toList();
        if (asked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(asked.stream().map(p -> p.searchOffers(query).map(os -> os.stream()
                .filter(query::matches).toList())
                .ifNoItem().after(PROVIDER_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> {
                    org.jboss.logging.Logger.getLogger(OfferService.class).warnf("Offers of %s unavailable: %s",
                            p.name(), e.getMessage());
                    return List.<Offer>of();
                })).toList()).andCollectFailures()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** Offers of one provider with the host statistics SnapGPU has; never fails (errors are results). */
    private Uni<ProviderResult> ranked(GpuProvider p, OfferQuery query) {
        return Uni.combine().all().unis(p.searchOffers(query), hostStats.forProvider(p.name()))
                .with((offers, stats) -> new ProviderResult(p.name(), offers.stream().filter(query::matches)
                        .map(o -> rank(o, stats)).toList(), null))
                .ifNoItem().after(PROVIDER_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> new ProviderResult(p.name(), List.of(),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    static RankedOffer rank(Offer o, Map<String, HostStatsRepository.HostStats> stats) {
        HostStatsRepository.HostStats s = stats.get(o.hostId());
        return s == null ? new RankedOffer(o, null, null, null)
                : new RankedOffer(o, s.p50(), s.boots(), s.failureRate());
    }

    static Comparator<RankedOffer> comparator(OfferSort sort) {
        Comparator<RankedOffer> price = Comparator.comparing(r -> r.offer().pricePerHour());
        return switch (sort) {
            case PRICE -> price;
            case RELIABILITY -> Comparator.<RankedOffer, Double>comparing(
                    r -> r.offer().reliability() == null ? 0 : r.offer().reliability()).reversed().thenComparing(price);
            case BOOT_TIME -> Comparator.<RankedOffer, Double>comparing(OfferService::expectedBootSeconds)
                    .thenComparing(price);
        };
    }

    /** Median boot, penalised by how often the host failed; the prior for hosts never seen. */
    public static double expectedBootSeconds(RankedOffer r) {
        double p50 = r.hostBootP50Seconds() == null ? PRIOR_BOOT_SECONDS : r.hostBootP50Seconds();
        double failures = r.hostFailureRate() == null ? 0 : r.hostFailureRate();
        return p50 / Math.max(0.05, 1 - failures);
    }
}
