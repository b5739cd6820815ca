package io.snapgpu.race;

import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.Instance;
import io.snapgpu.progress.ProgressEvent.SubjectType;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.race.RaceRun.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A driven race's rows and progress events, written through the race's {@link Journal} so they land
 * in the order things happened, without ever holding up the race itself.
 */
@ApplicationScoped
class RaceStore {
    private final Db db;
    private final LaunchRaceRepository races;
    private final CandidateRepository candidates;
    private final ProgressHub hub;

    RaceStore(Db db, LaunchRaceRepository races, CandidateRepository candidates, ProgressHub hub) {
        this.db = db;
        this.races = races;
        this.candidates = candidates;
        this.hub = hub;
    }

    /** Runs inside the transaction that records the machine, before its create call. */
    Uni<Candidate> insertCandidate(RaceRun run, Contender c, Instance instance) {
        Candidate row = new Candidate();
        row.id = c.id;
        row.raceId = run.raceId;
        row.wave = c.wave;
        row.provider = c.offer.provider();
        row.offerId = c.offer.offerId();
        row.hostId = c.offer.hostId();
        row.instanceId = instance.id;
        row.status = CandidateStatus.LAUNCHING;
        row.pricePerHour = c.offer.pricePerHour();
        row.launchedAt = c.launchedAt;
        row.cost = BigDecimal.ZERO;
        return candidates.persist(row);
    }

    void candidate(RaceRun run, Contender c, Consumer<Candidate> change, RaceEvent event) {
        candidate(run, c, change, event, RaceEvent.CANDIDATE_STATE, null);
    }

    /** The candidate's row changed, then its event (if any), then {@code after} (if any), in one journal entry. */
    void candidate(RaceRun run, Contender c, Consumer<Candidate> change, RaceEvent event, String type,
            Supplier<Uni<Void>> after) {
        run.journal.add("candidate " + c.id, () -> db.tx(() -> candidates.findById(c.id).invoke(row -> {
            if (row != null) {
                change.accept(row);
            }
        })).chain(() -> event == null ? Uni.createFrom().voidItem() : publish(run, type, event, false))
                .chain(() -> after == null ? Uni.createFrom().voidItem() : after.get()));
    }

    static String shorten(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    void event(RaceRun run, String type, RaceEvent event, boolean terminal) {
        run.journal.add(type, () -> publish(run, type, event, terminal));
    }

    void waveLaunched(RaceRun run, int wave, List<Contender> cs) {
        run.journal.add("wave " + wave, () -> race(run, r -> r.wavesLaunched = Math.max(r.wavesLaunched, wave))
                .chain(() -> publish(run, RaceEvent.WAVE_LAUNCHED, RaceEvent.wave(wave,
                        cs.stream().map(c -> c.offer.hostId()).toList(), cs.size() + " machine(s)"), false)));
    }

    /** The race's decision: its row, and the winner's event (its candidate row is the winner's move). */
    void decided(RaceRun run, Outcome o) {
        Contender w = o.winner();
        if (w != null) {
            double boot = RaceEngine.bootSeconds(w, o);
            run.journal.add("winner", () -> race(run, r -> {
                if (r.status == RaceStatus.RUNNING) {
                    r.status = RaceStatus.WON;
                    r.winnerCandidateId = w.id;
                    r.winnerObservedAt = o.observation().at();
                }
            }).chain(() -> publish(run, RaceEvent.WINNER_CHOSEN, RaceEvent.candidate(w.id, w.wave, w.offer.provider(),
                    w.offer.hostId(), CandidateStatus.READY, o.observation().machine().state().name(), boot, null, null,
                    "ready first"), false)));
        } else {
            run.journal.add("decided", () -> race(run, r -> {
                if (r.status == RaceStatus.RUNNING) {
                    r.status = o.status();
                    r.error = o.error();
                }
            }));
        }
    }

    /** The race is over and every machine but the winner is gone: the last row update and the terminal event. */
    Uni<Void> finished(RaceRun run, Outcome o, Double reactionMs) {
        RaceEnd end = new RaceEnd(o.status(), false, null, null, o.error(), run.losersCost(), reactionMs,
                o.error() == null ? "every other machine destroyed" : o.error());
        run.journal.add("finished", () -> end(run.tenantId, run.raceId, end));
        return run.journal.drained();
    }

    /**
     * How a race ends. {@code settles}: the status is written whatever the row says (a recovery decides
     * anew); otherwise only a race still RUNNING takes it (the live path wrote its decision already).
     */
    record RaceEnd(RaceStatus status, boolean settles, UUID winnerCandidateId,
            OffsetDateTime winnerReadyAt, String error, BigDecimal losersCost, Double reactionMs,
            String message) {
    }

    /** The one way a race ends, live or recovered: its row's last update, then its terminal event. */
    Uni<Void> end(UUID tenantId, UUID raceId, RaceEnd end) {
        return db.tx(() -> races.findById(raceId).invoke(r -> {
            if (end.settles() || r.status == RaceStatus.RUNNING) {
                r.status = end.status();
                r.error = end.error();
            }
            if (end.winnerCandidateId() != null) {
                r.winnerCandidateId = end.winnerCandidateId();
                r.winnerObservedAt = r.winnerObservedAt != null ? r.winnerObservedAt : end.winnerReadyAt();
            }
            r.losersCost = end.losersCost();
            r.reactionMs = end.reactionMs() != null ? end.reactionMs() : r.reactionMs;
            r.finishedAt = UtcClock.now();
        })).chain(() -> publish(tenantId, raceId, RaceEvent.terminalType(end.status()),
                RaceEvent.end(end.status(), end.losersCost(), end.message()), true));
    }

    private Uni<LaunchRace> race(RaceRun run, Consumer<LaunchRace> change) {
        return db.tx(() -> races.findById(run.raceId).invoke(change));
    }

    private Uni<Void> publish(RaceRun run, String type, RaceEvent event, boolean terminal) {
        return publish(run.tenantId, run.raceId, type, event, terminal);
    }

    /** Every race event goes out here, the live path's and a recovery's alike. */
    Uni<Void> publish(UUID tenantId, UUID raceId, String type, RaceEvent event, boolean terminal) {
        return hub.publish(tenantId, SubjectType.RACE, raceId, type, event, terminal).replaceWithVoid();
    }
}
