package io.snapgpu.restore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.progress.ProgressEvent;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.restic.RestoreSize;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.Commands;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.snapshot.BackupPolicy;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotKind;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import io.snapgpu.snapshot.TenantRepositories;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Restores a snapshot onto a machine: the critical set first (then the workspace is usable), the
 * rest after, restic with many parallel connections, progress all along, and DONE only when the
 * restored tree matches the snapshot's file count and size.
 */
@ApplicationScoped
public class RestoreService {
    private static final Logger LOG = Logger.getLogger(RestoreService.class);

    private final Db db;
    private final SnapshotService snapshots;
    private final InstanceService instances;
    private final TenantRepositories repositories;
    private final ResticCli restic;
    private final ProgressHub progress;
    private final RestoreConfig config;
    private final MachineAcquirer acquirer;
    private final io.snapgpu.cluster.Replica replica;
    private final io.snapgpu.snapshot.RepositoryGuard guard;
    private final io.snapgpu.storage.MachineCredentials credentials;

    public RestoreService(Db db, SnapshotService snapshots, InstanceService instances, TenantRepositories repositories,
            ResticCli restic, ProgressHub progress, RestoreConfig config, MachineAcquirer acquirer,
            io.snapgpu.cluster.Replica replica, io.snapgpu.snapshot.RepositoryGuard guard,
            io.snapgpu.storage.MachineCredentials credentials) {
        this.credentials = credentials;
        this.guard = guard;
        this.replica = replica;
        this.db = db;
        this.snapshots = snapshots;
        this.instances = instances;
        this.repositories = repositories;
        this.restic = restic;
        this.progress = progress;
        this.config = config;
        this.acquirer = acquirer;
    }


    /**
     * Onto an existing instance ({@code confirmOverwrite} required), or a new one ({@code instanceId}
     * null) raced with {@code newInstanceFilter} and {@code newInstancePolicy} (its money caps included).
     */
    public record Request(String snapshotId, String instanceId, Boolean confirmOverwrite,
            io.snapgpu.offer.OfferFilter newInstanceFilter, io.snapgpu.race.RaceRequest.RacePolicyInput newInstancePolicy) {
    }

    /** What the progress stream carries. */
    public record Progress(RestorePhase phase, long bytesDone, Long bytesTotal, long filesDone, Long filesTotal,
            double bytesPerSecond, Long etaSeconds, OffsetDateTime usableAt, String error) {
    }

    public Uni<RestoreJob> restore(Caller caller, Request r) {
        UUID snapshotId = Inputs.uuid("snapshotId", r.snapshotId());
        UUID instanceId = r.instanceId() == null ? null : Inputs.uuid("instanceId", r.instanceId());
        if (instanceId != null && !Boolean.TRUE.equals(r.confirmOverwrite())) {
            throw new InputException("confirmOverwrite", "must be true to restore onto an existing instance: its"
                    + " workspace is replaced (SnapGPU first takes a PRE_FAILOVER snapshot of it)");
        }
        Uni<Void> newMachine = instanceId != null ? Uni.createFrom().voidItem()
                : acquirer.check(r.newInstanceFilter(), r.newInstancePolicy());
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
            return target.chain(existing -> {
                RestoreJob job = new RestoreJob();
                job.id = UUID.randomUUID();
                job.tenantId = caller.tenantId();
                job.snapshotId = snapshot.id;
                job.instanceId = existing == null ? null : existing.id;
                job.phase = RestorePhase.QUEUED;
                job.createdAt = UtcClock.now();
                job.owner = replica.id();
                return progress.expect(job.tenantId, job.id).chain(() -> db.tx(() -> job.<RestoreJob>persist())).invoke(saved -> drive(caller, saved, snapshot, existing,
                        r.newInstanceFilter(), r.newInstancePolicy()).subscribe().with(x -> { }, e -> LOG.warnf("Restore %s failed: %s",
                                saved.id, e.getMessage())));
            });
        });
    }

    /**
     * A failover's restore (no person asks for it): onto {@code fresh}, a machine of the tenant's that
     * holds nothing to keep (a replacement acquired earlier: no safety snapshot), or else onto a new
     * machine raced with {@code filter}. Returns the recorded job at once; it runs in the background.
     * {@code alsoRecord} stores what the caller keeps about the job in the job's own transaction.
     */
    public Uni<RestoreJob> restoreForFailover(UUID tenantId, Snapshot snapshot, Instance fresh,
            io.snapgpu.offer.OfferFilter filter, java.util.function.Function<RestoreJob, Uni<?>> alsoRecord) {
        Caller system = new Caller(null, tenantId, "failover", Caller.Role.MEMBER);
        RestoreJob job = new RestoreJob();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.snapshotId = snapshot.id;
        job.instanceId = fresh == null ? null : fresh.id;
        job.phase = RestorePhase.QUEUED;
        job.createdAt = UtcClock.now();
        job.owner = replica.id();
        // the caller's record of the job is written with it: no crash leaves a restore its failover does not name
        return progress.expect(job.tenantId, job.id).chain(() -> db.tx(() -> job.<RestoreJob>persistAndFlush()
                .call(alsoRecord::apply)))
                .invoke(saved -> drive(system, saved, snapshot, fresh, filter, null, false).subscribe().with(x -> { },
                        e -> LOG.warnf("Restore %s (failover) failed: %s", saved.id, e.getMessage())));
    }

    /** The whole restore; ends with the final job row (DONE or FAILED). */
    Uni<RestoreJob> drive(Caller caller, RestoreJob job, Snapshot snapshot, Instance existing,
            io.snapgpu.offer.OfferFilter filter, io.snapgpu.race.RaceRequest.RacePolicyInput policy) {
        return drive(caller, job, snapshot, existing, filter, policy, true);
    }

    private Uni<RestoreJob> drive(Caller caller, RestoreJob job, Snapshot snapshot, Instance existing,
            io.snapgpu.offer.OfferFilter filter, io.snapgpu.race.RaceRequest.RacePolicyInput policy, boolean safety) {
        Uni<Instance> machine = existing != null
                ? (safety ? safetySnapshot(existing, snapshot) : Uni.createFrom().voidItem()).replaceWith(existing)
                : phase(job, RestorePhase.ACQUIRING_MACHINE, j -> { })
                        .chain(() -> acquirer.acquire(caller, filter, policy, raceId -> update(job.id, j -> j.raceId = raceId)
                                .subscribe().with(x -> { }, e -> { })))
                        .call(i -> update(job.id, j -> j.instanceId = i.id));
        return machine.chain(instance -> instances.update(instance.id, i -> i.transition(InstanceStatus.RESTORING, UtcClock.now()))
                .chain(() -> Uni.combine().all().unis(repositories.forTenant(job.tenantId), instances.ready(instance))
                        .asTuple())
                // read without restic's lock (saves a lock file and a 200 ms wait per restic start) unless a
                // prune runs; no prune starts while this read is registered
                .chain(t -> guard.beginRead(job.tenantId).chain(read -> engine(job, snapshot, instance, t.getItem1(),
                        t.getItem2(), read.isPresent())
                        .eventually(() -> read.isPresent() ? guard.endRead(read.get()) : Uni.createFrom().voidItem()))))
                .onFailure().recoverWithUni(e -> update(job.id, j -> {
                    j.phase = RestorePhase.FAILED;
                    j.error = io.snapgpu.shell.CommandFailedException.forPeople(e);
                    j.finishedAt = UtcClock.now();
                }).call(j -> publish(j, true)));
    }

    /** A PRE_FAILOVER snapshot of what the target holds; an empty workspace has nothing to keep. */
    private Uni<Void> safetySnapshot(Instance instance, Snapshot restoring) {
        return instances.ready(instance).map(io.snapgpu.instance.ReadyMachine::shell)
                .chain(shell -> Commands.output(shell::exec, List.of("find", shell.workspaceRoot(), "-mindepth", "1",
                        "-print", "-quit")))
                .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem() : takeSafetySnapshot(instance, restoring));
    }

    private Uni<Void> takeSafetySnapshot(Instance instance, Snapshot restoring) {
        return snapshots.record(instance, SnapshotKind.PRE_FAILOVER, "before restoring snapshot " + restoring.id, null)
                .chain(s -> snapshots.run(instance, s))
                .map(s -> {
                    if (s.status != SnapshotStatus.SUCCEEDED) {
                        throw new IllegalStateException("the safety snapshot of the current workspace failed, so"
                                + " nothing was overwritten: " + s.error);
                    }
                    return s;
                }).replaceWithVoid();
    }

    private Uni<RestoreJob> engine(RestoreJob job, Snapshot snapshot, Instance instance, ResticRepository repo,
            io.snapgpu.instance.ReadyMachine machine, boolean noLock) {
        InstanceShell shell = machine.shell();
        String root = shell.workspaceRoot();
        Meter meter = new Meter(job, System.nanoTime());
        // The totals (for verification and exact progress) come from `restic stats` on the control plane,
        // started once the workspace is usable: it costs a restic start and a walk of the whole tree (~1.2 s
        // for 2 GB / 22k files on a link with ~30 ms per request), CPU that the critical set needs more.
        // Until then the snapshot's own byte count (from its backup) is the total.
        if (snapshot.totalBytes != null) {
            meter.cap.set(snapshot.totalBytes);
        }
        // Files are counted as the snapshot lists them (regular files: restic's files processed), not as
        // restic's restore-size counts entries (directories too), so the restore and the snapshot agree.
        Long filesTotal = snapshot.fileCount;
        Uni<RestoreSize> sizing = restic.restoreSize(repo, snapshot.resticId, noLock)
                .call(size -> db.tx(() -> RestoreJob.update("bytesTotal = ?1, filesTotal = ?2 where id = ?3",
                        size.totalSize(), filesTotal != null ? filesTotal : size.totalFileCount(), job.id)))
                .invoke(size -> meter.cap.set(size.totalSize()))
                .memoize().indefinitely();
        // restic 0.17+ restores onto what the workspace holds and moves only what differs (--overwrite
        // if-changed, --delete): nothing is emptied first, and a retried run resumes with what is there.
        // One bulk process then: each process's --delete would judge the entries outside every part.
        boolean incremental = machine.restic().restoresIncrementally();
        int processes = incremental ? 1 : Math.max(1, config.parallelProcesses());
        Uni<List<List<String>>> parts = processes == 1 ? Uni.createFrom().item(List.of(List.of()))
                : partition(repo, snapshot.resticId, processes, noLock).memoize().indefinitely();
        parts.subscribe().with(x -> { }, e -> { }); // started now; failures surface where they are awaited
        // restic 0.16+ reports its progress (--json); older releases are measured on disk
        boolean reported = machine.restic().reportsRestoreProgress();
        // the machine reads with credentials of its own: read-only, unless a prune runs and restic's lock
        // must be written
        io.snapgpu.storage.MachineCredentials.Lease onMachine = credentials.lease(repo,
                new io.snapgpu.storage.MachineCredentials.Operation(job.tenantId, instance.id,
                        io.snapgpu.storage.CredentialGrant.Purpose.RESTORE, job.id,
                        noLock ? io.snapgpu.storage.StorageAccess.READ_ONLY : io.snapgpu.storage.StorageAccess.READ_WRITE,
                        snapshot.totalBytes));
        return db.read(() -> BackupPolicy.<BackupPolicy>list("instanceId in ?1",
                List.of(snapshot.instanceId, instance.id))).chain(policies -> {
            List<String> critical = CriticalSet.patterns(policyOf(policies, snapshot.instanceId)
                    .map(p -> p.criticalPatterns).orElse(null));
            List<String> kept = incremental ? kept(policyOf(policies, instance.id).orElse(null)) : List.of();
            Cancellable sampler = reported ? () -> { } : sample(meter, shell, root);
            ResticCli.Onto onto = incremental ? ResticCli.Onto.EXISTING : ResticCli.Onto.EMPTY;
            return (incremental ? Uni.createFrom().voidItem()
                    : Commands.output(shell::exec, List.of("find", root, "-mindepth", "1", "-delete")).replaceWithVoid())
                    .chain(() -> meter.phase(RestorePhase.CRITICAL_FILES, j -> {
                        j.bytesTotal = snapshot.totalBytes;
                        j.filesTotal = filesTotal;
                    }))
                    // Sequential on purpose: measured, running the bulk at the same time made the whole
                    // restore ~10 % faster but the workspace usable later (5.1 s vs 3.1 s for 2 GB).
                    .chain(() -> {
                        // no --delete here: restic takes no excludes beside includes, so the kept files
                        // would not be safe; the bulk run deletes (and passes over these files again)
                        Consumer<io.snapgpu.restic.RestoreStatus> slot = meter.slot(incremental);
                        return withRetries(job, () -> onMachine.repository().chain(scoped -> restic.restore(
                                machine.restic(), scoped, snapshot.resticId, root, critical, List.of(),
                                config.s3Connections(), noLock, onto, slot)));
                    })
                    .chain(() -> meter.phase(RestorePhase.REMAINING_FILES, j -> j.usableAt = UtcClock.now()))
                    .invoke(() -> sizing.subscribe().with(x -> { }, e -> { })) // failures surface where awaited
                    .chain(() -> parts)
                    .chain(groups -> incremental
                            ? run(job, machine, onMachine, snapshot.resticId, root, kept, meter, noLock,
                                    ResticCli.Onto.EXISTING_AND_DELETE)
                            : bulk(job, machine, onMachine, snapshot.resticId, root, critical, groups, meter, noLock))
                    .eventually(sampler::cancel)
                    .chain(() -> sizing)
                    .chain(size -> meter.phase(RestorePhase.VERIFYING, j -> {
                        j.bytesTotal = size.totalSize();
                        j.filesTotal = filesTotal != null ? filesTotal : size.totalFileCount();
                    }).chain(() -> verify(shell, root, size, kept)))
                    .chain(found -> update(job.id, j -> {
                        j.phase = RestorePhase.DONE;
                        j.bytesDone = found.size().totalSize();
                        j.filesDone = filesTotal != null ? found.files() : found.size().totalFileCount();
                        j.filesTotal = filesTotal != null ? filesTotal : found.size().totalFileCount();
                        j.finishedAt = UtcClock.now();
                    }))
                    .call(j -> instances.update(instance.id, i -> i.transition(InstanceStatus.RUNNING, UtcClock.now())))
                    .call(j -> publish(j, true));
        });
    }

    /**
     * The rest of the snapshot (everything but the critical set): one restic, or {@code groups.size()}
     * of them at once on disjoint parts of the tree, each retried on its own.
     */
    private Uni<Void> bulk(RestoreJob job, io.snapgpu.instance.ReadyMachine machine,
            io.snapgpu.storage.MachineCredentials.Lease repo,
            String snapshotId, String root,
            List<String> critical, List<List<String>> groups, Meter meter, boolean noLock) {
        List<Uni<Void>> runs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> excludes = new ArrayList<>(critical);
            excludes.addAll(RestorePartition.excludesFor(groups, g));
            runs.add(run(job, machine, repo, snapshotId, root, excludes, meter, noLock, ResticCli.Onto.EMPTY));
        }
        return Uni.join().all(runs).andFailFast().replaceWithVoid();
    }

    /** One restic run of everything but {@code excludes}, retried on its own, with a progress slot of its own. */
    private Uni<Void> run(RestoreJob job, io.snapgpu.instance.ReadyMachine machine,
            io.snapgpu.storage.MachineCredentials.Lease repo, String snapshotId, String root, List<String> excludes,
            Meter meter, boolean noLock, ResticCli.Onto onto) {
        Consumer<io.snapgpu.restic.RestoreStatus> slot = meter.slot(false);
        return withRetries(job, () -> repo.repository().chain(scoped -> restic.restore(machine.restic(), scoped,
                snapshotId, root, List.of(), excludes, config.s3Connections(), noLock, onto, slot)));
    }

    private static java.util.Optional<BackupPolicy> policyOf(List<BackupPolicy> policies, UUID instanceId) {
        return policies.stream().filter(p -> p.instanceId.equals(instanceId)).findFirst();
    }

    /** What the target machine's backups leave out (its policy, or the defaults its backups use without one). */
    private static List<String> kept(BackupPolicy target) {
        return KeptFiles.patterns(target == null ? List.of("/") : List.of(target.includePaths),
                target == null ? io.snapgpu.snapshot.SnapshotService.DEFAULT_EXCLUDES : List.of(target.excludePatterns));
    }

    /**
     * Progress of one restore job, from wherever it is measured: restic's own reports (0.16+), one
     * slot per restic run (the critical set, the bulk or each part of it; a retried run keeps its
     * slot and counts from its best), or bytes on disk. Written and published at most once per
     * progress interval, never beyond the total, and only while the job is active.
     */
    private final class Meter {
        final RestoreJob job;
        final long started;
        final AtomicLong cap = new AtomicLong(Long.MAX_VALUE);
        /** bytes, files (the best each run has reported), and 1 where a later run counts the same files again */
        final List<long[]> slots = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong lastWrite = new AtomicLong();
        /** The most ever recorded: what a phase change carries, so no write or event goes backwards. */
        final AtomicLong floor = new AtomicLong();

        /** the rate over the last five progress intervals, once two have passed (TransferRate says why) */
        final TransferRate rate = new TransferRate(5 * config.progressInterval().toNanos(),
                2 * config.progressInterval().toNanos());

        Meter(RestoreJob job, long started) {
            this.job = job;
            this.started = started;
            rate.add(started, 0);
        }

        /**
         * {@code countedAgain}: a later run passes over this run's files again (an incremental restore's
         * bulk covers the critical set too), so the two are not added up.
         */
        Consumer<io.snapgpu.restic.RestoreStatus> slot(boolean countedAgain) {
            long[] slot = new long[] { 0, 0, countedAgain ? 1 : 0 };
            slots.add(slot);
            return status -> {
                synchronized (slot) {
                    slot[0] = Math.max(slot[0], status.bytesRestored() + status.bytesSkipped());
                    slot[1] = Math.max(slot[1], status.filesRestored() + status.filesSkipped());
                }
                long now = System.nanoTime();
                long last = lastWrite.get();
                if (now - last >= config.progressInterval().toNanos() && lastWrite.compareAndSet(last, now)) {
                    long[] sums = new long[4]; // bytes, files of the runs added up; of the runs counted again
                    for (long[] s : slots) {
                        synchronized (s) {
                            sums[(int) s[2] * 2] += s[0];
                            sums[(int) s[2] * 2 + 1] += s[1];
                        }
                    }
                    record(Math.max(sums[0], sums[2]), Math.max(sums[1], sums[3])).subscribe().with(x -> { }, e -> { });
                }
            };
        }

        Uni<RestoreJob> phase(RestorePhase phase, Consumer<RestoreJob> also) {
            return RestoreService.this.phase(job, phase, j -> {
                also.accept(j);
                j.bytesDone = Math.max(j.bytesDone, floor.get());
            });
        }

        /**
         * A targeted update (the phase changes concurrently and must not be overwritten) that never
         * lowers the count: records of one job may commit out of order.
         */
        Uni<Void> record(long bytes, long files) {
            long done = Math.min(bytes, cap.get());
            rate.add(System.nanoTime(), floor.accumulateAndGet(done, Math::max));
            return db.tx(() -> RestoreJob.update("bytesDone = greatest(bytesDone, ?1),"
                    + " filesDone = least(greatest(filesDone, ?2), coalesce(filesTotal, greatest(filesDone, ?2)))"
                    + " where id = ?3 and phase in ?4", done, files, job.id, RestorePhase.ACTIVE))
                    .chain(() -> db.read(() -> RestoreJob.<RestoreJob>findById(job.id)))
                    .call(j -> RestorePhase.ACTIVE.contains(j.phase) ? publish(j, false, rate)
                            : Uni.createFrom().voidItem())
                    .replaceWithVoid();
        }
    }

    /** The snapshot's tree ({@code restic ls}) cut into up to {@code processes} parts of about the same weight. */
    private Uni<List<List<String>>> partition(ResticRepository repo, String snapshotId, int processes, boolean noLock) {
        RestorePartition.Tree tree = new RestorePartition.Tree(config.partitionDepth());
        return restic.ls(repo, snapshotId, noLock, n -> tree.add(n.path(), n.dir(), n.size()))
                .map(x -> RestorePartition.split(tree, processes, config.partitionMaxEntries()))
                .invoke(groups -> LOG.infof("restore of %s: the bulk in %d parts, one restic process each, at once",
                        snapshotId, groups.size()));
    }

    /**
     * Compares the restored tree with restic's restore-size: every entry below the root, every byte, but
     * those the restore keeps ({@code kept}: restic exclude patterns, matched as restic matches them).
     */
    /** What a verified restore holds: restic's entries and bytes, and how many of the entries are regular files. */
    record Verified(RestoreSize size, long files) {
    }

    private Uni<Verified> verify(InstanceShell shell, String root, RestoreSize expected, List<String> kept) {
        io.snapgpu.restic.ResticPatterns keep = new io.snapgpu.restic.ResticPatterns(kept);
        return Commands.output(shell::exec, List.of("find", root, "-mindepth", "1", "-printf", "%y %s /%P\\n")).map(found -> {
            List<String[]> lines = found.stream().map(l -> l.split(" ", 3)).filter(l -> l.length == 3)
                    .filter(l -> kept.isEmpty() || !keep.excludes(l[2])).toList();
            long entries = lines.size();
            long bytes = lines.stream().filter(l -> l[0].equals("f")).mapToLong(l -> Long.parseLong(l[1])).sum();
            if (entries != expected.totalFileCount() || bytes != expected.totalSize()) {
                throw new IllegalStateException("the restored workspace does not match the snapshot: expected "
                        + expected.totalFileCount() + " entries and " + expected.totalSize() + " bytes, found " + entries
                        + " entries and " + bytes + " bytes");
            }
            return new Verified(new RestoreSize(bytes, entries), lines.stream().filter(l -> l[0].equals("f")).count());
        });
    }

    /** restic dying mid-restore is retried (restic re-checks what is there) a bounded number of times. */
    private Uni<Void> withRetries(RestoreJob job, java.util.function.Supplier<Uni<Void>> run) {
        return Uni.createFrom().deferred(() -> db.tx(() -> RestoreJob.update("attempts = attempts + 1 where id = ?1",
                job.id)).chain(run::get))
                .onFailure().invoke(e -> LOG.warnf("restore %s: restic failed (%s), retrying", job.id, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(config.maxAttempts() - 1);
    }

    /** Measures bytes on disk every interval (restic before 0.16 reports no restore progress; local or over SSH). */
    private Cancellable sample(Meter meter, InstanceShell shell, String root) {
        return Multi.createFrom().ticks().every(config.progressInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(t -> Commands.output(shell::exec, List.of("du", "-sb", root))
                        .map(lines -> Long.parseLong(lines.get(0).split("\\s+")[0]))
                        .onFailure().recoverWithItem(-1L))
                .filter(b -> b >= 0)
                .onItem().transformToUniAndConcatenate(bytes -> meter.record(bytes, 0)) // files: not measured
                .subscribe().with(x -> { }, e -> { });
    }

    private Uni<RestoreJob> phase(RestoreJob job, RestorePhase phase, Consumer<RestoreJob> also) {
        return update(job.id, j -> {
            j.phase = phase;
            also.accept(j);
        }).call(j -> publish(j, false));
    }

    private Uni<RestoreJob> update(UUID id, Consumer<RestoreJob> change) {
        return db.tx(() -> RestoreJob.<RestoreJob>findById(id).invoke(change));
    }

    private Uni<ProgressEvent> publish(RestoreJob j, boolean terminal) {
        return publish(j, terminal, null);
    }

    /** {@code measured}: the job's rate so far; null where none is known (phase changes, the end). */
    private Uni<ProgressEvent> publish(RestoreJob j, boolean terminal, TransferRate measured) {
        double rate = measured == null ? 0 : measured.bytesPerSecond();
        Long eta = measured == null ? null : measured.etaSeconds(j.bytesTotal, j.bytesDone);
        return progress.publish(j.tenantId, ProgressEvent.SubjectType.RESTORE, j.id, j.phase.name(),
                new Progress(j.phase, j.bytesDone, j.bytesTotal, j.filesDone, j.filesTotal, rate, eta, j.usableAt, j.error),
                terminal);
    }

    /** The caller's restore as it goes (from its start), completing at its end; nothing for another tenant's. */
    public Multi<Progress> progress(Caller caller, UUID id) {
        return progress.stream(caller.tenantId(), id).map(e -> e.payloadAs(Progress.class));
    }

    public Uni<RestoreJob> find(Caller caller, UUID id) {
        return db.read(() -> RestoreJob.<RestoreJob>find("id = ?1 and tenantId = ?2", id, caller.tenantId()).firstResult());
    }

    public Uni<List<RestoreJob>> list(Caller caller) {
        return db.read(() -> RestoreJob.<RestoreJob>list("tenantId = ?1 order by createdAt desc", caller.tenantId()));
    }

    /**
     * A restore whose replica went away (restart, crash, kill -9) is failed clearly, never reported
     * done, on whichever replica claims it first; its machine is left as it is, ready for another try.
     */
    @io.quarkus.scheduler.Scheduled(every = "${snapgpu.cluster.recovery-interval:10S}", delayed = "1S",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.snapgpu.system.UntilStarted.class)
    Uni<Void> recoverOrphans() {
        return failOrphaned().replaceWithVoid();
    }

    public Uni<Integer> failOrphaned() {
        String active = RestorePhase.ACTIVE.stream().map(p -> "'" + p.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ", "phase in (", ")"));
        return replica.claimOrphans("restore_job", active)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> update(id, j -> {
                    j.phase = RestorePhase.FAILED;
                    j.error = "interrupted: the SnapGPU replica driving this restore stopped; start it again";
                    j.finishedAt = UtcClock.now();
                }).call(j -> j.instanceId == null ? Uni.createFrom().voidItem()
                        : instances.update(j.instanceId, i -> {
                            if (i.status == InstanceStatus.RESTORING) {
                                i.transition(InstanceStatus.READY, UtcClock.now());
                            }
                        }).replaceWithVoid())
                        .call(j -> publish(j, true)))
                .collect().asList().map(l -> {
                    if (!l.isEmpty()) {
                        LOG.warnf("%d restore(s) were interrupted (their replica stopped) and are marked FAILED", l.size());
                    }
                    return l.size();
                });
    }


}
