package io.snapgpu.race;

/** RUNNING until decided: WON (a ready machine kept), FAILED (none ready, or timed out), CANCELLED. */
public enum RaceStatus {
    RUNNING, WON, FAILED, CANCELLED
}
