package io.snapgpu.instance.bootstrap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What every machine gets before it counts as ready (env SNAPGPU_MACHINES_...). */
@ConfigMapping(prefix = "snapgpu.machines")
public interface BootstrapConfig {
    /**
     * The restic binary machines run (Linux x86-64): a file on the control plane, uploaded once to the
     * bucket under its SHA-256 and fetched by each machine. Default: the control plane's own restic
     * ({@code SNAPGPU_RESTIC_BINARY}, looked up on PATH).
     */
    Optional<String> resticBinary();

    /** The SHA-256 that binary must have (hex); SnapGPU refuses to hand out any other. Default: none pinned. */
    Optional<String> resticSha256();

    /** How long a machine's download link for restic stays valid. */
    @WithDefault("10M")
    Duration downloadLinkTtl();

    /** How many times a machine's bootstrap may fail for a passing reason (SSH dropped) before it fails the machine. */
    @WithDefault("3")
    int attempts();
}
