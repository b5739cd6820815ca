package io.snapgpu.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The looks of a watch as InstanceService makes them (the first at once, then each after {@code next}
     * from when the previous look answered), on a clock of the test's own: each look takes {@code lookCost},
     * and the machine is ready from {@code readyAt} on. Returns the times of the looks, the last one ready.
     */
    private static List<Long> looks(CloseWatch watch, long lookCost, long readyAt) {
        List<Long> at = new ArrayList<>();
        long now = 0;
        while (true) {
            now += lookCost;
            at.add(now);
            if (now >= readyAt || at.size() > 1000) {
                return at;
            }
            now += watch.next(POLL, now).toNanos();
        }
    }

    @Test
    void aMachineThatIsDueIsLookedAtCloselyAndOtherwiseEveryPollInterval() {
        long cost = 30_000_000L; // a slow status call: 30 ms
        CloseWatch w = new CloseWatch(Duration.ofMillis(500), 10 * S, 15 * S);
        long readyAt = 10 * S + 700_000_000L; // ready at 10.7 s, inside the window
        List<Long> at = looks(w, cost, readyAt);

        List<Long> before = at.stream().filter(t -> t < 10 * S).toList();
        List<Long> inside = at.stream().filter(t -> t >= 10 * S).toList();
        // before the window: every poll interval (after each look's own time), then one look at its start
        for (int i = 1; i < before.size(); i++) {
            assertEquals(POLL.toNanos() + cost, before.get(i) - before.get(i - 1), "before the window: " + at);
        }
        assertEquals(10 * S + cost, inside.get(0), "the first look inside is at the window's start: " + at);
        for (int i = 1; i < inside.size(); i++) {
            assertEquals(500_000_000L + cost, inside.get(i) - inside.get(i - 1), "while due: " + at);
        }
        assertEquals(5, before.size(), "0, 2, 4, 6, 8 s: " + at);
        assertEquals(3, inside.size(), "10.03, 10.56, 11.09 s: " + at);
        // seen ready within one close interval of being ready; the poll interval alone sees it at 12.21 s
        long seenReady = at.get(at.size() - 1);
        assertTrue(seenReady >= readyAt && seenReady <= readyAt + 500_000_000L + cost, "seen ready at " + seenReady);
        List<Long> plain = looks(CloseWatch.NONE, cost, readyAt);
        assertEquals(12 * S + 210_000_000L, plain.get(plain.size() - 1), "without a close watch: " + plain);
    }

    @Test
    void aMachineLateForItsWindowIsLookedAtEveryPollIntervalAgain() {
        long cost = 30_000_000L;
        CloseWatch w = new CloseWatch(Duration.ofMillis(500), 10 * S, 15 * S);
        List<Long> at = looks(w, cost, 25 * S);
        List<Long> after = at.stream().filter(t -> t >= 15 * S).toList();
        for (int i = 1; i < after.size(); i++) {
            assertEquals(POLL.toNanos() + cost, after.get(i) - after.get(i - 1), "after the window: " + at);
        }
        assertEquals(6, after.size(), "15.33 s, then every 2.03 s until 25.48 s: " + at);
    }
}
