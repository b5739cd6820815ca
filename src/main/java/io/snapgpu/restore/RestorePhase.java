package io.snapgpu.restore;

import java.util.EnumSet;
import java.util.Set;

public enum RestorePhase {
    QUEUED, ACQUIRING_MACHINE, CRITICAL_FILES, REMAINING_FILES, VERIFYING, DONE, FAILED;

    public static final Set<RestorePhase> ACTIVE = EnumSet.of(QUEUED, ACQUIRING_MACHINE, CRITICAL_FILES,
            REMAINING_FILES, VERIFYING);
}
