package io.snapgpu.restic;

import io.snapgpu.shell.CommandRunner;

/**
 * Where a restic runs and which one: the control plane's (repository upkeep: init, forget, prune,
 * listings) or a machine's own, installed by the bootstrap (backups and restores). Its version
 * decides flags and whether progress comes as JSON.
 */
public record ResticTarget(CommandRunner runner, String binary, ResticVersion version) {
    public ResticTarget {
        if (runner == null || binary == null || binary.isBlank()) {
            throw new IllegalArgumentException("a restic target needs a runner and a binary");
        }
    }

    /** True when this restic's restore reports its progress as JSON (0.16+). */
    public boolean reportsRestoreProgress() {
        return version != null && version.hasRestoreJsonProgress();
    }

    /** True when this restic can restore onto existing data, moving only what differs (0.17+). */
    public boolean restoresIncrementally() {
        return version != null && version.hasIncrementalRestore();
    }
}
