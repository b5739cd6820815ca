package io.snapgpu.race;

import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.InstanceService.Observation;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.offer.Offer;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * The one place a contender changes status. A move is checked against {@link CandidateStatus#canBecome}
 * under its race's lock; once made, its candidate row, the event the race's followers see and what its
 * host taught us are written together, in one entry of the race's journal, so none of the three is
 * forgotten and they never disagree.
 */
@ApplicationScoped
class CandidateMoves {
    private final RaceStore store;
    private final HostStatsService hostStats;

    CandidateMoves(RaceStore store, HostStatsService hostStats) {
        this.store = store;
        this.hostStats = hostStats;
    }

    /** What a move teaches about the contender's host (its boot statistics). */
    sealed interface Lesson permits Lesson.None, Lesson.Failure, Lesson.Boot, Lesson.Censored {
        Lesson NONE = new None();
        Lesson FAILURE = new Failure();
        Lesson CENSORED = new Censored();

        record None() implements Lesson {
        }

        /** The host's machine failed (its create, or its boot). */
        record Failure() implements Lesson {
        }

        /** The host's machine was ready this many seconds after its create call. */
        record Boot(double seconds) implements Lesson {
        }

        /** The machine was destroyed before it was ready: its boot took at least as long as it was watched. */
        record Censored() implements Lesson {
        }
    }

    /** One status change of a contender and everything that goes with it; made only by the factories below. */
    static final class Move {
        final CandidateStatus to;
        /** The provider's word for the machine now; null: unchanged. */
        final String providerState;
        final TerminationReason reason;
        final BigDecimal cost;
        final String message;
        /** The event followers see; null: none (the move is only booked). */
        final String eventType;
        final Lesson lesson;
        final Consumer<Candidate> row;
        /** Only from this status; null: from any status {@link CandidateStatus#canBecome} allows. */
        final CandidateStatus from;
        /** Refused once the race is decided (the decision handles the machine then). */
        final boolean beforeDecision;
        /** The row is not written (this replica no longer owns the race). */
        final boolean unwritten;

        private Move(CandidateStatus to, String providerState, TerminationReason reason, BigDecimal cost, String message, String eventType,
                Lesson lesson, Consumer<Candidate> row, CandidateStatus from, boolean beforeDecision,
                boolean unwritten) {
            this.to = to;
            this.providerState = providerState;
            this.reason = reason;
            this.cost = cost;
            this.message = message;
            this.eventType = eventType;
            this.lesson = lesson;
            this.row = row;
            this.from = from;
            this.beforeDecision = beforeDecision;
            this.unwritten = unwritten;
        }

        /** The provider took the create call. */
        static Move booting() {
            return new Move(CandidateStatus.BOOTING, "CREATED", null, null, null, RaceEvent.CANDIDATE_STATE,
                    Lesson.NONE, row -> { }, null, false, false);
        }

        /** The create call failed; a provider's refusal counts against its host, our own fault does not. */
        static Move createFailed(String message, boolean hostsFault) {
            return new Move(CandidateStatus.FAILED, null, TerminationReason.CREATE_FAILED, BigDecimal.ZERO, message,
                    RaceEvent.CANDIDATE_STATE, hostsFault ? Lesson.FAILURE : Lesson.NONE, row -> { }, null, false,
                    false);
        }

        /** Its machine failed or was not ready in time, while the race goes on: it is destroyed. */
        static Move givenUp() {
            return new Move(CandidateStatus.DESTROYING, null, TerminationReason.BOOT_FAILED, null, null, null,
                    Lesson.FAILURE, row -> { }, null, true, false);
        }

        /** The race no longer wants it. */
        static Move destroying(TerminationReason reason) {
            return new Move(CandidateStatus.DESTROYING, null, reason, null, null, null, Lesson.NONE, row -> { }, null,
                    false, false);
        }

        /**
         * The race was taken over by another replica while this create was in flight: nobody will ever
         * want that machine, so it is destroyed when the create returns; the new owner writes the rows.
         */
        static Move abandoned(TerminationReason reason) {
            return new Move(CandidateStatus.DESTROYING, null, reason, null, null, null, Lesson.NONE, row -> { },
                    CandidateStatus.LAUNCHING, false, true);
        }

        /** Its destroy call returned: a loser is DESTROYED, a machine given up on FAILED. */
        static Move destroyed(TerminationReason reason, BigDecimal cost, String message, Lesson lesson,
                OffsetDateTime destroyedAt, OffsetDateTime destroyCalledAt) {
            boolean failed = reason == TerminationReason.BOOT_FAILED;
            return new Move(failed ? CandidateStatus.FAILED : CandidateStatus.DESTROYED, null, reason, cost,
                    message, failed ? RaceEvent.CANDIDATE_STATE : RaceEvent.LOSER_DESTROYED, lesson,
                    row -> {
                        row.destroyedAt = destroyedAt;
                        row.destroyCalledAt = destroyCalledAt;
                    }, null, false, false);
        }

        /** It was ready first; the winner's own event comes with the race's decision. */
        static Move won(Observation ready, double bootSeconds) {
            return new Move(CandidateStatus.READY, ready.machine().state().name(), null, null, null, null,
                    new Lesson.Boot(bootSeconds), row -> {
                        row.readyAt = ready.at();
                        row.bootSeconds = bootSeconds;
                    }, null, false, false);
        }
    }

    /**
     * Makes the move if the contender may make it now (else nothing happens and the answer is false).
     * A contender that stops being a chance to win, other than by winning, is counted down in its race;
     * one going to DESTROYING remembers why, for a create still in flight.
     */
    boolean move(RaceRun run, Contender c, Move m) {
        synchronized (run) {
            CandidateStatus now = c.status();
            if (!now.canBecome(m.to) || (m.from != null && now != m.from)
                    || (m.beforeDecision && run.outcome() != null)) {
                return false;
            }
            boolean wasLive = c.live();
            c.become(m.to);
            if (m.to == CandidateStatus.DESTROYING) {
                c.destroyReason = m.reason;
            }
            if (wasLive && !c.live() && m.to != CandidateStatus.READY) {
                run.down(c);
            }
        }
        if (!m.unwritten) {
            RaceEvent event = m.eventType == null ? null
                    : RaceEvent.of(c, m.to, m.providerState, m.reason, m.cost, m.message);
            store.candidate(run, c, row -> {
                row.status = m.to;
                if (m.providerState != null) {
                    row.providerState = m.providerState;
                }
                if (m.reason != null) {
                    row.terminationReason = m.reason;
                }
                if (m.cost != null) {
                    row.cost = m.cost;
                }
                if (m.message != null && m.to == CandidateStatus.FAILED) {
                    row.error = RaceStore.shorten(m.message);
                }
                m.row.accept(row);
            }, event, m.eventType == null ? RaceEvent.CANDIDATE_STATE : m.eventType, () -> learn(c.offer, m.lesson));
        }
        return true;
    }

    private Uni<Void> learn(Offer offer, Lesson lesson) {
        if (lesson instanceof Lesson.Boot b) {
            return hostStats.recordBoot(offer.provider(), offer.hostId(), b.seconds());
        }
        if (lesson instanceof Lesson.Failure) {
            return hostStats.recordFailure(offer.provider(), offer.hostId());
        }
        return lesson instanceof Lesson.Censored ? hostStats.recordCensored(offer.provider(), offer.hostId())
                : Uni.createFrom().voidItem();
    }
}
