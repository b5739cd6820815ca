package io.snapgpu.instance;

/** Why SnapGPU ended a machine: every destroy records one. */
public enum TerminationReason {
    LOST_RACE, RACE_TIMEOUT, RACE_CANCELLED, CREATE_FAILED, USER, ORPHAN, GONE_AT_PROVIDER, BOOT_FAILED,
    /** lost (exited, offline, gone, or SSH dead): recorded FAILED, destroyed at the provider */
    LOST,
    /** its workspace moved to another machine at the user's request (failover on demand) */
    MOVED,
    /** a replacement a failover gave up on (the lost machine came back, or the attempt failed) */
    FAILOVER_ABANDONED
}
