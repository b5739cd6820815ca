package io.snapgpu.restore;

import io.smallrye.mutiny.Uni;
import io.snapgpu.restic.RestoreStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Progress of one restore job, from wherever it is measured: restic's own reports (0.16+), one slot
 * per restic run (the critical set, the bulk or each part of it; a retried run keeps its slot and
 * counts from its best), or bytes on disk. Written and published at most once per progress interval,
 * never beyond the total, and only while the job is active; phase changes carry the most recorded, so
 * no write or event goes backwards.
 */
final class RestoreMeter {
    private final RestoreJob job;
    private final RestoreJobs jobs;
    private final RestoreEvents events;
    private final Duration interval;
    private final AtomicLong cap = new AtomicLong(Long.MAX_VALUE);
    /** One per restic run: the best it has reported. */
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final AtomicLong lastWrite = new AtomicLong();
    /** The most ever recorded: what a phase change carries. */
    private final AtomicLong floor = new AtomicLong();
    /** The rate over the last five progress intervals, once two have passed (TransferRate says why). */
    private final TransferRate rate;

    /** {@code countedAgain}: a later run passes over this run's files again, so the two are not added up. */
    private static final class Slot {
        final boolean countedAgain;
        long bytes;
        long files;

        Slot(boolean countedAgain) {
            this.countedAgain = countedAgain;
        }
    }

    RestoreMeter(RestoreJob job, RestoreJobs jobs, RestoreEvents events, Duration interval) {
        this.job = job;
        this.jobs = jobs;
        this.events = events;
        this.interval = interval;
        this.rate = new TransferRate(5 * interval.toNanos(), 2 * interval.toNanos());
    }

    /** Transfer starts now: the rate and time left are measured from here. */
    void start() {
        rate.add(System.nanoTime(), 0);
    }

    /** No count goes beyond {@code bytes} (the snapshot's size, then restic's exact total). */
    void cap(long bytes) {
        cap.set(bytes);
    }

    /**
     * A progress slot for one restic run. {@code countedAgain}: a later run passes over this run's files
     * again (an incremental restore's bulk covers the critical set too).
     */
    Consumer<RestoreStatus> slot(boolean countedAgain) {
        Slot slot = new Slot(countedAgain);
        slots.add(slot);
        return status -> {
            synchronized (slot) {
                slot.bytes = Math.max(slot.bytes, status.bytesRestored() + status.bytesSkipped());
                slot.files = Math.max(slot.files, status.filesRestored() + status.filesSkipped());
            }
            long now = System.nanoTime();
            long last = lastWrite.get();
            if (now - last >= interval.toNanos() && lastWrite.compareAndSet(last, now)) {
                long bytes = 0, files = 0, againBytes = 0, againFiles = 0;
                for (Slot s : slots) {
                    synchronized (s) {
                        if (s.countedAgain) {
                            againBytes += s.bytes;
                            againFiles += s.files;
                        } else {
                            bytes += s.bytes;
                            files += s.files;
                        }
                    }
                }
                record(Math.max(bytes, againBytes), Math.max(files, againFiles)).subscribe().with(x -> { }, e -> { });
            }
        };
    }

    /** Moves the job to {@code phase} (with {@code also}), never below what was recorded, and publishes it. */
    Uni<RestoreJob> phase(RestorePhase phase, Consumer<RestoreJob> also) {
        return jobs.update(job.id, j -> {
            j.phase = phase;
            also.accept(j);
            j.bytesDone = Math.max(j.bytesDone, floor.get());
        }).call(j -> events.publish(j, false));
    }

    /** Records counts (bytes capped at the total) and publishes them while the job is active. */
    Uni<Void> record(long bytes, long files) {
        long done = Math.min(bytes, cap.get());
        rate.add(System.nanoTime(), floor.accumulateAndGet(done, Math::max));
        return jobs.progressed(job.id, done, files)
                .call(j -> RestorePhase.ACTIVE.contains(j.phase) ? events.publish(j, false, rate)
                        : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }
}
