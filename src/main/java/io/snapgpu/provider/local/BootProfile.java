package io.snapgpu.provider.local;

import java.util.Random;

/**
 * How a simulated host boots: seconds from create to ready (before time scaling), or never, or a
 * create that fails. Each boot is jittered ±20 % around the host's own base time.
 */
public record BootProfile(Kind kind, double baseSeconds) {
    public enum Kind { BOOTS, NEVER_READY, FAILS_AT_CREATE }

    public static BootProfile boots(double seconds) {
        return new BootProfile(Kind.BOOTS, seconds);
    }

    /** One boot: the base time jittered ±20 %; infinite for a host that never becomes ready. */
    public double sampleSeconds(Random random) {
        if (kind != Kind.BOOTS) {
            return Double.POSITIVE_INFINITY;
        }
        return baseSeconds * (0.8 + 0.4 * random.nextDouble());
    }
}
