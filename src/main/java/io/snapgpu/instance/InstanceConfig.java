package io.snapgpu.instance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "snapgpu.instances")
public interface InstanceConfig {
    /** How often a booting machine's status is polled. */
    @WithDefault("2S")
    Duration pollInterval();

    /** A machine not ready after this long is destroyed (BOOT_FAILED). */
    @WithDefault("20M")
    Duration bootTimeout();

    /** false: no orphan reaping (only for tests that count provider calls). */
    @WithDefault("true")
    boolean reaperEnabled();

    /** Period of the orphan reaper. */
    @WithDefault("5M")
    Duration reaperInterval();

    /** Probe timeout (a shell command that must answer). */
    @WithDefault("5S")
    Duration probeTimeout();

    /** Image and disk when a request names none. */
    @WithDefault("pytorch/pytorch:latest")
    String defaultImage();

    @WithDefault("50")
    int defaultDiskGb();
}
