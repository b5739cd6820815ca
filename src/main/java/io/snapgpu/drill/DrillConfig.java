package io.snapgpu.drill;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Restore drills (env SNAPGPU_DRILLS_...). */
@ConfigMapping(prefix = "snapgpu.drills")
public interface DrillConfig {
    /** Scheduled drills at all (on-demand drills always work). */
    @WithDefault("true")
    boolean enabled();

    /** How often each tenant's repository is drilled. */
    @WithDefault("7D")
    Duration interval();

    /** How often the scheduler looks for tenants whose drill is due. */
    @WithDefault("1H")
    Duration dueCheckInterval();

    /** {@code restic check --read-data-subset}: a percentage ("10%") or "n/t". */
    @WithDefault("10%")
    String readDataSubset();

    /** Files per snapshot whose content is hashed twice (restored copy, and restic dump). */
    @WithDefault("8")
    int sampleFiles();

    /** Where trial restores go (a fresh directory below it each time, removed afterwards); default: the system's temp. */
    Optional<String> scratchDir();
}
