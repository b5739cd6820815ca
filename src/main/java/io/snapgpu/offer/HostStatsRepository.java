package io.snapgpu.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Boot observations per provider host (written by launch races, read for ranking). */
@ApplicationScoped
public class HostStatsRepository {
    /** Boot times kept per host: the recent ones, so a host that changed is judged by what it does now. */
    static final int KEPT_BOOTS = 50;

    private static final String SELECT = """
            select provider, host_id, boots, failures, censored, last_seen_at,
              (select percentile_cont(0.5) within group (order by x) from unnest(boot_seconds) x) as p50,
              (select percentile_cont(0.9) within group (order by x) from unnest(boot_seconds) x) as p90
              from host_stats
            """;

    /**
     * The list also counts the races each host's machines lost (booted or not): "censored" counts only
     * those destroyed before they were ready, and showed "lost races 0" for a host whose ready machine lost.
     */
    private static final String LIST_SELECT = """
            select provider, host_id, boots, failures, censored, last_seen_at,
              (select percentile_cont(0.5) within group (order by x) from unnest(boot_seconds) x) as p50,
              (select percentile_cont(0.9) within group (order by x) from unnest(boot_seconds) x) as p90,
              (select count(*) from race_candidate c where c.provider = host_stats.provider
                and c.host_id = host_stats.host_id and c.termination_reason = 'LOST_RACE')::int as lost_races
              from host_stats
            """;

    private final Pool pool;

    public HostStatsRepository(Pool pool) {
        this.pool = pool;
    }

    public record HostStats(String provider, String hostId, int boots, int failures, int censored, Double p50,
            Double p90, OffsetDateTime lastSeenAt, int lostRaces) {
        /** Stats as ranking reads them (lost races are not counted there). */
        public HostStats(String provider, String hostId, int boots, int failures, int censored, Double p50,
                Double p90, OffsetDateTime lastSeenAt) {
            this(provider, hostId, boots, failures, censored, p50, p90, lastSeenAt, 0);
        }

        public double failureRate() {
            int attempts = boots + failures;
            return attempts == 0 ? 0 : (double) failures / attempts;
        }
    }

    /** Stats of every host of that provider SnapGPU has seen. */
    public Uni<Map<String, HostStats>> forProvider(String provider) {
        return pool.preparedQuery(SELECT + " where provider = $1").execute(Tuple.of(provider)).map(rows -> {
            Map<String, HostStats> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getString("host_id"), stats(r)));
            return out;
        });
    }

    /** Every host seen (of one provider when {@code provider} is not null), most observed first. */
    public Uni<List<HostStats>> list(String provider, int limit) {
        String sql = LIST_SELECT + (provider == null ? "" : " where provider = $2")
                + " order by boots + failures + censored desc, provider, host_id limit $1";
        Tuple args = provider == null ? Tuple.of(limit) : Tuple.of(limit, provider);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<HostStats> out = new ArrayList<>();
            rows.forEach(r -> out.add(stats(r)));
            return out;
        });
    }

    /** A machine on this host became ready {@code seconds} after its create call. */
    public Uni<Void> recordBoot(String provider, String hostId, double seconds) {
        return pool.preparedQuery("""
                insert into host_stats (provider, host_id, boots, boot_seconds, last_seen_at)
                  values ($1, $2, 1, array[$3::float8], now())
                on conflict (provider, host_id) do update set boots = host_stats.boots + 1,
                  boot_seconds = (host_stats.boot_seconds || $3::float8)
                      [greatest(1, cardinality(host_stats.boot_seconds) + 2 - $4):],
                  last_seen_at = now()
                """).execute(Tuple.of(provider, hostId, seconds, KEPT_BOOTS)).replaceWithVoid();
    }

    /** A machine on this host failed: its create failed, it failed at the provider, or it never booted in time. */
    public Uni<Void> recordFailure(String provider, String hostId) {
        return count(provider, hostId, "failures");
    }

    /** A machine on this host was destroyed before it was ready (it lost a race, or the race ended): boot > its age. */
    public Uni<Void> recordCensored(String provider, String hostId) {
        return count(provider, hostId, "censored");
    }

    private Uni<Void> count(String provider, String hostId, String column) {
        return pool.preparedQuery("insert into host_stats (provider, host_id, " + column + ", last_seen_at)"
                + " values ($1, $2, 1, now()) on conflict (provider, host_id) do update set " + column
                + " = host_stats." + column + " + 1, last_seen_at = now()")
                .execute(Tuple.of(provider, hostId)).replaceWithVoid();
    }

    private static HostStats stats(Row r) {
        return new HostStats(r.getString("provider"), r.getString("host_id"), r.getInteger("boots"),
                r.getInteger("failures"), r.getInteger("censored"), r.getDouble("p50"), r.getDouble("p90"),
                r.getOffsetDateTime("last_seen_at"), hasColumn(r, "lost_races") ? r.getInteger("lost_races") : 0);
    }

    private static boolean hasColumn(Row r, String name) {
        return r.getColumnIndex(name) >= 0;
    }
}
