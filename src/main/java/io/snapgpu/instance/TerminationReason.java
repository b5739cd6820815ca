package io.snapgpu.instance;

/** Why SnapGPU ended a machine: every destroy records one. */
public enum TerminationReason {
    LOST_RACE, RACE_TIMEOUT, RACE_CANCELLED, CREATE_FAILED, USER, ORPHAN, GONE_AT_PROVIDER, BOOT_FAILED
}
