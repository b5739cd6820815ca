package io.snapgpu.restore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.ReadyMachine;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.race.RaceRequest.RacePolicyInput;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticPatterns;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.restic.RestoreSize;
import io.snapgpu.restic.RestoreStatus;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.Commands;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.snapshot.BackupPolicy;
import io.snapgpu.snapshot.RepositoryGuard;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotKind;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import io.snapgpu.snapshot.TenantRepositories;
import io.snapgpu.storage.CredentialGrant;
import io.snapgpu.storage.MachineCredentials;
import io.snapgpu.storage.StorageAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a recorded restore job to its end: a machine (the one given, after a safety snapshot, or a new
 * one from a launch race), then the critical set (the workspace is usable), the rest, and verification;
 * DONE only when the restored tree matches the snapshot's file count and size, else FAILED. Each run is
 * a {@link Run} with one method per phase.
 */
@ApplicationScoped
public class RestoreRunner {
    private static final Logger LOG = Logger.getLogger(RestoreRunner.class);

    private final RestoreJobs jobs;
    private final RestoreEvents events;
    private final SnapshotService snapshots;
    private final InstanceService instances;
    private final TenantRepositories repositories;
    private final ResticCli restic;
    private final RestoreConfig config;
    private final MachineAcquirer acquirer;
    private final RepositoryGuard guard;
    private final MachineCredentials credentials;

    public RestoreRunner(RestoreJobs jobs, RestoreEvents events, SnapshotService snapshots, InstanceService instances,
            TenantRepositories repositories, ResticCli restic, RestoreConfig config, MachineAcquirer acquirer,
            RepositoryGuard guard, MachineCredentials credentials) {
        this.jobs = jobs;
        this.events = events;
        this.snapshots = snapshots;
        this.instances = instances;
        this.repositories = repositories;
        this.restic = restic;
        this.config = config;
        this.acquirer = acquirer;
        this.guard = guard;
        this.credentials = credentials;
    }

    /**
     * The whole restore of {@code job}; ends with its final row (DONE or FAILED). Onto {@code existing}
     * (after a safety snapshot of what it holds when {@code safety}), else onto a new machine raced with
     * {@code filter} and {@code policy}.
     */
    Uni<RestoreJob> run(Caller caller, RestoreJob job, Snapshot snapshot, Instance existing, OfferFilter filter,
            RacePolicyInput policy, boolean safety) {
        return new Run(job, snapshot).drive(caller, existing, filter, policy, safety);
    }

    /** One restore, phase by phase. */
    private final class Run {
        final RestoreJob job;
        final Snapshot snapshot;
        final RestoreMeter meter;
        // set once the machine is ready
        Instance instance;
        ReadyMachine machine;
        InstanceShell shell;
        String root;
        ResticRepository repo;
        boolean noLock;
        /** restic 0.17+: onto what the workspace holds, moving only what differs. */
        boolean incremental;
        MachineCredentials.Lease onMachine;
        List<String> critical;
        List<String> kept;
        Uni<RestoreSize> sizing;
        /**
         * Files as the snapshot lists them (regular files: restic's files processed), not as restic's
         * restore-size counts entries (directories too), so the restore and the snapshot agree.
         */
        Long filesTotal;
        Uni<List<List<String>>> parts;

        Run(RestoreJob job, Snapshot snapshot) {
            this.job = job;
            this.snapshot = snapshot;
            this.meter = new RestoreMeter(job, jobs, events, config.progressInterval());
        }

        Uni<RestoreJob> drive(Caller caller, Instance existing, OfferFilter filter, RacePolicyInput policy, boolean safety) {
            Uni<Instance> target = existing != null
                    ? (safety ? safetySnapshot(existing) : Uni.createFrom().voidItem()).replaceWith(existing)
                    : acquire(caller, filter, policy);
            return target.chain(this::onMachine)
                    .onFailure().recoverWithUni(e -> jobs.update(job.id, j -> {
                        j.phase = RestorePhase.FAILED;
                        j.error = CommandFailedException.forPeople(e);
                        j.finishedAt = UtcClock.now();
                    }).call(j -> events.publish(j, true)));
        }

        /** ACQUIRING_MACHINE: a launch race's winner (the job records the race, then the machine). */
        Uni<Instance> acquire(Caller caller, OfferFilter filter, RacePolicyInput policy) {
            return meter.phase(RestorePhase.ACQUIRING_MACHINE, j -> { })
                    .chain(() -> acquirer.acquire(caller, filter, policy, raceId -> jobs.update(job.id, j -> j.raceId = raceId)
                            .subscribe().with(x -> { }, e -> { })))
                    .call(i -> jobs.update(job.id, j -> j.instanceId = i.id));
        }

        /** A PRE_FAILOVER snapshot of what the target holds; an empty workspace has nothing to keep. */
        Uni<Void> safetySnapshot(Instance target) {
            return instances.ready(target).map(ReadyMachine::shell)
                    .chain(sh -> Commands.output(sh::exec, List.of("find", sh.workspaceRoot(), "-mindepth", "1",
                            "-print", "-quit")))
                    .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                            : snapshots.record(target, SnapshotKind.PRE_FAILOVER, "before restoring snapshot " + snapshot.id, null)
                                    .chain(s -> snapshots.run(target, s))
                                    .invoke(s -> {
                                        if (s.status != SnapshotStatus.SUCCEEDED) {
                                            throw new IllegalStateException("the safety snapshot of the current workspace"
                                                    + " failed, so nothing was overwritten: " + s.error);
                                        }
                                    }).replaceWithVoid());
        }

        /**
         * The machine is RESTORING while the tenant's repository is read without restic's lock (saves a
         * lock file and a 200 ms wait per restic start) unless a prune runs; no prune starts while this
         * read is registered.
         */
        Uni<RestoreJob> onMachine(Instance target) {
            this.instance = target;
            return instances.update(target.id, i -> i.transition(InstanceStatus.RESTORING, UtcClock.now()))
                    .chain(() -> Uni.combine().all().unis(repositories.forTenant(job.tenantId), instances.ready(target))
                            .asTuple())
                    .chain(t -> guard.beginRead(job.tenantId).chain(read -> {
                        this.repo = t.getItem1();
                        this.machine = t.getItem2();
                        this.noLock = read.isPresent();
                        return prepare().chain(this::criticalFiles).chain(this::remainingFiles)
                                .chain(this::verifying).chain(this::done)
                                .eventually(() -> read.isPresent() ? guard.endRead(read.get()) : Uni.createFrom().voidItem());
                    }));
        }

        /**
         * What the restore needs before it moves data: the totals (started later), the bulk's parts, the
         * machine's own read credentials, the critical and kept patterns; an older restic's workspace is emptied.
         */
        Uni<Void> prepare() {
            shell = machine.shell();
            root = shell.workspaceRoot();
            meter.start();
            // The totals (for verification and exact progress) come from `restic stats` on the control plane,
            // started once the workspace is usable: it costs a restic start and a walk of the whole tree (~1.2 s
            // for 2 GB / 22k files on a link with ~30 ms per request), CPU that the critical set needs more.
            // Until then the snapshot's own byte count (from its backup) is the total.
            if (snapshot.totalBytes != null) {
                meter.cap(snapshot.totalBytes);
            }
            filesTotal = snapshot.fileCount;
            sizing = restic.restoreSize(repo, snapshot.resticId, noLock)
                    .call(size -> jobs.totals(job.id, size.totalSize(), filesTotal != null ? filesTotal : size.totalFileCount()))
                    .invoke(size -> meter.cap(size.totalSize()))
                    .memoize().indefinitely();
            // restic 0.17+ restores onto what the workspace holds and moves only what differs (--overwrite
            // if-changed, --delete): nothing is emptied first, and a retried run resumes with what is there.
            // One bulk process then: each process's --delete would judge the entries outside every part.
            incremental = machine.restic().restoresIncrementally();
            int processes = incremental ? 1 : Math.max(1, config.parallelProcesses());
            parts = processes == 1 ? Uni.createFrom().item(List.of(List.of()))
                    : partition(processes).memoize().indefinitely();
            parts.subscribe().with(x -> { }, e -> { }); // started now; failures surface where they are awaited
            // the machine reads with credentials of its own: read-only, unless a prune runs and restic's lock
            // must be written
            onMachine = credentials.lease(repo, new MachineCredentials.Operation(job.tenantId, instance.id,
                    CredentialGrant.Purpose.RESTORE, job.id, noLock ? StorageAccess.READ_ONLY : StorageAccess.READ_WRITE,
                    snapshot.totalBytes));
            return snapshots.policies(job.tenantId, java.util.Arrays.asList(snapshot.instanceId, instance.id))
                    .chain(policies -> {
                        critical = CriticalSet.patterns(policyOf(policies, snapshot.instanceId)
                                .map(p -> p.criticalPatterns).orElse(null));
                        kept = incremental ? kept(policyOf(policies, instance.id).orElse(null)) : List.of();
                        return incremental ? Uni.createFrom().voidItem()
                                : Commands.output(shell::exec, List.of("find", root, "-mindepth", "1", "-delete"))
                                        .replaceWithVoid();
                    });
        }

        /**
         * CRITICAL_FILES: the critical set first, then the workspace is usable. No --delete here: restic
         * takes no excludes beside includes, so the kept files would not be safe; the bulk run deletes (and
         * passes over these files again).
         */
        Uni<Cancellable> criticalFiles() {
            // restic 0.16+ reports its progress (--json); older releases are measured on disk
            Cancellable sampler = machine.restic().reportsRestoreProgress() ? () -> { } : sample();
            ResticCli.Onto onto = incremental ? ResticCli.Onto.EXISTING : ResticCli.Onto.EMPTY;
            Consumer<RestoreStatus> slot = meter.slot(incremental);
            return meter.phase(RestorePhase.CRITICAL_FILES, j -> {
                j.bytesTotal = snapshot.totalBytes;
                j.filesTotal = filesTotal;
            })
                    .chain(() -> withRetries(() -> onMachine.repository().chain(scoped -> restic.restore(
                            machine.restic(), scoped, snapshot.resticId, root, critical, List.of(),
                            config.s3Connections(), noLock, onto, slot))))
                    .onFailure().invoke(sampler::cancel)
                    .replaceWith(sampler);
        }

        /**
         * REMAINING_FILES: everything else, after the critical set (sequential on purpose: measured,
         * running the bulk at the same time made the whole restore ~10 % faster but the workspace usable
         * later, 5.1 s vs 3.1 s for 2 GB).
         */
        Uni<RestoreSize> remainingFiles(Cancellable sampler) {
            return meter.phase(RestorePhase.REMAINING_FILES, j -> j.usableAt = UtcClock.now())
                    .invoke(() -> sizing.subscribe().with(x -> { }, e -> { })) // failures surface where awaited
                    .chain(() -> parts)
                    .chain(groups -> incremental
                            ? restoreAllBut(kept, ResticCli.Onto.EXISTING_AND_DELETE)
                            : bulk(groups))
                    .eventually(sampler::cancel)
                    .chain(() -> sizing);
        }

        /**
         * VERIFYING: the restored tree against restic's restore-size: every entry below the root, every
         * byte, but those the restore keeps (restic exclude patterns, matched as restic matches them).
         */
        Uni<Verified> verifying(RestoreSize expected) {
            return meter.phase(RestorePhase.VERIFYING, j -> {
                j.bytesTotal = expected.totalSize();
                j.filesTotal = filesTotal != null ? filesTotal : expected.totalFileCount();
            }).chain(() -> {
                ResticPatterns keep = new ResticPatterns(kept);
                return Commands.output(shell::exec, List.of("find", root, "-mindepth", "1", "-printf", "%y %s /%P\\n"))
                        .map(found -> {
                            List<String[]> lines = found.stream().map(l -> l.split(" ", 3)).filter(l -> l.length == 3)
                                    .filter(l -> kept.isEmpty() || !keep.excludes(l[2])).toList();
                            long entries = lines.size();
                            long bytes = lines.stream().filter(l -> l[0].equals("f")).mapToLong(l -> Long.parseLong(l[1]))
                                    .sum();
                            if (entries != expected.totalFileCount() || bytes != expected.totalSize()) {
                                throw new IllegalStateException("the restored workspace does not match the snapshot:"
                                        + " expected " + expected.totalFileCount() + " entries and " + expected.totalSize()
                                        + " bytes, found " + entries + " entries and " + bytes + " bytes");
                            }
                            return new Verified(new RestoreSize(bytes, entries),
                                    lines.stream().filter(l -> l[0].equals("f")).count());
                        });
            });
        }

        /** DONE, with what was found; the machine is RUNNING. */
        Uni<RestoreJob> done(Verified found) {
            return jobs.update(job.id, j -> {
                j.phase = RestorePhase.DONE;
                j.bytesDone = found.size().totalSize();
                j.filesDone = filesTotal != null ? found.files() : found.size().totalFileCount();
                j.filesTotal = filesTotal != null ? filesTotal : found.size().totalFileCount();
                j.finishedAt = UtcClock.now();
            })
                    .call(j -> instances.update(instance.id, i -> i.transition(InstanceStatus.RUNNING, UtcClock.now())))
                    .call(j -> events.publish(j, true));
        }

        /**
         * The rest of the snapshot (everything but the critical set): one restic, or {@code groups.size()}
         * of them at once on disjoint parts of the tree, each retried on its own.
         */
        Uni<Void> bulk(List<List<String>> groups) {
            List<Uni<Void>> runs = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<String> excludes = new ArrayList<>(critical);
                excludes.addAll(RestorePartition.excludesFor(groups, g));
                runs.add(restoreAllBut(excludes, ResticCli.Onto.EMPTY));
            }
            return Uni.join().all(runs).andFailFast().replaceWithVoid();
        }

        /** One restic run of everything but {@code excludes}, retried on its own, with a progress slot of its own. */
        Uni<Void> restoreAllBut(List<String> excludes, ResticCli.Onto onto) {
            Consumer<RestoreStatus> slot = meter.slot(false);
            return withRetries(() -> onMachine.repository().chain(scoped -> restic.restore(machine.restic(), scoped,
                    snapshot.resticId, root, List.of(), excludes, config.s3Connections(), noLock, onto, slot)));
        }

        /** The snapshot's tree ({@code restic ls}) cut into up to {@code processes} parts of about the same weight. */
        Uni<List<List<String>>> partition(int processes) {
            RestorePartition.Tree tree = new RestorePartition.Tree(config.partitionDepth());
            return restic.ls(repo, snapshot.resticId, noLock, n -> tree.add(n.path(), n.dir(), n.size()))
                    .map(x -> RestorePartition.split(tree, processes, config.partitionMaxEntries()))
                    .invoke(groups -> LOG.infof("restore of %s: the bulk in %d parts, one restic process each, at once",
                            snapshot.resticId, groups.size()));
        }

        /** restic dying mid-restore is retried (restic re-checks what is there) a bounded number of times. */
        Uni<Void> withRetries(Supplier<Uni<Void>> attempt) {
            return Uni.createFrom().deferred(() -> jobs.countAttempt(job.id).chain(attempt::get))
                    .onFailure().invoke(e -> LOG.warnf("restore %s: restic failed (%s), retrying", job.id, e.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                    .atMost(config.maxAttempts() - 1);
        }

        /** Measures bytes on disk every interval (restic before 0.16 reports no restore progress; local or over SSH). */
        Cancellable sample() {
            return Multi.createFrom().ticks().every(config.progressInterval())
                    .onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(t -> Commands.output(shell::exec, List.of("du", "-sb", root))
                            .map(lines -> Long.parseLong(lines.get(0).split("\\s+")[0]))
                            .onFailure().recoverWithItem(-1L))
                    .filter(b -> b >= 0)
                    .onItem().transformToUniAndConcatenate(bytes -> meter.record(bytes, 0)) // files: not measured
                    .subscribe().with(x -> { }, e -> { });
        }
    }

    /** What a verified restore holds: restic's entries and bytes, and how many of the entries are regular files. */
    record Verified(RestoreSize size, long files) {
    }

    private static Optional<BackupPolicy> policyOf(List<BackupPolicy> policies, UUID instanceId) {
        return policies.stream().filter(p -> p.instanceId.equals(instanceId)).findFirst();
    }

    /** What the target machine's backups leave out (its policy, or the defaults its backups use without one). */
    private static List<String> kept(BackupPolicy target) {
        return KeptFiles.patterns(target == null ? List.of("/") : List.of(target.includePaths),
                target == null ? SnapshotService.DEFAULT_EXCLUDES : List.of(target.excludePatterns));
    }
}
