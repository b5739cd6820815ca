package io.snapgpu.race;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.snapgpu.cluster.Ownership;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService.Observation;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.HostStatsRepository;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferService;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.race.CandidateMoves.Lesson;
import io.snapgpu.race.CandidateMoves.Move;
import io.snapgpu.race.RaceRun.Outcome.Kind;
import io.snapgpu.race.RaceRun.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The launch race. Waves of create calls fan out; each machine becomes a readiness stream; the streams
 * are merged and the first ready machine wins. At that moment every other machine is destroyed at
 * once and no further wave starts; a machine whose create is still in flight is destroyed when the
 * create returns. Create calls are never part of a cancellable stream: cancelling a {@code Uni} does
 * not stop a cloud machine, only an explicit destroy (with its reason) does.
 */
@ApplicationScoped
public class RaceEngine {
    private static final Logger LOG = Logger.getLogger(RaceEngine.class);

    /** This replica, as the owner of the races it drives. */
    private final String replicaId;

    private final RaceStore store;
    private final InstanceService instances;
    private final OfferService offers;
    private final HostStatsService hostStats;
    private final CandidateMoves moves;
    private final RaceConfig config;
    private final LaunchRaceRepository races;
    private final Ownership ownership;
    private final Map<UUID, RaceRun> running = new ConcurrentHashMap<>();

    public RaceEngine(RaceStore store, InstanceService instances, OfferService offers, HostStatsService hostStats,
            CandidateMoves moves, RaceConfig config, LaunchRaceRepository races, Ownership ownership) {
        this.replicaId = ownership.self();
        this.ownership = ownership;
        this.store = store;
        this.instances = instances;
        this.offers = offers;
        this.hostStats = hostStats;
        this.moves = moves;
        this.config = config;
        this.races = races;
    }

    /** What a candidate's readiness stream says. */
    sealed interface Signal permits Observed, WatchFailed, TimedOut {
        Contender contender();
    }

    record Observed(Contender contender, Observation observation) implements Signal {
    }

    record WatchFailed(Contender contender, Throwable error) implements Signal {
    }

    record TimedOut(Contender contender) implements Signal {
    }

    /** Marks a create that failed, so readiness streams end quietly (the create's own callback reports it). */
    private static final class CreateFailed extends RuntimeException {
        CreateFailed(Throwable cause) {
            super(cause);
        }
    }

    String replicaId() {
        return replicaId;
    }

    RaceRun running(UUID raceId) {
        return running.get(raceId);
    }

    Duration scaled(double seconds) {
        return RacePolicy.scaled(seconds, config.timeScale());
    }

    /** Drives the race in the background; the race row exists and this replica holds its lease. */
    void drive(RaceRun run) {
        running.put(run.raceId, run);
        Cancellable lease = renewLease(run);
        RacePolicy p = run.policy;
        Uni<Outcome> won = signals(run)
                .onItem().invoke(s -> note(run, s))
                .select().where(s -> s instanceof Observed o && o.observation().ready())
                .toUni()
                .map(s -> s == null ? Outcome.of(Kind.FAILED, "no machine became ready: every machine launched failed")
                        : new Outcome(Kind.WON, s.contender(), ((Observed) s).observation(), null));
        Uni<Outcome> timedOut = Uni.createFrom().item(Outcome.of(Kind.TIMED_OUT, "no machine was ready within "
                + p.timeoutSeconds() + " s")).onItem().delayIt().by(scaled(p.timeoutSeconds()));
        Uni<Outcome> interrupted = Uni.createFrom().completionStage(run.interrupt::copy);
        Uni.combine().any().<Outcome>of(won, timedOut, interrupted)
                .onFailure().recoverWithItem(e -> Outcome.of(Kind.FAILED, "the race stopped: " + e))
                .subscribe().with(o -> settle(run, o, lease));
    }

    /**
     * Every wave's candidates' readiness, merged. Wave n+1 starts after the interval, or at once when
     * every machine so far is down. Ranking by host statistics, it also waits while a machine in flight
     * is still on schedule by its host's observed boots: a wave is a hedge against late machines, and
     * statistics say when a machine is late.
     */
    private Multi<Signal> signals(RaceRun run) {
        RacePolicy p = run.policy;
        return Multi.createFrom().range(1, p.maxWaves() + 1)
                .onItem().transformToUniAndConcatenate(w -> w == 1 ? Uni.createFrom().item(w)
                        : Uni.combine().any().<Integer>of(
                                Uni.createFrom().voidItem().onItem().delayIt().by(scaled(p.waveIntervalSeconds()))
                                        .chain(() -> p.rankByHostStats() ? whileOnSchedule(run)
                                                : Uni.createFrom().voidItem())
                                        .replaceWith(w),
                                Uni.createFrom().completionStage(() -> run.downAfter(w - 1).copy()).replaceWith(w)))
                .onItem().transformToMulti(w -> wave(run, w)).merge(p.maxWaves());
    }

    private Uni<Void> whileOnSchedule(RaceRun run) {
        return Uni.createFrom().deferred(() -> {
            long wait = run.onScheduleForNanos();
            return wait <= 0 ? Uni.createFrom().voidItem()
                    // Vert.x timers take whole milliseconds, at least one
                    : Uni.createFrom().voidItem().onItem()
                            .delayIt().by(Duration.ofMillis(Math.max(1, (wait + 999_999) / 1_000_000)))
                            .chain(() -> whileOnSchedule(run));
        });
    }

    private Multi<Signal> wave(RaceRun run, int w) {
        return pick(run).onItem().transformToMulti(picked -> {
            List<Contender> cs = run.register(w, picked);
            if (cs.isEmpty()) {
                if (run.outcome() == null) {
                    store.event(run, RaceEvent.WAVE_LAUNCHED, RaceEvent.wave(w, List.of(),
                            "no offer left that this race has not tried"), false);
                }
                return Multi.createFrom().<Signal>empty();
            }
            store.waveLaunched(run, w, cs);
            cs.forEach(c -> launch(run, c));
            return Multi.createFrom().iterable(cs).onItem().transformToMulti(c -> readiness(run, c)).merge(cs.size());
        }).onFailure().recoverWithMulti(e -> {
            LOG.warnf("Race %s: wave %d could not start: %s", run.raceId, w, e.toString());
            run.register(w, List.of());
            store.event(run, RaceEvent.WAVE_LAUNCHED, RaceEvent.wave(w, List.of(), "could not search offers: "
                    + e.getMessage()), false);
            return Multi.createFrom().empty();
        });
    }

    /** The wave's offers: best ranked first, hosts not yet tried, one per host. */
    private Uni<List<CandidateRanking.Ranked>> pick(RaceRun run) {
        boolean useStats = run.policy.rankByHostStats();
        double prior = OfferService.PRIOR_BOOT_SECONDS * config.timeScale();
        return offers.matching(run.query).chain(found -> {
            var providers = found.stream().map(Offer::provider).collect(Collectors.toSet());
            return (useStats ? hostStats.forProviders(providers) : Uni.createFrom().item(Map.<String,
                    Map<String, HostStatsRepository.HostStats>>of()))
                    .map(stats -> CandidateRanking.wave(CandidateRanking.rank(found, stats, useStats, prior),
                            run.tried(), run.policy.waveSize()));
        });
    }

    /** Starts the create call, outside every stream (nothing downstream can cancel it). */
    private void launch(RaceRun run, Contender c) {
        instances.launch(run.tenantId, c.offer, run.image, run.diskGb, i -> store.insertCandidate(run, c, i), i -> { })
                .subscribe().with(i -> created(run, c, i), e -> createFailed(run, c, e));
    }

    /** The create answered: the machine boots, unless the race moved on meanwhile (then it is destroyed now). */
    private void created(RaceRun run, Contender c, Instance instance) {
        synchronized (run) {
            c.instance = instance;
        }
        boolean booting = moves.move(run, c, Move.booting());
        c.created.complete(instance);
        if (!booting) {
            LOG.debugf("Race %s: create on %s returned after the race moved on; destroying it", run.raceId,
                    c.offer.hostId());
            destroy(run, c, "its create answered after the race had moved on");
        }
    }

    private void createFailed(RaceRun run, Contender c, Throwable e) {
        c.settled = true;
        moves.move(run, c, Move.createFailed("create failed: " + e.getMessage(), e instanceof ProviderException));
        c.created.completeExceptionally(new CreateFailed(e));
        c.done.complete(null);
    }

    /** One candidate: provider status and shell probe until ready, or its failure, or giving up on it. */
    private Multi<Signal> readiness(RaceRun run, Contender c) {
        RacePolicy p = run.policy;
        Multi<Signal> s = Uni.createFrom().completionStage(c.created::copy)
                .onItem().transformToMulti(i -> instances.watchUntilReady(i, c.closeWatch(scaled(
                        config.closeWatchInterval().toNanos() / 1e9))).map(o -> (Signal) new Observed(c, o))
                        .onFailure().recoverWithItem(e -> new WatchFailed(c, e)))
                .onFailure(CreateFailed.class).recoverWithCompletion()
                .onItem().invoke(sig -> {
                    if (sig instanceof WatchFailed || (sig instanceof Observed o && o.observation().ready())) {
                        c.settled = true;
                    }
                });
        if (p.candidateTimeoutSeconds() < p.timeoutSeconds()) {
            s = s.select().first(scaled(p.candidateTimeoutSeconds()))
                    .onCompletion().switchTo(() -> c.settled ? Multi.createFrom().<Signal>empty()
                            : Multi.createFrom().<Signal>item(new TimedOut(c)));
        }
        return s;
    }

    /** Bookkeeping of a signal; never delays the decision (writes go through the race's journal). */
    private void note(RaceRun run, Signal s) {
        Contender c = s.contender();
        if (s instanceof Observed o) {
            if (o.observation().ready()) {
                return; // the decision handles it
            }
            String state = o.observation().machine().state().name();
            boolean changed;
            synchronized (run) {
                changed = c.live() && !state.equals(c.providerState);
                c.providerState = state;
            }
            if (changed) {
                store.candidate(run, c, row -> row.providerState = state, RaceEvent.of(c, CandidateStatus.BOOTING, state, null,
                        null, null));
            }
            return;
        }
        String why = s instanceof WatchFailed f ? "its machine failed: " + f.error().getMessage()
                : "not ready within " + run.policy.candidateTimeoutSeconds() + " s";
        if (moves.move(run, c, Move.givenUp())) {
            destroy(run, c, why);
        }
    }

    /**
     * Destroys a contender's machine (once, whoever asks; a machine whose create is still in flight is
     * destroyed when the create returns) and books it: its cost, and what its host taught us (a boot if
     * it was ready meanwhile, else a censored boot; failures are booked when they happen). False when
     * this call did not start the destroy. Never fails.
     */
    private boolean destroy(RaceRun run, Contender c, String message) {
        synchronized (run) {
            if (c.instance == null || c.destroyStarted) {
                return false;
            }
            c.destroyStarted = true;
        }
        TerminationReason reason = c.destroyReason;
        instances.destroy(c.instance.id, reason, row -> {
            c.destroyCalledNanos = System.nanoTime();
            c.destroyCalledAt = UtcClock.now();
        }).subscribe().with(row -> {
            BigDecimal cost = row == null ? BigDecimal.ZERO : row.costSoFar(UtcClock.now());
            run.addLoserCost(cost);
            Lesson lesson = reason == TerminationReason.BOOT_FAILED || row == null ? Lesson.NONE
                    : row.readyAt != null ? new Lesson.Boot(Duration.between(row.createdAt, row.readyAt).toNanos() / 1e9)
                    : Lesson.CENSORED;
            moves.move(run, c, Move.destroyed(reason, cost, message, lesson,
                    row == null ? UtcClock.now() : row.destroyedAt, c.destroyCalledAt));
            c.done.complete(null);
        }, failure -> {
            LOG.warnf("Race %s: destroying %s failed (the orphan reaper retries): %s", run.raceId, c.instance.id,
                    failure.getMessage());
            store.candidate(run, c, r -> r.error = RaceStore.shorten("destroy failed: " + failure.getMessage()), null);
            c.done.complete(null);
        });
        return true;
    }

    /** The race is decided: keep the winner, destroy every other machine now, then finish when all are gone. */
    private void settle(RaceRun run, Outcome outcome, Cancellable lease) {
        if (!run.decide(outcome)) {
            return;
        }
        Contender winner = outcome.winner();
        TerminationReason reason = outcome.loserReason();
        if (winner != null) {
            if (!moves.move(run, winner, Move.won(outcome.observation(), bootSeconds(winner, outcome)))) {
                LOG.errorf("Race %s: its winner %s was %s when it was chosen", run.raceId, winner.id, winner.status());
            }
            winner.settled = true;
            winner.done.complete(null);
        }
        List<Contender> destroyNow = new ArrayList<>();
        for (Contender c : run.contenders()) {
            if (c == winner) {
                continue;
            }
            if (outcome.kind() == Kind.LOST_LEASE) {
                // the replica that took the race over decides about booting machines; creates in
                // flight are never wanted by anyone, so they are destroyed when they return
                if (!moves.move(run, c, Move.abandoned(reason)) && c.status() != CandidateStatus.DESTROYING) {
                    c.done.complete(null);
                }
            } else if (moves.move(run, c, Move.destroying(reason)) && destroy(run, c, lostBecause(outcome))) {
                destroyNow.add(c);
            }
        }
        if (outcome.kind() == Kind.LOST_LEASE) {
            LOG.warnf("Race %s: another replica took it over; this one stops driving it", run.raceId);
        } else {
            store.decided(run, outcome);
        }
        run.decided.complete(outcome);
        List<Uni<Void>> done = run.contenders().stream().map(c -> Uni.createFrom().completionStage(c.done::copy))
                .toList();
        Uni<Void> allDone = done.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(done).andCollectFailures().replaceWithVoid();
        allDone.ifNoItem().after(config.lateCreateWait()).recoverWithItem(() -> null)
                .onFailure().recoverWithNull()
                .subscribe().with(x -> finish(run, outcome, destroyNow, lease));
    }

    private void finish(RaceRun run, Outcome outcome, List<Contender> destroyedAtDecision, Cancellable lease) {
        Double reactionMs = null;
        if (outcome.observation() != null && !destroyedAtDecision.isEmpty()
                && destroyedAtDecision.stream().allMatch(c -> c.destroyCalledNanos != 0)) {
            long last = destroyedAtDecision.stream().mapToLong(c -> c.destroyCalledNanos).max().orElseThrow();
            reactionMs = (last - outcome.observation().nanoTime()) / 1e6;
        }
        Uni<Void> written = outcome.kind() == Kind.LOST_LEASE ? Uni.createFrom().voidItem()
                : store.finished(run, outcome, reactionMs);
        written.subscribe().with(x -> {
            lease.cancel();
            running.remove(run.raceId);
            run.finished.complete(null);
        });
    }

    private static String lostBecause(Outcome o) {
        return switch (o.kind()) {
            case WON -> "another machine was ready first";
            case CANCELLED -> "the race was cancelled";
            case TIMED_OUT -> "the race timed out";
            default -> o.error();
        };
    }

    /** Renews this replica's lease while it drives the race; a lost lease or a cancel asked elsewhere interrupts it. */
    private Cancellable renewLease(RaceRun run) {
        return ownership.keepRenewed(LaunchRaceRepository.UNFINISHED, run.raceId, config.lease(), held -> held
                ? races.cancelRequested(run.raceId).invoke(asked -> {
                    if (asked) {
                        run.interrupt.complete(Outcome.of(Kind.CANCELLED, "cancelled"));
                    }
                }).replaceWithVoid()
                : Uni.createFrom().voidItem().invoke(() -> run.interrupt.complete(Outcome.of(Kind.LOST_LEASE,
                        "another replica took the race over"))));
    }

    /** Create call to observed ready, in seconds of this replica's clock. */
    static double bootSeconds(Contender c, Outcome o) {
        return (o.observation().nanoTime() - c.launchNanos) / 1e9;
    }
}
