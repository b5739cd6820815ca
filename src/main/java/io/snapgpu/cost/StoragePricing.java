package io.snapgpu.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What storage costs a tenant a month, by tier: the first 10 GB free, 10–100 GB at $0.015/GB,
 * beyond 100 GB at $0.010/GB; restore downloads $0.01/GB; uploads free. GB = 10^9 bytes.
 */
public final class StoragePricing {
    static final BigDecimal GB = BigDecimal.valueOf(1_000_000_000L);
    static final BigDecimal FREE_GB = BigDecimal.valueOf(10);
    static final BigDecimal TIER2_END_GB = BigDecimal.valueOf(100);
    static final BigDecimal TIER2_RATE = new BigDecimal("0.015");
    static final BigDecimal TIER3_RATE = new BigDecimal("0.010");
    static final BigDecimal DOWNLOAD_RATE = new BigDecimal("0.01");

    private StoragePricing() {
    }

    public record Tier(String name, BigDecimal gigabytes, BigDecimal ratePerGb, BigDecimal monthlyCost) {
    }

    public record Breakdown(long bytes, BigDecimal gigabytes, java.util.List<Tier> tiers, BigDecimal monthlyCost) {
    }

    public static Breakdown monthly(long bytes) {
        BigDecimal gb = BigDecimal.valueOf(bytes).divide(GB, 9, RoundingMode.HALF_UP);
        BigDecimal free = gb.min(FREE_GB);
        BigDecimal tier2 = gb.subtract(FREE_GB).max(BigDecimal.ZERO).min(TIER2_END_GB.subtract(FREE_GB));
        BigDecimal tier3 = gb.subtract(TIER2_END_GB).max(BigDecimal.ZERO);
        var tiers = java.util.List.of(
                new Tier("first 10 GB", free, BigDecimal.ZERO, BigDecimal.ZERO.setScale(4)),
                new Tier("10-100 GB", tier2, TIER2_RATE, money(tier2.multiply(TIER2_RATE))),
                new Tier("over 100 GB", tier3, TIER3_RATE, money(tier3.multiply(TIER3_RATE))));
        BigDecimal total = tiers.stream().map(Tier::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Breakdown(bytes, gb, tiers, money(total));
    }

    public static BigDecimal restoreDownload(long bytes) {
        return money(BigDecimal.valueOf(bytes).divide(GB, 9, RoundingMode.HALF_UP).multiply(DOWNLOAD_RATE));
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_UP);
    }
}
