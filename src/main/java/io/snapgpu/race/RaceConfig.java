package io.snapgpu.race;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Launch races (env SNAPGPU_RACES_...). */
@ConfigMapping(prefix = "snapgpu.races")
public interface RaceConfig {
    /**
     * Multiplies every duration of a race (wave interval, timeouts, the boot-time prior), so tests and
     * benchmarks replay marketplace timings faster. Follows SNAPGPU_LOCAL_TIME_SCALE unless set; keep
     * it 1 with real providers.
     */
    @WithDefault("1.0")
    double timeScale();

    /** A replica drives a race while it holds its lease; another replica recovers races whose lease ran out. */
    @WithDefault("30S")
    Duration lease();

    /**
     * How often a machine is polled while it is due by its host's statistics (from 0.75 x its observed
     * median boot to 1.2 x its p90), instead of snapgpu.instances.poll-interval; scaled by time-scale.
     */
    @WithDefault("0.5S")
    Duration closeWatchInterval();

    /** After a race is decided, how long to wait for create calls still in flight before ending it anyway. */
    @WithDefault("10M")
    Duration lateCreateWait();
}
