package io.snapgpu.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.race.RaceRequest.RacePolicyInput;
import io.snapgpu.validation.InputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RacePolicyTest {

    @Test
    void defaultsAreFiveMachinesEveryTenSecondsThreeWavesFifteenMinutes() {
        RacePolicy p = RacePolicy.defaults();
        assertEquals(5, p.waveSize());
        assertEquals(10.0, p.waveIntervalSeconds());
        assertEquals(3, p.maxWaves());
        assertEquals(900, p.timeoutSeconds());
        assertEquals(900, p.candidateTimeoutSeconds());
        assertTrue(p.rankByHostStats());
        assertEquals(Duration.ofMillis(100), RacePolicy.scaled(p.waveIntervalSeconds(), 0.01));
    }

    @Test
    void everyFieldIsValidatedAndNamed() {
        assertField("policy.waveSize", new RacePolicyInput(0, null, null, null, null, null, null, null), "between 1 and 20");
        assertField("policy.waveSize", new RacePolicyInput(21, null, null, null, null, null, null, null), "between 1 and 20");
        assertField("policy.waveIntervalSeconds", new RacePolicyInput(null, -1.0, null, null, null, null, null, null), "between 0 and 3600");
        assertField("policy.waveIntervalSeconds", new RacePolicyInput(null, Double.NaN, null, null, null, null, null, null), "between 0 and 3600");
        assertField("policy.maxWaves", new RacePolicyInput(null, null, 11, null, null, null, null, null), "between 1 and 10");
        assertField("policy.timeoutSeconds", new RacePolicyInput(null, null, null, 5, null, null, null, null), "between 10 and 86400");
        assertField("policy.candidateTimeoutSeconds", new RacePolicyInput(null, null, null, 60, 120, null, null, null),
                "between 10 and 60");
        assertField("policy.maxPricePerHour", new RacePolicyInput(null, null, null, null, null, null,
                java.math.BigDecimal.ZERO, null), "more than 0 and at most 1000");
        assertField("policy.maxRaceCost", new RacePolicyInput(null, null, null, null, null, null, null,
                new java.math.BigDecimal("-1")), "more than 0 and at most 100000");
        RacePolicy ok = RacePolicy.of(new RacePolicyInput(1, 600.0, 10, 7200, 600, false, null, null));
        assertEquals(600, ok.candidateTimeoutSeconds());
        assertEquals(false, ok.rankByHostStats());
    }

    @Test
    void everyBadFieldIsNamedInOneRefusal() {
        InputException e = assertThrows(InputException.class, () -> RacePolicy.of(new RacePolicyInput(0, -1.0, 11, null,
                null, null, java.math.BigDecimal.ZERO, null)));
        assertEquals(java.util.List.of("policy.waveSize", "policy.waveIntervalSeconds", "policy.maxWaves",
                "policy.maxPricePerHour"), e.errors().stream().map(io.snapgpu.validation.FieldError::field).toList());
        assertTrue(e.errors().get(2).message().contains("between 1 and 10"), e.getMessage());
    }

    private static void assertField(String field, RacePolicyInput in, String allowed) {
        InputException e = assertThrows(InputException.class, () -> RacePolicy.of(in));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }
}
