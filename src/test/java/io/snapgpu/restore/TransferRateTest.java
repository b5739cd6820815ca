package io.snapgpu.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The restore's time left comes from its recent rate, never from its first second. */
class TransferRateTest {
    private static final long S = 1_000_000_000L;
    private static final long MB = 1_000_000L;

    private static TransferRate rate() {
        return new TransferRate(5 * S, 2 * S);
    }

    @Test
    void noEstimateFromTheFirstSecond() {
        TransferRate r = rate();
        r.add(0, 0);
        r.add(S, 1_000); // restic starting: 1 kB in the first second of a 5 MB restore
        // the average since the start said 4999 s ("1 h 23 min") here
        assertNull(r.etaSeconds(5 * MB, 1_000));
        assertEquals(0.0, r.bytesPerSecond());
    }

    @Test
    void theEstimateFollowsTheRecentRate() {
        TransferRate r = rate();
        r.add(0, 0);
        r.add(S, 1_000);
        long done = 1_000;
        for (int s = 2; s <= 8; s++) { // then 2 MB/s
            done += 2 * MB;
            r.add(s * S, done);
        }
        // the last 5 s moved 10 MB: 2 MB/s; 100 MB total leaves (100 MB - done) / 2 MB/s
        assertEquals(2.0 * MB, r.bytesPerSecond(), 1.0);
        long expected = (long) Math.ceil((100 * MB - done) / (2.0 * MB));
        assertEquals(expected, r.etaSeconds(100 * MB, done));
    }

    @Test
    void aSlowdownShowsWithinTheWindow() {
        TransferRate r = rate();
        long done = 0;
        for (int s = 0; s <= 10; s++) { // 10 MB/s for 10 s
            r.add(s * S, done);
            done += 10 * MB;
        }
        done -= 10 * MB;
        for (int s = 11; s <= 16; s++) { // then 1 MB/s
            done += MB;
            r.add(s * S, done);
        }
        assertTrue(r.bytesPerSecond() < 1.5 * MB, "rate after the slowdown: " + r.bytesPerSecond());
    }

    @Test
    void noTotalNoEstimate() {
        TransferRate r = rate();
        r.add(0, 0);
        r.add(3 * S, 3 * MB);
        assertNull(r.etaSeconds(null, 3 * MB));
        assertEquals(0L, r.etaSeconds(3 * MB, 3 * MB));
    }
}
