package io.snapgpu.config;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The one clock every row, event and deadline reads: UTC, so times compare and serialise alike
 * everywhere. Static on purpose: entities and per-run objects (a race's contenders, a restore's
 * meter) that are not beans read it too. PostgreSQL's own {@code now()} stays where a statement
 * compares times across replicas (leases), since only the database's clock is shared by them.
 */
public final class UtcClock {
    private static final Clock CLOCK = Clock.systemUTC();

    private UtcClock() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(CLOCK);
    }

    public static Instant instant() {
        return CLOCK.instant();
    }
}
