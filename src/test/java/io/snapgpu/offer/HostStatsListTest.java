package io.snapgpu.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.snapgpu.offer.HostStatsRepository.HostStats;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Hosts screen's "lost races" is what the races recorded: a host whose machine booted, was ready and
 * still lost counts as a loss (the censored count only has machines destroyed before they were ready).
 */
@QuarkusTest
class HostStatsListTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    HostStatsRepository hostStats;

    @Test
    void aHostWhoseReadyMachineLostCountsTheLoss() {
        String provider = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = UUID.randomUUID();
        UUID race = UUID.randomUUID();
        pool.preparedQuery("insert into tenant (id, name) values ($1, $2)").execute(Tuple.of(tenant, "t-" + tenant))
                .await().atMost(T);
        pool.preparedQuery("insert into launch_race (id, tenant_id, status, request, wave_size, wave_interval_ms,"
                + " max_waves, timeout_ms) values ($1, $2, 'WON', '{}'::jsonb, 2, 1000, 1, 60000)")
                .execute(Tuple.of(race, tenant)).await().atMost(T);
        String candidates = "insert into race_candidate (id, race_id, wave, provider, offer_id, host_id, status,"
                + " termination_reason) values ($1, $2, 1, $3, $4, $4, $5, $6)";
        pool.preparedQuery(candidates).execute(Tuple.of(UUID.randomUUID(), race, provider, "winner", "READY", null))
                .await().atMost(T);
        pool.preparedQuery(candidates).execute(Tuple.of(UUID.randomUUID(), race, provider, "ready-loser", "DESTROYED",
                "LOST_RACE")).await().atMost(T);
        // both booted: what the race engine books for a loser that was ready when it was destroyed
        hostStats.recordBoot(provider, "winner", 12.0).await().atMost(T);
        hostStats.recordBoot(provider, "ready-loser", 14.0).await().atMost(T);

        var listed = hostStats.list(provider, 10).await().atMost(T);
        HostStats loser = listed.stream().filter(s -> s.hostId().equals("ready-loser")).findFirst().orElseThrow();
        HostStats winner = listed.stream().filter(s -> s.hostId().equals("winner")).findFirst().orElseThrow();
        assertEquals(0, loser.censored(), "it was ready: not censored");
        assertEquals(1, loser.lostRaces(), loser.toString());
        assertEquals(0, winner.lostRaces(), winner.toString());
    }
}
