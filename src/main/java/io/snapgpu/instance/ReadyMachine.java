package io.snapgpu.instance;

import io.snapgpu.restic.ResticTarget;
import io.snapgpu.shell.InstanceShell;

/** A ready machine as backups and restores use it: its shell, and its own restic through that shell. */
public record ReadyMachine(InstanceShell shell, ResticTarget restic) {
    public String workspaceRoot() {
        return shell.workspaceRoot();
    }
}
