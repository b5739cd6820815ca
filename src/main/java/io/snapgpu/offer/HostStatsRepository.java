package io.snapgpu.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** Boot observations per provider host (written by launch races, read for ranking). */
@ApplicationScoped
public class HostStatsRepository {
    private final Pool pool;

    public HostStatsRepository(Pool pool) {
        this.pool = pool;
    }

    public record HostStats(String provider, String hostId, int boots, int failures, int censored, Double p50,
            Double p90) {
        public double failureRate() {
            int attempts = boots + failures;
            return attempts == 0 ? 0 : (double) failures / attempts;
        }
    }

    /** Stats of every host of that provider SnapGPU has seen. */
    public Uni<Map<String, HostStats>> forProvider(String provider) {
        String sql = """
                select provider, host_id, boots, failures, censored,
                  (select percentile_cont(0.5) within group (order by x) from unnest(boot_seconds) x) as p50,
                  (select percentile_cont(0.9) within group (order by x) from unnest(boot_seconds) x) as p90
                  from host_stats where provider = $1
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(provider)).map(rows -> {
            Map<String, HostStats> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getString("host_id"), new HostStats(r.getString("provider"),
                    r.getString("host_id"), r.getInteger("boots"), r.getInteger("failures"), r.getInteger("censored"),
                    r.getDouble("p50"), r.getDouble("p90"))));
            return out;
        });
    }
}
