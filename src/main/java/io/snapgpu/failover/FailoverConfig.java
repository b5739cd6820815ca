package io.snapgpu.failover;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The machine watch and failover (env SNAPGPU_FAILOVER_...). */
@ConfigMapping(prefix = "snapgpu.failover")
public interface FailoverConfig {
    /** The machine watch at all (a user's "move my workspace" works either way). */
    @WithDefault("true")
    boolean watchEnabled();

    /** How often every READY/RUNNING machine is looked at (provider status and an SSH heartbeat). */
    @WithDefault("15S")
    Duration watchInterval();

    /** A machine whose SSH fails this long while its provider says it runs counts as lost. */
    @WithDefault("2M")
    Duration sshLossAfter();

    /** Limit of one SSH heartbeat. */
    @WithDefault("5S")
    Duration heartbeatTimeout();

    /** Attempts at a replacement (race + restore) before the failover fails. */
    @WithDefault("3")
    int maxAttempts();

    /** Back-off before the second attempt; doubled for each further one, up to {@link #maxBackoff()}. */
    @WithDefault("10S")
    Duration initialBackoff();

    @WithDefault("5M")
    Duration maxBackoff();

    /** Limit of the PRE_FAILOVER snapshot of a machine that still answers. */
    @WithDefault("10M")
    Duration snapshotTimeout();

    /** Limit of one attempt (race and restore), and of waiting for work an interrupted replica left. */
    @WithDefault("30M")
    Duration attemptTimeout();

    /** How often a failover looks at the restore (and a race left by another replica) it waits for. */
    @WithDefault("1S")
    Duration pollInterval();
}
