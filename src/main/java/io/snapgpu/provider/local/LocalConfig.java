package io.snapgpu.provider.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedded marketplace (env SNAPGPU_LOCAL_...). */
@ConfigMapping(prefix = "snapgpu.local")
public interface LocalConfig {
    @WithDefault("true")
    boolean enabled();

    /** marketplace (realistic boot spread) or fast (every host boots in 2–6 s). */
    @WithDefault("marketplace")
    String preset();

    /** Same seed, same hosts: host identities persist across restarts. */
    @WithDefault("42")
    long seed();

    @WithDefault("40")
    int hosts();

    /** SNAPGPU_LOCAL_TIME_SCALE: 0.05 makes a 20 s boot take 1 s (create latency scales too). */
    @WithDefault("1.0")
    double timeScale();

    /** Create calls take this long (before scaling), sampled uniformly: a marketplace API is not instant. */
    @WithDefault("300")
    int createLatencyMinMs();

    @WithDefault("1500")
    int createLatencyMaxMs();
}
