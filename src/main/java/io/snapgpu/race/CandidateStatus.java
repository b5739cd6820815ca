package io.snapgpu.race;

/**
 * LAUNCHING (create call in flight) → BOOTING (the provider has it) → READY (the winner), or
 * DESTROYING → DESTROYED (a loser, or the race ended), or FAILED (its create or its machine failed).
 */
public enum CandidateStatus {
    LAUNCHING, BOOTING, READY, DESTROYING, DESTROYED, FAILED;

    public boolean ended() {
        return this == DESTROYED || this == FAILED;
    }
}
