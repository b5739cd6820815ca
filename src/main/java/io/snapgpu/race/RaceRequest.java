package io.snapgpu.race;

import io.snapgpu.offer.OfferFilter;
import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** What a person asks a race for: offers matching the filter, what to run, and how to race. */
@Input("LaunchRaceInput")
public record RaceRequest(
        @Description("offer filters, as in offers") OfferFilter filter,
        @Description("container image (default: the instances' default image)") String image,
        @Description("disk in GB, 10 to 4000 (default 50)") Integer diskGb,
        @Id @Description("a snapshot of yours to restore on the winner afterwards") String snapshotId,
        RacePolicyInput policy) {

    /** The policy as sent; {@link RacePolicy#of} validates it. */
    @Input("RacePolicyInput")
    public record RacePolicyInput(
            @Description("machines per wave, 1 to 20 (default 5)") Integer waveSize,
            @Description("seconds between waves, 0 to 3600 (default 10); a wave starts early when every machine so far failed") Double waveIntervalSeconds,
            @Description("waves at most, 1 to 10 (default 3)") Integer maxWaves,
            @Description("seconds until the race fails, 10 to 86400 (default 900)") Integer timeoutSeconds,
            @Description("seconds one machine may take to be ready, 10 to timeoutSeconds (default: timeoutSeconds)") Integer candidateTimeoutSeconds,
            @Description("rank hosts by SnapGPU's boot statistics (default true); false ranks by price, as the offers list sorts,"
                    + " then reliability") Boolean rankByHostStats,
            @Description("most $/h one machine may cost, more than 0 and at most 1000; offers above it are never started")
            BigDecimal maxPricePerHour,
            @Description("most $ the race may cost in the worst case (every machine it would start billed until it is"
                    + " given up), more than 0 and at most 100000; a race that could cost more is refused before any"
                    + " machine starts") BigDecimal maxRaceCost) {
    }
}
