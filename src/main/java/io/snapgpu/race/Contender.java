package io.snapgpu.race;

import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.CloseWatch;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.Offer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A candidate while its race runs here: what the race knows of it in memory. Guarded by its {@link RaceRun}. */
final class Contender {
    final UUID id = UUID.randomUUID();
    final int wave;
    final Offer offer;
    final long launchNanos = System.nanoTime();
    final OffsetDateTime launchedAt = UtcClock.now();
    /** The create call's answer; copies are handed to streams, so cancelling a stream never touches the create. */
    final CompletableFuture<Instance> created = new CompletableFuture<>();
    /** Completes when nothing more will happen to this machine (kept, destroyed, or failed). */
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Instance instance;
    /** Changed only through {@link #become}. */
    private CandidateStatus status = CandidateStatus.LAUNCHING;
    String providerState;
    /** ready, failed or given up: the readiness stream has said its last word */
    volatile boolean settled;
    /** Why it is being destroyed; set with status DESTROYING (a create still in flight is destroyed when it returns). */
    TerminationReason destroyReason;
    /** Its destroy call was started (it is made once, whoever asks first). */
    boolean destroyStarted;
    volatile long destroyCalledNanos;
    volatile OffsetDateTime destroyCalledAt;

    /** System.nanoTime() after which this machine is late by its host's statistics; 0 when unknown. */
    final long lateAfterNanos;
    /** System.nanoTime() from which this machine may be ready by its host's statistics; 0 when unknown. */
    final long dueFromNanos;

    Contender(int wave, Offer offer, Double dueSeconds, Double onTimeSeconds) {
        this.wave = wave;
        this.offer = offer;
        this.dueFromNanos = dueSeconds == null ? 0 : launchNanos + Math.round(dueSeconds * 1e9);
        this.lateAfterNanos = onTimeSeconds == null ? 0 : launchNanos + Math.round(onTimeSeconds * 1e9);
    }

    /** Watched closely while due (between its host's usual earliest and latest boot), when that is known. */
    CloseWatch closeWatch(Duration interval) {
        return dueFromNanos == 0 || lateAfterNanos == 0 ? CloseWatch.NONE
                : new CloseWatch(interval, dueFromNanos, lateAfterNanos);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - launchNanos) / 1e9;
    }

    CandidateStatus status() {
        return status;
    }

    /** The one way a contender changes status, under its race's lock; an illegal move is a bug and throws. */
    void become(CandidateStatus next) {
        if (status == next) {
            return;
        }
        if (!status.canBecome(next)) {
            throw new IllegalStateException("candidate " + id + " cannot go from " + status + " to " + next);
        }
        status = next;
    }

    boolean live() {
        return status == CandidateStatus.LAUNCHING || status == CandidateStatus.BOOTING;
    }
}
