package io.snapgpu.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StoragePricingTest {
    private static final long GB = 1_000_000_000L;

    @Test
    void tiersMatchThePriceTable() {
        assertEquals(new BigDecimal("0.0000"), StoragePricing.monthly(5 * GB).monthlyCost(), "first 10 GB free");
        assertEquals(new BigDecimal("0.0000"), StoragePricing.monthly(10 * GB).monthlyCost());
        assertEquals(new BigDecimal("0.6000"), StoragePricing.monthly(50 * GB).monthlyCost(), "40 GB x 0.015");
        assertEquals(new BigDecimal("1.3500"), StoragePricing.monthly(100 * GB).monthlyCost(), "90 GB x 0.015");
        assertEquals(new BigDecimal("1.8500"), StoragePricing.monthly(150 * GB).monthlyCost(), "1.35 + 50 GB x 0.010");
        assertEquals(new BigDecimal("0.2000"), StoragePricing.restoreDownload(20 * GB), "downloads 0.01/GB");
        var b = StoragePricing.monthly(150 * GB);
        assertEquals(0, new BigDecimal("50").compareTo(b.tiers().get(2).gigabytes()));
    }
}
