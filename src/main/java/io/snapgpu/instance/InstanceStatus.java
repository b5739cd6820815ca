package io.snapgpu.instance;

import java.util.EnumSet;
import java.util.Set;

/** PROVISIONING → BOOTING → READY → RESTORING → RUNNING, and DESTROYING → DESTROYED, or FAILED. */
public enum InstanceStatus {
    PROVISIONING, BOOTING, READY, RESTORING, RUNNING, DESTROYING, DESTROYED, FAILED;

    public static final Set<InstanceStatus> ALIVE = EnumSet.of(PROVISIONING, BOOTING, READY, RESTORING, RUNNING,
            DESTROYING);

    public boolean alive() {
        return ALIVE.contains(this);
    }

    public boolean canBecome(InstanceStatus next) {
        return switch (this) {
            case PROVISIONING -> next == BOOTING || next == DESTROYING || next == FAILED || next == DESTROYED;
            case BOOTING -> next == READY || next == DESTROYING || next == FAILED || next == DESTROYED;
            case READY -> next == RESTORING || next == RUNNING || next == DESTROYING || next == DESTROYED || next == FAILED;
            case RESTORING -> next == RUNNING || next == READY || next == DESTROYING || next == DESTROYED || next == FAILED;
            case RUNNING -> next == RESTORING || next == DESTROYING || next == DESTROYED || next == FAILED;
            case DESTROYING -> next == DESTROYED || next == FAILED;
            case DESTROYED, FAILED -> false;
        };
    }
}
