package io.snapgpu.restore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.OwnedWork;
import io.snapgpu.cluster.Ownership;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.race.RaceRequest.RacePolicyInput;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Restores a snapshot onto a machine, as asked: checks the request (naming the field), records the job
 * and hands it to {@link RestoreRunner}, which runs it (the critical set first, then the rest, verified);
 * answers for a tenant's restores and their progress, and fails those whose replica went away.
 */
@ApplicationScoped
public class RestoreService implements OwnedWork {
    private static final Logger LOG = Logger.getLogger(RestoreService.class);

    private final RestoreJobs jobs;
    private final RestoreEvents events;
    private final RestoreRunner runner;
    private final SnapshotService snapshots;
    private final InstanceService instances;
    private final MachineAcquirer acquirer;
    private final Ownership ownership;

    public RestoreService(RestoreJobs jobs, RestoreEvents events, RestoreRunner runner, SnapshotService snapshots,
            InstanceService instances, MachineAcquirer acquirer, Ownership ownership) {
        this.jobs = jobs;
        this.events = events;
        this.runner = runner;
        this.snapshots = snapshots;
        this.instances = instances;
        this.acquirer = acquirer;
        this.ownership = ownership;
    }

    /**
     * Onto an existing instance ({@code confirmOverwrite} required), or a new one ({@code instanceId}
     * null) raced with {@code newInstanceFilter} and {@code newInstancePolicy} (its money caps included).
     */
    public record Request(String snapshotId, String instanceId, Boolean confirmOverwrite,
            OfferFilter newInstanceFilter, RacePolicyInput newInstancePolicy) {
    }

    /** What the progress stream carries. */
    public record Progress(RestorePhase phase, long bytesDone, Long bytesTotal, long filesDone, Long filesTotal,
            double bytesPerSecond, Long etaSeconds, OffsetDateTime usableAt, String error) {
    }

    public Uni<RestoreJob> restore(Caller caller, Request r) {
        FieldErrors errors = Inputs.check();
        UUID snapshotId = errors.get(() -> Inputs.uuid("snapshotId", r.snapshotId()));
        UUID instanceId = r.instanceId() == null ? null : errors.get(() -> Inputs.uuid("instanceId", r.instanceId()));
        if (r.instanceId() != null && !Boolean.TRUE.equals(r.confirmOverwrite())) {
            errors.add("confirmOverwrite", "must be true to restore onto an existing instance: its"
                    + " workspace is replaced (SnapGPU first takes a PRE_FAILOVER snapshot of it)");
        }
        // the new machine's filter and policy are checked now too (their errors join these); its price later
        Uni<Void> newMachine = r.instanceId() != null ? Uni.createFrom().voidItem()
                : errors.get(() -> acquirer.check(r.newInstanceFilter(), r.newInstancePolicy()));
        errors.throwIfAny();
        return newMachine.chain(() -> snapshots.find(caller, snapshotId)).chain(snapshot -> {
            if (snapshot == null || snapshot.status != SnapshotStatus.SUCCEEDED || snapshot.resticId == null) {
                throw new InputException("snapshotId", "no completed snapshot with this id");
            }
            Uni<Instance> target = instanceId == null ? Uni.createFrom().nullItem()
                    : instances.find(caller, instanceId).map(i -> {
                        if (i == null) {
                            throw new InputException("instanceId", "no such instance");
                        }
                        if (i.status != InstanceStatus.READY && i.status != InstanceStatus.RUNNING) {
                            throw new InputException("instanceId", "the instance must be READY or RUNNING (it is "
                                    + i.status + ")");
                        }
                        return i;
                    });
            return target.chain(existing -> start(caller, newJob(caller.tenantId(), snapshot, existing), snapshot, existing,
                    r.newInstanceFilter(), r.newInstancePolicy(), true, j -> Uni.createFrom().voidItem()));
        });
    }

    /**
     * A failover's restore (no person asks for it): onto {@code fresh}, a machine of the tenant's that
     * holds nothing to keep (a replacement acquired earlier: no safety snapshot), or else onto a new
     * machine raced with {@code filter}. Returns the recorded job at once; it runs in the background.
     * {@code alsoRecord} stores what the caller keeps about the job in the job's own transaction.
     */
    public Uni<RestoreJob> restoreForFailover(UUID tenantId, Snapshot snapshot, Instance fresh,
            OfferFilter filter, Function<RestoreJob, Uni<?>> alsoRecord) {
        Caller system = new Caller(null, tenantId, "failover", Caller.Role.MEMBER);
        return start(system, newJob(tenantId, snapshot, fresh), snapshot, fresh, filter, null, false, alsoRecord);
    }

    private RestoreJob newJob(UUID tenantId, Snapshot snapshot, Instance target) {
        RestoreJob job = new RestoreJob();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.snapshotId = snapshot.id;
        job.instanceId = target == null ? null : target.id;
        job.phase = RestorePhase.QUEUED;
        job.createdAt = UtcClock.now();
        job.owner = ownership.self();
        return job;
    }

    /**
     * Records the job (with what {@code alsoRecord} keeps about it, in the same transaction: no crash
     * leaves a restore its caller does not name) and runs it in the background; the recorded job at once.
     */
    private Uni<RestoreJob> start(Caller caller, RestoreJob job, Snapshot snapshot, Instance target,
            OfferFilter filter, RacePolicyInput policy, boolean safety, Function<RestoreJob, Uni<?>> alsoRecord) {
        return events.expect(job).chain(() -> jobs.insert(job, alsoRecord))
                .invoke(saved -> runner.run(caller, saved, snapshot, target, filter, policy, safety)
                        .subscribe().with(x -> { }, e -> LOG.warnf("Restore %s failed: %s", saved.id, e.getMessage())));
    }

    /** The caller's restore as it goes (from its start), completing at its end; nothing for another tenant's. */
    public Multi<Progress> progress(Caller caller, UUID id) {
        return events.follow(caller, id);
    }

    public Uni<RestoreJob> find(Caller caller, UUID id) {
        return jobs.find(caller.tenantId(), id);
    }

    public Uni<List<RestoreJob>> list(Caller caller) {
        return jobs.list(caller.tenantId());
    }

    /** Restores in progress, owned by the replica that drives them. */
    static final WorkTable<UUID> ACTIVE = WorkTable.of("restore_job", "id", UUID.class,
            WorkTable.statusIn("phase", RestorePhase.ACTIVE), "created_at");

    @Override
    public WorkTable<UUID> table() {
        return ACTIVE;
    }

    /**
     * A restore whose replica went away (restart, crash, kill -9) is failed clearly, never reported
     * done; its machine is left as it is, ready for another try.
     */
    @Override
    public Uni<Void> adopt(UUID id) {
        return jobs.update(id, j -> {
            j.phase = RestorePhase.FAILED;
            j.error = "interrupted: the SnapGPU replica driving this restore stopped; start it again";
            j.finishedAt = UtcClock.now();
        }).call(j -> j.instanceId == null ? Uni.createFrom().voidItem()
                : instances.update(j.instanceId, i -> {
                    if (i.status == InstanceStatus.RESTORING) {
                        i.transition(InstanceStatus.READY, UtcClock.now());
                    }
                }).replaceWithVoid())
                .call(j -> events.publish(j, true)).replaceWithVoid();
    }
}
