package io.snapgpu.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Several replicas on one PostgreSQL (env SNAPGPU_CLUSTER_...). */
@ConfigMapping(prefix = "snapgpu.cluster")
public interface ClusterConfig {
    /** How often a replica writes its heartbeat. */
    @WithDefault("5S")
    Duration heartbeatInterval();

    /** A replica whose heartbeat is older than this counts as gone: its work is taken over or ended. */
    @WithDefault("30S")
    Duration replicaTimeout();

    /** How often every replica looks for work whose replica is gone. */
    @WithDefault("10S")
    Duration recoveryInterval();
}
