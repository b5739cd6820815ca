package io.snapgpu.instance;

import java.time.Duration;

/**
 * When a booting machine is due to be ready (from what was observed of its host), it is polled every
 * {@code interval} between {@code fromNanos} and {@code untilNanos} ({@link System#nanoTime()}) instead of
 * every poll interval: readiness is seen a fraction of a poll interval sooner, at the cost of a few more
 * status calls only while the machine is due.
 */
public record CloseWatch(Duration interval, long fromNanos, long untilNanos) {
    /** No window: every poll interval. */
    public static final CloseWatch NONE = new CloseWatch(Duration.ZERO, 0, 0);

    /**
     * How long to wait, at {@code now}, before the next look, where {@code regular} is the poll interval;
     * never longer than that, and never a busy loop (an interval of zero or less means no close watch).
     */
    Duration next(Duration regular, long now) {
        if (untilNanos <= fromNanos || now >= untilNanos || interval.isZero() || interval.isNegative()) {
            return regular;
        }
        if (now >= fromNanos) {
            return interval.compareTo(regular) < 0 ? interval : regular;
        }
        long toWindow = fromNanos - now;
        return toWindow < regular.toNanos() ? Duration.ofNanos(toWindow) : regular;
    }
}
