package io.snapgpu.provider.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hosts of the simulated marketplace, generated from a seed so the same hosts (same ids, same
 * boot behaviour) come back on every start: what SnapGPU learns about a host stays true.
 */
public final class LocalMarket {
    private static final String[][] GPUS = {
            { "RTX 4090", "24576", "0.35" }, { "RTX 3090", "24576", "0.22" }, { "A100 80GB", "81920", "1.10" },
            { "H100 80GB", "81920", "2.10" }, { "L40S", "46080", "0.80" }, { "RTX A6000", "49152", "0.50" } };
    private static final String[] REGIONS = { "US-CA", "US-TX", "EU-DE", "EU-NL", "AS-JP", "EU-SE" };

    private LocalMarket() {
    }

    /**
     * The presets. {@code marketplace}: of N hosts, 45 % boot in 8–30 s, 25 % in 40–120 s, 15 % in
     * 150–400 s, 10 % never become ready, 5 % fail at create. {@code fast}: every host boots in 2–6 s
     * (for demos and tests that do not study boot spread).
     */
    public static List<LocalHost> generate(String preset, long seed, int hosts) {
        Random r = new Random(seed);
        List<BootProfile> profiles = switch (preset) {
            case "marketplace" -> marketplace(r, hosts);
            case "fast" -> fast(r, hosts);
            default -> throw new IllegalArgumentException("snapgpu.local.preset must be one of [marketplace, fast] (got "
                    + preset + ")");
        };
        List<LocalHost> out = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            String[] gpu = GPUS[r.nextInt(GPUS.length)];
            int count = new int[] { 1, 1, 1, 2, 4, 8 }[r.nextInt(6)];
            BigDecimal price = new BigDecimal(gpu[2]).multiply(BigDecimal.valueOf(count))
                    .multiply(BigDecimal.valueOf(0.8 + 0.5 * r.nextDouble())).setScale(4, RoundingMode.HALF_UP);
            out.add(new LocalHost(String.format("local-h%03d", i), gpu[0], count, Integer.parseInt(gpu[1]), price,
                    REGIONS[r.nextInt(REGIONS.length)], round(0.90 + 0.099 * r.nextDouble()),
                    Math.round(200 + 4800 * r.nextDouble()), new double[] { 11.8, 12.2, 12.4, 12.8 }[r.nextInt(4)],
                    profiles.get(i)));
        }
        return out;
    }

    private static List<BootProfile> marketplace(Random r, int hosts) {
        List<BootProfile> p = new ArrayList<>(hosts);
        int fast = (int) Math.round(hosts * 0.45);
        int medium = (int) Math.round(hosts * 0.25);
        int slow = (int) Math.round(hosts * 0.15);
        int never = (int) Math.round(hosts * 0.10);
        for (int i = 0; i < fast; i++) {
            p.add(BootProfile.boots(uniform(r, 8, 30)));
        }
        for (int i = 0; i < medium; i++) {
            p.add(BootProfile.boots(uniform(r, 40, 120)));
        }
        for (int i = 0; i < slow; i++) {
            p.add(BootProfile.boots(uniform(r, 150, 400)));
        }
        for (int i = 0; i < never; i++) {
            p.add(new BootProfile(BootProfile.Kind.NEVER_READY, 0));
        }
        while (p.size() < hosts) {
            p.add(new BootProfile(BootProfile.Kind.FAILS_AT_CREATE, 0));
        }
        java.util.Collections.shuffle(p, r);
        return p;
    }

    private static List<BootProfile> fast(Random r, int hosts) {
        List<BootProfile> p = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            p.add(BootProfile.boots(uniform(r, 2, 6)));
        }
        return p;
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
