package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CandidateStatusTest {

    @Test
    void endsAndTheWinnerMoveNoFurther() {
        for (CandidateStatus end : EnumSet.of(CandidateStatus.READY, CandidateStatus.DESTROYED, CandidateStatus.FAILED)) {
            for (CandidateStatus next : CandidateStatus.values()) {
                assertFalse(end.canBecome(next), end + " -> " + next);
            }
        }
    }

    @Test
    void onlyABootingMachineWinsAndAMachineBeingDestroyedOnlyEnds() {
        assertFalse(CandidateStatus.LAUNCHING.canBecome(CandidateStatus.READY), "no winner before the provider has it");
        assertTrue(CandidateStatus.BOOTING.canBecome(CandidateStatus.READY));
        assertEquals(EnumSet.of(CandidateStatus.DESTROYED, CandidateStatus.FAILED),
                EnumSet.copyOf(EnumSet.allOf(CandidateStatus.class).stream()
                        .filter(CandidateStatus.DESTROYING::canBecome).toList()));
    }

    @Test
    void aContenderRefusesAnIllegalMoveAndKeepsItsStatus() {
        Contender c = new Contender(1, null, null, null); // the offer plays no part in its moves
        c.become(CandidateStatus.BOOTING);
        c.become(CandidateStatus.DESTROYING);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.become(CandidateStatus.READY));
        assertTrue(e.getMessage().contains("DESTROYING to READY"), e.getMessage());
        assertEquals(CandidateStatus.DESTROYING, c.status());
        c.become(CandidateStatus.DESTROYED);
        assertEquals(CandidateStatus.DESTROYED, c.status());
    }
}
