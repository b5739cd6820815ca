package io.snapgpu.failover;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.OwnedWork;
import io.snapgpu.cluster.Replica;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.ShellConnector;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.progress.ProgressEvent;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.race.LaunchRaceService;
import io.snapgpu.race.RaceDetails;
import io.snapgpu.race.RaceStatus;
import io.snapgpu.restore.RestoreJob;
import io.snapgpu.restore.RestorePhase;
import io.snapgpu.restore.RestoreService;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotKind;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Failover: a lost machine's workspace onto a new machine. A PRE_FAILOVER snapshot while the lost
 * machine still answers; a race for a replacement with its offer filters (same GPU model and count,
 * its race's region) and the restore of the newest successful snapshot onto the winner (critical
 * files first, through {@link RestoreService}); then the lost machine destroyed and recorded FAILED
 * (LOST), and its backup policy moved to the new machine. Every step is stored first, so the replica
 * that claims the failover of a replica that died resumes it where it stood. A failover of a machine
 * that answers again before its replacement is started is cancelled; attempts are bounded, with back-off.
 */
@ApplicationScoped
public class FailoverService implements OwnedWork {
    private static final Logger LOG = Logger.getLogger(FailoverService.class);

    private final Failovers failovers;
    private final InstanceService instances;
    private final ProviderRegistry providers;
    private final ShellConnector shells;
    private final SnapshotService snapshots;
    private final RestoreService restores;
    private final LaunchRaceService races;
    private final ProgressHub progress;
    private final Replica replica;
    private final FailoverConfig config;
    /** Failovers this replica drives now: never two drivers of one in a process. */
    private final Set<UUID> driving = ConcurrentHashMap.newKeySet();

    public FailoverService(Failovers failovers, InstanceService instances, ProviderRegistry providers,
            ShellConnector shells, SnapshotService snapshots, RestoreService restores,
            LaunchRaceService races, ProgressHub progress, Replica replica, FailoverConfig config) {
        this.races = races;
        this.failovers = failovers;
        this.instances = instances;
        this.providers = providers;
        this.shells = shells;
        this.snapshots = snapshots;
        this.restores = restores;
        this.progress = progress;
        this.replica = replica;
        this.config = config;
    }


    public FailoverConfig config() {
        return config;
    }

    /** What the progress stream carries: the failover as it is after each step. */
    public record FailoverProgress(Failover.Status status, Failover.Trigger trigger, String detail, String instanceId,
            String newInstanceId, String preSnapshotId, String snapshotId, String restoreJobId, int attempts,
            int maxAttempts, OffsetDateTime nextAttemptAt, OffsetDateTime usableAt, String error) {
        static FailoverProgress of(Failover f) {
            return new FailoverProgress(f.status, f.trigger, f.detail, str(f.instanceId), str(f.newInstanceId),
                    str(f.preSnapshotId), str(f.snapshotId), str(f.restoreJobId), f.attempts, f.maxAttempts,
                    f.nextAttemptAt, f.usableAt, f.error);
        }

        private static String str(UUID id) {
            return id == null ? null : id.toString();
        }
    }

    // ---- what people ask for -------------------------------------------------------------------------

    /** "Move my workspace to another machine": a failover of a machine that is fine, on request. */
    public Uni<Failover> move(Caller caller, String instanceId) {
        UUID id = Inputs.uuid("instanceId", instanceId);
        return instances.find(caller, id).chain(i -> {
            if (i == null) {
                throw new InputException("instanceId", "no such instance");
            }
            if (i.status != InstanceStatus.READY && i.status != InstanceStatus.RUNNING) {
                throw new InputException("instanceId", "the instance must be READY or RUNNING to move (it is "
                        + i.status + ")");
            }
            return begin(i, Failover.Trigger.USER, "requested by " + caller.username()).map(f -> {
                if (!f.created) {
                    throw new InputException("instanceId", "a failover of this instance is running already ("
                            + f.failover.id + ")");
                }
                return f.failover;
            });
        });
    }

    /** Failover on loss for this machine: on, off, or null for the default (on when it has a backup policy). */
    public Uni<Instance> setEnabled(Caller caller, String instanceId, Boolean enabled) {
        UUID id = Inputs.uuid("instanceId", instanceId);
        return instances.find(caller, id).chain(i -> {
            if (i == null) {
                throw new InputException("instanceId", "no such instance");
            }
            return instances.update(id, row -> row.failoverEnabled = enabled);
        });
    }

    public Uni<Failover> find(Caller caller, UUID id) {
        return failovers.find(caller.tenantId(), id);
    }

    /** Newest first; of one machine (as the lost or the new one) when {@code instanceId} is given. */
    public Uni<List<Failover>> list(Caller caller, UUID instanceId, boolean activeOnly, int limit) {
        Inputs.range("limit", limit, 1, 500);
        return failovers.list(caller.tenantId(), instanceId, activeOnly, limit);
    }

    public Multi<FailoverProgress> stream(Caller caller, UUID id) {
        return progress.stream(caller.tenantId(), id).map(e -> e.payloadAs(FailoverProgress.class));
    }

    // ---- losses ---------------------------------------------------------------------------------------

    /** Whether a loss of this machine fails over: its own setting, else whether it has a backup policy. */
    public Uni<Boolean> enabledFor(Instance i) {
        if (i.failoverEnabled != null) {
            return Uni.createFrom().item(i.failoverEnabled);
        }
        return snapshots.backupsEnabled(i.id);
    }

    /**
     * The machine watch found {@code i} lost: a failover when it is on for the machine, else the machine
     * is recorded FAILED (LOST) and destroyed at its provider, so nothing bills unseen.
     */
    public Uni<Void> lost(Instance i, Failover.Trigger trigger, String detail) {
        return enabledFor(i).chain(on -> {
            if (on) {
                return begin(i, trigger, detail).invoke(b -> {
                    if (b.created) {
                        LOG.warnf("Machine %s is lost (%s: %s): failover %s", i.id, trigger, detail, b.failover.id);
                    }
                }).replaceWithVoid();
            }
            LOG.warnf("Machine %s is lost (%s: %s); failover is off for it: recorded FAILED and destroyed", i.id,
                    trigger, detail);
            return instances.retire(i.id, TerminationReason.LOST, true).replaceWithVoid();
        });
    }

    record Begun(Failover failover, boolean created) {
    }

    /** Records a failover of {@code i} unless one is active already (across replicas), and drives it here. */
    Uni<Begun> begin(Instance i, Failover.Trigger trigger, String detail) {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = UtcClock.now();
        return progress.expect(i.tenantId, id).chain(() -> failovers.insertUnlessActive(new Failovers.New(id,
                i.tenantId, i.id, trigger, detail, config.maxAttempts(), replica.id(), i.pricePerHour, at)))
                .chain(created -> created
                        ? load(id).call(f -> publish(f)).invoke(f -> drive(f.id)).map(f -> new Begun(f, true))
                        : failovers.activeOf(i.id).map(f -> new Begun(f, false)));
    }

    // ---- driving --------------------------------------------------------------------------------------

    /** Drives the failover in the background until it ends, or another replica owns it. */
    void drive(UUID id) {
        if (!driving.add(id)) {
            return;
        }
        loop(id).eventually(() -> driving.remove(id)).subscribe().with(
                f -> LOG.infof("Failover %s: %s", id, f == null ? "gone" : f.status),
                e -> LOG.warnf("Failover %s stopped: %s", id, e.getMessage()));
    }

    private record Turn(Failover failover, boolean again) {
    }

    /**
     * One step after the other, each reading the stored failover first, while it is active and this
     * replica owns it. A step that fails is retried with back-off, a bounded number of times.
     */
    private Uni<Failover> loop(UUID id) {
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        int allowed = config.maxAttempts() * 3;
        return Multi.createBy().repeating().uni(() -> load(id).chain(f -> {
            if (f == null || !f.status.active() || !replica.id().equals(f.owner)) {
                return Uni.createFrom().item(new Turn(f, false));
            }
            return step(f).invoke(() -> errors.set(0)).replaceWith(new Turn(f, true)).onFailure().recoverWithUni(e -> {
                int n = errors.incrementAndGet();
                LOG.warnf("Failover %s, %s: %s (%d of %d)", id, f.status, e.getMessage(), n, allowed);
                if (n >= allowed) {
                    return end(f.id, Failover.Status.FAILED, "gave up after repeated errors: " + message(e))
                            .map(x -> new Turn(x, false));
                }
                return pause(backoff(n)).replaceWith(new Turn(f, true));
            });
        })).whilst(Turn::again).collect().last().chain(last -> load(id));
    }

    private Uni<Void> step(Failover f) {
        return switch (f.status) {
            case DETECTED -> (f.trigger == Failover.Trigger.USER ? Uni.createFrom().item(false) : cameBack(f))
                    .chain(back -> back
                    ? end(f.id, Failover.Status.CANCELLED, "the machine answers again").replaceWithVoid()
                    : set(f.id, Failover.Status.SNAPSHOTTING, x -> { }));
            case SNAPSHOTTING -> preFailoverSnapshot(f);
            case REPLACING -> replace(f);
            case RETIRING -> retire(f);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** A PRE_FAILOVER snapshot if the lost machine still answers (kept 30 days); then the replacement. */
    private Uni<Void> preFailoverSnapshot(Failover f) {
        if (f.preSnapshotId != null) { // taken (or begun by a replica that died: its own recovery ends it)
            return set(f.id, Failover.Status.REPLACING, x -> { });
        }
        return lostMachine(f).chain(lost -> answers(lost).chain(yes -> {
            if (!yes) {
                return set(f.id, Failover.Status.REPLACING, x -> x.detail = append(x.detail,
                        "no PRE_FAILOVER snapshot: the machine does not answer"));
            }
            return snapshots.record(lost, SnapshotKind.PRE_FAILOVER, "before failover " + f.id, null)
                    .call(s -> update(f.id, x -> x.preSnapshotId = s.id))
                    .chain(s -> snapshots.run(lost, s).ifNoItem().after(config.snapshotTimeout()).fail())
                    .map(s -> s.status == SnapshotStatus.SUCCEEDED ? "PRE_FAILOVER snapshot " + s.id + " taken"
                            : "the PRE_FAILOVER snapshot failed: " + s.error)
                    .onFailure().recoverWithItem(e -> "the PRE_FAILOVER snapshot failed: " + message(e))
                    .chain(note -> set(f.id, Failover.Status.REPLACING, x -> x.detail = append(x.detail, note)));
        }));
    }

    /**
     * One attempt at a replacement, or a look at the one under way: a restore (racing a new machine, or
     * onto the replacement an earlier attempt left ready) of the newest successful snapshot.
     */
    private Uni<Void> replace(Failover f) {
        if (f.nextAttemptAt != null && UtcClock.now().isBefore(f.nextAttemptAt)) {
            return pause(Duration.between(UtcClock.now(), f.nextAttemptAt));
        }
        if (f.restoreJobId != null) {
            return restores.find(Caller.system(f.tenantId), f.restoreJobId).chain(job -> examine(f, job));
        }
        Uni<Boolean> back = f.trigger == Failover.Trigger.USER ? Uni.createFrom().item(false) : cameBack(f);
        return back.chain(yes -> {
            if (yes) {
                return end(f.id, Failover.Status.CANCELLED, "the machine answers again").replaceWithVoid();
            }
            return newestSnapshot(f).chain(snapshot -> {
                if (snapshot == null) {
                    return end(f.id, Failover.Status.FAILED, "no successful snapshot of this machine to restore")
                            .replaceWithVoid();
                }
                return Uni.combine().all().unis(lostMachine(f), replacementLeft(f)).asTuple().chain(t -> {
                    Instance lost = t.getItem1();
                    Instance fresh = t.getItem2();
                    return filterFor(lost).chain(filter -> restores.restoreForFailover(f.tenantId, snapshot, fresh,
                            filter, job -> failovers.attemptStarted(f.id, job.id, snapshot.id)))
                            .chain(job -> load(f.id)).call(this::publish).replaceWithVoid();
                });
            });
        });
    }

    /** The restore of this attempt: done (→ RETIRING), still going (wait), or failed (→ next attempt or FAILED). */
    private Uni<Void> examine(Failover f, RestoreJob job) {
        if (job == null) {
            return update(f.id, x -> x.restoreJobId = null).replaceWithVoid();
        }
        if (job.phase == RestorePhase.DONE && f.cancelRequestedAt == null) {
            return machine(f, job.instanceId).chain(n -> set(f.id,
                    Failover.Status.RETIRING, x -> {
                        x.newInstanceId = job.instanceId;
                        x.usableAt = job.usableAt;
                        x.newPricePerHour = n == null ? null : n.pricePerHour;
                        x.error = null;
                    }));
        }
        boolean overdue = job.createdAt.plus(config.attemptTimeout()).isBefore(UtcClock.now());
        boolean ended = job.phase == RestorePhase.FAILED || job.phase == RestorePhase.DONE;
        if (f.cancelRequestedAt != null) {
            // the lost machine is back: its replacement is ended once its race or restore is over
            return leftBy(job).chain(left -> {
                if ((!ended || left.waiting()) && !overdue) {
                    return pause(config.pollInterval());
                }
                return (left.instance() == null ? Uni.createFrom().voidItem() : abandon(left.instance().id))
                        .chain(() -> end(f.id, Failover.Status.CANCELLED, "the machine answers again")).replaceWithVoid();
            });
        }
        if (job.phase != RestorePhase.FAILED && !overdue) {
            // the restore goes on (here, or its replica's recovery ends it); meanwhile the lost machine may come back
            Uni<Boolean> back = f.trigger == Failover.Trigger.USER ? Uni.createFrom().item(false) : cameBack(f);
            return back.chain(yes -> !yes ? pause(config.pollInterval()) : update(f.id, x -> {
                x.cancelRequestedAt = UtcClock.now();
                x.detail = append(x.detail, "the machine answers again: its replacement is ended");
            }).call(this::publish).chain(x -> job.raceId == null ? Uni.createFrom().voidItem()
                    : races.cancel(Caller.system(f.tenantId), job.raceId).replaceWithVoid()));
        }
        // failed (or stuck): keep a ready machine it left for the next attempt, once its race is over
        return leftBy(job).chain(left -> {
            if (left.waiting() && !overdue) {
                return pause(config.pollInterval());
            }
            Instance keep = left.instance();
            String why = job.phase == RestorePhase.FAILED ? job.error : "the attempt took longer than "
                    + config.attemptTimeout().toMinutes() + " min";
            Uni<Void> dropOld = f.newInstanceId != null && (keep == null || !keep.id.equals(f.newInstanceId))
                    ? abandon(f.newInstanceId) : Uni.createFrom().voidItem();
            if (f.attempts >= f.maxAttempts) {
                return dropOld.chain(() -> keep == null ? Uni.createFrom().voidItem() : abandon(keep.id))
                        .chain(() -> end(f.id, Failover.Status.FAILED, "no replacement after " + f.attempts
                                + " attempt(s); the last one: " + why)).replaceWithVoid();
            }
            Duration wait = backoff(f.attempts);
            return dropOld.chain(() -> set(f.id, Failover.Status.REPLACING, x -> {
                x.restoreJobId = null;
                x.newInstanceId = keep == null ? null : keep.id;
                x.error = "attempt " + f.attempts + " of " + f.maxAttempts + " failed: " + why;
                x.nextAttemptAt = UtcClock.now().plus(wait);
            }));
        });
    }

    record Left(Instance instance, boolean waiting) {
    }

    /**
     * The ready machine a failed attempt left (its restore's machine, or the winner of its race), or that
     * it is too early to tell (its race still runs, or its machine is still RESTORING until the restore's
     * recovery resets it).
     */
    private Uni<Left> leftBy(RestoreJob job) {
        Uni<RaceDetails> race = job.raceId == null ? Uni.createFrom().nullItem()
                : races.find(Caller.system(job.tenantId), job.raceId);
        return race.chain(d -> {
            if (d != null && d.race().status == RaceStatus.RUNNING) {
                return Uni.createFrom().item(new Left(null, true));
            }
            UUID mid = job.instanceId != null ? job.instanceId
                    : d == null || d.winner() == null ? null : d.winner().instanceId;
            return mid == null ? Uni.createFrom().item(new Left(null, false))
                    : instances.find(Caller.system(job.tenantId), mid).map(i -> {
                        if (i == null || !i.status.alive()) {
                            return new Left(null, false);
                        }
                        if (i.status == InstanceStatus.RESTORING) {
                            return new Left(null, true);
                        }
                        return new Left(i, false);
                    });
        });
    }

    /** The replacement an earlier attempt left, if it is still ready for a restore. */
    private Uni<Instance> replacementLeft(Failover f) {
        if (f.newInstanceId == null) {
            return Uni.createFrom().nullItem();
        }
        return machine(f, f.newInstanceId).map(i -> i != null
                && (i.status == InstanceStatus.READY || i.status == InstanceStatus.RUNNING) ? i : null);
    }

    /** The lost machine destroyed and recorded (FAILED: LOST; or DESTROYED: MOVED on request), its policy moved. */
    private Uni<Void> retire(Failover f) {
        boolean requested = f.trigger == Failover.Trigger.USER;
        return instances.retire(f.instanceId, requested ? TerminationReason.MOVED : TerminationReason.LOST, !requested)
                // each step is idempotent: a failover resumed after a crash between them does them again
                .chain(() -> snapshots.movePolicy(f.instanceId, f.newInstanceId))
                .chain(() -> instances.locate(f.instanceId).chain(lost -> instances.update(f.newInstanceId,
                        fresh -> fresh.failoverEnabled = lost == null ? null : lost.failoverEnabled)))
                .chain(() -> end(f.id, Failover.Status.DONE, null)).replaceWithVoid();
    }

    // ---- recovery -------------------------------------------------------------------------------------

    /** Failovers in progress, owned by the replica that drives them. */
    static final WorkTable<UUID> ACTIVE = WorkTable.of("failover", "id", UUID.class,
            WorkTable.statusIn("status", Failover.Status.ACTIVE), "created_at");

    @Override
    public WorkTable<UUID> table() {
        return ACTIVE;
    }

    /** A failover whose replica went away (restart, crash, kill -9) is resumed here, where it stood. */
    @Override
    public Uni<Void> adopt(UUID id) {
        LOG.warnf("Failover %s: its replica stopped; resuming it here", id);
        drive(id);
        return Uni.createFrom().voidItem();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** Whether a lost machine answers again: the provider says it runs, and SSH answers. */
    private Uni<Boolean> cameBack(Failover f) {
        return lostMachine(f).chain(lost -> lost == null || lost.providerInstanceId == null
                ? Uni.createFrom().item(false)
                : providers.require("provider", lost.provider).status(lost.providerInstanceId)
                        .chain(m -> m.state() != ProviderInstance.State.RUNNING ? Uni.createFrom().item(false)
                                : heartbeat(lost, m)))
                .onFailure().recoverWithItem(false);
    }

    /** Whether the machine still takes commands (whatever its provider says), for a last snapshot. */
    private Uni<Boolean> answers(Instance i) {
        if (i == null || i.providerInstanceId == null) {
            return Uni.createFrom().item(false);
        }
        return providers.require("provider", i.provider).status(i.providerInstanceId).chain(m -> heartbeat(i, m))
                .onFailure().recoverWithItem(false);
    }

    /** One SSH heartbeat: a trivial command within the heartbeat timeout. */
    Uni<Boolean> heartbeat(Instance i, ProviderInstance m) {
        return shells.shellFor(i, m).map(s -> s.probe(config.heartbeatTimeout())).orElse(Uni.createFrom().item(false))
                .onFailure().recoverWithItem(false);
    }

    private Uni<Instance> lostMachine(Failover f) {
        return machine(f, f.instanceId);
    }

    /** One of the tenant's machines as recorded (null when unknown). */
    private Uni<Instance> machine(Failover f, UUID instanceId) {
        return instances.find(Caller.system(f.tenantId), instanceId);
    }

    /** The newest successful snapshot of the machine, or of the machines it replaced (failovers before). */
    private Uni<Snapshot> newestSnapshot(Failover f) {
        return failovers.lineage(f.instanceId).chain(lineage -> snapshots.newestOf(f.tenantId, lineage));
    }

    /** The lost machine's offer filters: its GPU model and count, and the region its race asked for. */
    private Uni<OfferFilter> filterFor(Instance lost) {
        return races.regionAskedFor(lost.id).map(region -> {
                    return new OfferFilter(null, lost.gpuModel == null ? null : List.of(lost.gpuModel), lost.gpuCount,
                            null, null, region, null, null, null, null, null);
                });
    }

    /** A replacement the failover no longer needs. */
    private Uni<Void> abandon(UUID instanceId) {
        return instances.retire(instanceId, TerminationReason.FAILOVER_ABANDONED, false).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Could not destroy replacement %s; the reaper will: %s", instanceId,
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Duration backoff(int attempt) {
        long ms = config.initialBackoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
    }

    private static Uni<Void> pause(Duration d) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(d.isNegative() ? Duration.ZERO : d);
    }

    private Uni<Failover> load(UUID id) {
        return failovers.load(id);
    }

    private Uni<Failover> update(UUID id, Consumer<Failover> change) {
        return failovers.update(id, change);
    }

    /** Moves to {@code status} (only while this replica owns it and it is active) and publishes it. */
    private Uni<Void> set(UUID id, Failover.Status status, Consumer<Failover> change) {
        return failovers.updateIf(id, f -> f.status.active() && replica.id().equals(f.owner), f -> {
            change.accept(f);
            f.status = status;
        }).call(this::publish).replaceWithVoid();
    }

    /** Ends the failover: DONE, FAILED or CANCELLED; a replacement it leaves unused is destroyed. */
    private Uni<Failover> end(UUID id, Failover.Status status, String error) {
        return load(id).chain(before -> {
            Uni<Void> cleanup = status != Failover.Status.DONE && before.newInstanceId != null
                    ? abandon(before.newInstanceId) : Uni.createFrom().voidItem();
            return cleanup.chain(() -> failovers.update(id, f -> {
                f.status = status;
                if (status != Failover.Status.DONE) {
                    f.newInstanceId = null;
                }
                f.error = status == Failover.Status.CANCELLED ? null : error;
                if (status == Failover.Status.CANCELLED) {
                    f.detail = append(f.detail, error);
                }
                f.nextAttemptAt = null;
                f.finishedAt = UtcClock.now();
            })).call(this::publish);
        });
    }

    private Uni<ProgressEvent> publish(Failover f) {
        return progress.publish(f.tenantId, ProgressEvent.SubjectType.FAILOVER, f.id, f.status.name(), FailoverProgress.of(f),
                !f.status.active());
    }

    private static String append(String detail, String note) {
        return detail == null || detail.isBlank() ? note : detail + "; " + note;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
