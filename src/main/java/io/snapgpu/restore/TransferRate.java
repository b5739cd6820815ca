package io.snapgpu.restore;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A restore's rate over its last few seconds, and the time left from it. The average since the start is
 * no estimate: the first second is restic starting and listing, a few kB, and 5 MB then read as
 * "1 h 20 min" until the restore had finished. An estimate needs samples spanning a minimum time; until
 * then there is none (the screen says so) rather than a wrong one.
 */
final class TransferRate {
    private final long windowNanos;
    private final long minSpanNanos;
    private final Deque<long[]> samples = new ArrayDeque<>(); // {nanos, bytes}

    TransferRate(long windowNanos, long minSpanNanos) {
        this.windowNanos = windowNanos;
        this.minSpanNanos = minSpanNanos;
    }

    /** Records the bytes done at a time (monotonic nanos); a count lower than the last one is ignored. */
    synchronized void add(long nanos, long bytesDone) {
        long[] last = samples.peekLast();
        if (last != null && (nanos <= last[0] || bytesDone < last[1])) {
            return;
        }
        samples.addLast(new long[] { nanos, bytesDone });
        // keep one sample at or before the window's start, so the window is always covered
        while (samples.size() > 2) {
            long[] second = samples.stream().skip(1).findFirst().orElseThrow();
            if (nanos - second[0] >= windowNanos) {
                samples.removeFirst();
            } else {
                break;
            }
        }
    }

    /** Bytes per second over the window; 0 while the samples span less than the minimum. */
    synchronized double bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long span = last[0] - first[0];
        return span < minSpanNanos ? 0 : (last[1] - first[1]) / (span / 1e9);
    }

    /** Seconds left at the windowed rate; null while there is no rate or no total. */
    Long etaSeconds(Long bytesTotal, long bytesDone) {
        double rate = bytesPerSecond();
        if (rate <= 0 || bytesTotal == null) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, bytesTotal - bytesDone) / rate);
    }
}
