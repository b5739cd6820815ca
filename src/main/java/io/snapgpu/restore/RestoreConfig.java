package io.snapgpu.restore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "snapgpu.restore")
public interface RestoreConfig {
    /** restic's parallel S3 connections during a restore (-o s3.connections). */
    @WithDefault("32")
    int s3Connections();

    /** Attempts of a restic run that dies mid-restore. */
    @WithDefault("3")
    int maxAttempts();

    /** How often progress is measured when restic itself reports none (restic < 0.16). */
    @WithDefault("1S")
    java.time.Duration progressInterval();
}
