package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a booting machine is looked at next. */
class CloseWatchTest {
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final long S = 1_000_000_000L;

    @Test
    void withoutAWindowEveryPollInterval() {
        assertEquals(POLL, CloseWatch.NONE.next(POLL, 0));
        assertEquals(POLL, CloseWatch.NONE.next(POLL, 100 * S));
    }

    @Test
    void beforeTheWindowNoLaterThanItsStart() {
        CloseWatch w = new CloseWatch(Duration.ofMillis(500), 10 * S, 15 * S);
        assertEquals(POLL, w.next(POLL, 0)); // 10 s away: the usual interval
        assertEquals(Duration.ofMillis(700), w.next(POLL, 10 * S - 700_000_000L)); // wakes at the window's start
    }

    @Test
    void insideTheWindowCloselyThenBackToThePollInterval() {
        CloseWatch w = new CloseWatch(Duration.ofMillis(500), 10 * S, 15 * S);
        assertEquals(Duration.ofMillis(500), w.next(POLL, 10 * S));
        assertEquals(Duration.ofMillis(500), w.next(POLL, 15 * S - 1));
        assertEquals(POLL, w.next(POLL, 15 * S)); // late: no longer due, the usual interval again
    }

    @Test
    void neverSlowerThanThePollInterval() {
        CloseWatch w = new CloseWatch(Duration.ofSeconds(5), 10 * S, 15 * S);
        assertEquals(POLL, w.next(POLL, 12 * S));
    }

    @Test
    void aZeroIntervalIsNoCloseWatchNotABusyLoop() {
        assertEquals(POLL, new CloseWatch(Duration.ZERO, 10 * S, 15 * S).next(POLL, 12 * S));
    }
}
