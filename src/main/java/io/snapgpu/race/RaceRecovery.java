package io.snapgpu.race;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.snapgpu.cluster.OwnedWork;
import io.snapgpu.cluster.Ownership;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.progress.ProgressHub;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Ends races whose replica stopped driving them (crash, kill -9, lost lease), on whichever replica
 * takes them over first (Ownership's recovery round). A race ends cleanly: a machine that is
 * ready is kept as the winner (the one it had chosen, else the first ready one), every other
 * machine is destroyed, and the race is WON, or FAILED/CANCELLED with nothing left alive.
 */
@ApplicationScoped
public class RaceRecovery implements OwnedWork {
    private static final Logger LOG = Logger.getLogger(RaceRecovery.class);
    /** How long one look at a booting machine may take during recovery. */
    private static final Duration LOOK = Duration.ofSeconds(15);

    private final Db db;
    private final LaunchRaceRepository races;
    private final CandidateRepository candidates;
    private final InstanceService instances;
    private final HostStatsService hostStats;
    private final ProgressHub hub;
    private final RaceEngine engine;
    private final RaceStore store;
    private final RaceConfig config;
    private final Ownership ownership;

    public RaceRecovery(Db db, LaunchRaceRepository races, CandidateRepository candidates, InstanceService instances,
            HostStatsService hostStats, ProgressHub hub, RaceEngine engine, RaceStore store, RaceConfig config,
            Ownership ownership) {
        this.ownership = ownership;
        this.db = db;
        this.races = races;
        this.candidates = candidates;
        this.instances = instances;
        this.hostStats = hostStats;
        this.hub = hub;
        this.engine = engine;
        this.store = store;
        this.config = config;
    }

    @Override
    public WorkTable<UUID> table() {
        return LaunchRaceRepository.UNFINISHED;
    }

    @Override
    public Duration lease() {
        return config.lease();
    }

    /** Ends a race this replica has just taken over, keeping its lease while the recovery runs. */
    @Override
    public Uni<Void> adopt(UUID id) {
        return keepingLease(id, recover(id));
    }

    /**
     * Renews the claimed race's lease while its recovery runs: a recovery waits on booting machines for up
     * to {@link #LOOK} each, longer than a lease, and an expired lease would let the next round claim the
     * race again and end it a second time with another winner.
     */
    private <T> Uni<T> keepingLease(UUID raceId, Uni<T> recovery) {
        return Uni.createFrom().deferred(() -> {
            Cancellable renewal = ownership.keepRenewed(LaunchRaceRepository.UNFINISHED, raceId, config.lease(),
                    held -> Uni.createFrom().voidItem());
            return recovery.onTermination().invoke(renewal::cancel);
        });
    }

    private record Entry(Candidate candidate, Instance instance) {
    }

    Uni<Void> recover(UUID raceId) {
        return db.read(() -> races.findById(raceId).chain(r -> candidates.byRace(raceId).map(cs -> new RaceDetails(r, cs))))
                .chain(d -> Multi.createFrom().iterable(d.candidates())
                        .onItem().transformToUniAndConcatenate(c -> (c.instanceId == null ? Uni.createFrom().<Instance>nullItem()
                                : instances.locate(c.instanceId)).map(i -> new Entry(c, i)))
                        .collect().asList()
                        .chain(entries -> winner(d, entries).chain(w -> end(d, entries, w))));
    }

    /** The winner already chosen, else the first machine that is ready now (one look at each booting one). */
    private Uni<Entry> winner(RaceDetails d, List<Entry> entries) {
        if (d.race().status == RaceStatus.CANCELLED || d.race().status == RaceStatus.FAILED
                || d.race().cancelRequestedAt != null) {
            return Uni.createFrom().nullItem();
        }
        for (Entry e : entries) {
            if (e.candidate().id.equals(d.race().winnerCandidateId)) {
                return Uni.createFrom().item(e);
            }
        }
        List<Entry> ready = entries.stream().filter(e -> e.instance() != null && e.instance().status == InstanceStatus.READY)
                .sorted(Comparator.comparing(e -> e.instance().readyAt)).toList();
        if (!ready.isEmpty()) {
            return Uni.createFrom().item(ready.get(0));
        }
        List<Entry> booting = entries.stream().filter(e -> e.instance() != null
                && e.instance().status == InstanceStatus.BOOTING && e.instance().providerInstanceId != null).toList();
        return Multi.createFrom().iterable(booting)
                .onItem().transformToUniAndConcatenate(e -> instances.watchUntilReady(e.instance()).toUni()
                        .ifNoItem().after(LOOK).recoverWithItem(() -> null)
                        .onFailure().recoverWithNull()
                        .map(o -> o != null && o.ready() ? Optional.of(e) : Optional.<Entry>empty()))
                .select().where(o -> o.isPresent()).toUni()
                .map(o -> o == null ? null : o.get());
    }

    private Uni<Void> end(RaceDetails d, List<Entry> entries, Entry winner) {
        LaunchRace race = d.race();
        RaceStatus status = winner != null ? RaceStatus.WON
                : race.status == RaceStatus.CANCELLED || race.cancelRequestedAt != null ? RaceStatus.CANCELLED
                : RaceStatus.FAILED;
        TerminationReason reason = winner != null ? TerminationReason.LOST_RACE : status == RaceStatus.CANCELLED
                ? TerminationReason.RACE_CANCELLED : race.status == RaceStatus.FAILED ? TerminationReason.RACE_TIMEOUT
                : TerminationReason.RACE_CANCELLED;
        String message = "the replica driving this race stopped; recovered by " + engine.replicaId();
        List<Entry> others = entries.stream().filter(e -> e != winner).toList();
        return hub.expect(race.tenantId, race.id).chain(() -> publish(race, RaceEvent.RACE_RECOVERED, RaceEvent.end(race.status, null, message), false)
                .chain(() -> Multi.createFrom().iterable(others)
                        .onItem().transformToUni(e -> endCandidate(race, e, reason)).merge(8)
                        .collect().asList())
                .chain(costs -> {
                    BigDecimal losersCost = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    String error = status == RaceStatus.WON ? null : race.error != null ? race.error
                            : "interrupted before any machine was ready: " + message;
                    Uni<Void> keep = winner == null ? Uni.createFrom().voidItem() : db.tx(() -> candidates
                            .findById(winner.candidate().id).invoke(c -> {
                                c.status = CandidateStatus.READY;
                                c.readyAt = c.readyAt != null ? c.readyAt : winner.instance().readyAt;
                            })).replaceWithVoid();
                    return keep.chain(() -> store.end(race.tenantId, race.id, new RaceStore.RaceEnd(status, true,
                            winner == null ? null : winner.candidate().id, winner == null ? null : winner.instance().readyAt,
                            error, losersCost, null,
                            error == null ? "recovered: the ready machine is kept, every other one destroyed" : error)));
                }));
    }

    /** Destroys a non-winner's machine if it is still alive and books the candidate; returns its cost. */
    private Uni<BigDecimal> endCandidate(LaunchRace race, Entry e, TerminationReason reason) {
        Candidate c = e.candidate();
        Instance i = e.instance();
        boolean alive = i != null && i.status.alive();
        Uni<Instance> ended = alive ? instances.destroy(i.id, reason) : Uni.createFrom().item(i);
        return ended.chain(row -> {
            BigDecimal cost = row == null || row.status == InstanceStatus.FAILED ? BigDecimal.ZERO
                    : row.costSoFar(UtcClock.now());
            boolean failed = c.status == CandidateStatus.FAILED || (row != null && row.status == InstanceStatus.FAILED);
            if (alive && row != null && row.readyAt == null) {
                hostStats.recordCensored(c.provider, c.hostId).subscribe().with(x -> { });
            }
            Uni<Void> book = db.tx(() -> candidates.findById(c.id).invoke(r -> {
                if (!r.status.ended()) {
                    r.status = failed ? CandidateStatus.FAILED
                            : row != null && row.status == InstanceStatus.DESTROYING ? CandidateStatus.DESTROYING
                            : CandidateStatus.DESTROYED;
                    r.terminationReason = r.terminationReason != null ? r.terminationReason
                            : failed ? TerminationReason.CREATE_FAILED : reason;
                    r.destroyedAt = row == null ? null : row.destroyedAt;
                    r.cost = cost;
                }
            })).replaceWithVoid();
            Uni<Void> told = !alive ? Uni.createFrom().voidItem()
                    : publish(race, RaceEvent.LOSER_DESTROYED, RaceEvent.candidate(c.id, c.wave, c.provider, c.hostId,
                            CandidateStatus.DESTROYED, null, 0, reason, cost, "destroyed during recovery"), false);
            return book.chain(() -> told).replaceWith(cost);
        }).onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(3);
    }

    private Uni<Void> publish(LaunchRace race, String type, RaceEvent event, boolean terminal) {
        return store.publish(race.tenantId, race.id, type, event, terminal);
    }
}
