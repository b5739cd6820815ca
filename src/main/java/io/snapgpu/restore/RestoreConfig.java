package io.snapgpu.restore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "snapgpu.restore")
public interface RestoreConfig {
    /** restic's parallel S3 connections during a restore (-o s3.connections). */
    @WithDefault("32")
    int s3Connections();

    /**
     * restic processes restoring the bulk (everything after the critical set) at once, each on its own
     * part of the tree. Measured on 2 cores, 1 is fastest: restic there is CPU-bound, not bound by its
     * 8 download workers per process; more pays where the link per connection, not the CPU, is the limit.
     */
    @WithDefault("1")
    int parallelProcesses();

    /** How deep the tree is cut into parts for several processes (deeper entries stay with their ancestor). */
    @WithDefault("4")
    int partitionDepth();

    /** At most this many paths in the parts: each becomes an exclude pattern of the other processes. */
    @WithDefault("256")
    int partitionMaxEntries();

    /** Attempts of a restic run that dies mid-restore. */
    @WithDefault("3")
    int maxAttempts();

    /** How often progress is measured when restic itself reports none (restic < 0.16). */
    @WithDefault("1S")
    java.time.Duration progressInterval();
}
