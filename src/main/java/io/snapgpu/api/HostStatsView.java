package io.snapgpu.api;

import io.snapgpu.offer.HostStatsRepository.HostStats;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** What SnapGPU observed of a provider host's boots (seconds of the control plane's clock). */
@Type("HostStats")
public record HostStatsView(String provider, String hostId,
        @Description("boots observed, create call → ready") int boots,
        @Description("creates that failed, machines that failed or never booted in time") int failures,
        @Description("machines destroyed before they were ready (lost a race): the boot took longer than their age") int censored,
        Double bootP50Seconds, Double bootP90Seconds, double failureRate, OffsetDateTime lastSeenAt,
        @Description("machines on this host that lost a launch race (destroyed as losers, booted or not)") int lostRaces) {

    public static HostStatsView of(HostStats s) {
        return new HostStatsView(s.provider(), s.hostId(), s.boots(), s.failures(), s.censored(), s.p50(), s.p90(),
                s.failureRate(), s.lastSeenAt(), s.lostRaces());
    }
}
