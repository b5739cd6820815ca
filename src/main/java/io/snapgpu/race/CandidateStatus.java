package io.snapgpu.race;

/**
 * LAUNCHING (create call in flight) → BOOTING (the provider has it) → READY (the winner), or
 * DESTROYING → DESTROYED (a loser, or the race ended), or FAILED (its create or its machine failed).
 */
public enum CandidateStatus {
    LAUNCHING, BOOTING, READY, DESTROYING, DESTROYED, FAILED;

    /** The moves a candidate may make; anything else is a bug in the race, refused where it happens. */
    public boolean canBecome(CandidateStatus next) {
        return switch (this) {
            case LAUNCHING -> next == BOOTING || next == DESTROYING || next == FAILED;
            case BOOTING -> next == READY || next == DESTROYING || next == FAILED;
            case DESTROYING -> next == DESTROYED || next == FAILED;
            case READY, DESTROYED, FAILED -> false;
        };
    }

    public boolean ended() {
        return this == DESTROYED || this == FAILED;
    }
}
