package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A machine's cost is one figure on every screen: the race board books a failed create at $0 (no machine
 * was ever rented), so the machine's own cost must say the same.
 */
class InstanceCostTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static Instance machine(BigDecimal price) {
        Instance i = new Instance();
        i.pricePerHour = price;
        i.createdAt = T0;
        return i;
    }

    @Test
    void aFailedCreateCostsNothing() {
        Instance i = machine(new BigDecimal("1.08"));
        i.status = InstanceStatus.FAILED;
        i.terminationReason = TerminationReason.CREATE_FAILED;
        i.failedAt = T0.plusSeconds(1);
        assertEquals(0, i.costSoFar(T0.plusSeconds(60)).signum(), "a create that failed rented no machine");
    }

    @Test
    void aMachineThatRanIsBilledForItsTimeAlive() {
        Instance i = machine(new BigDecimal("3.60"));
        i.status = InstanceStatus.DESTROYED;
        i.terminationReason = TerminationReason.USER;
        i.destroyedAt = T0.plusSeconds(10);
        assertEquals(0, new BigDecimal("0.01").compareTo(i.costSoFar(T0.plusSeconds(60))));
    }
}
