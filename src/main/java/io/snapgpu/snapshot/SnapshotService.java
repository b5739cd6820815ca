package io.snapgpu.snapshot;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.OwnedWork;
import io.snapgpu.cluster.Replica;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.ReadyMachine;
import io.snapgpu.progress.ProgressEvent;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.restic.BackupSummary;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.restic.ResticSnapshot;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.storage.CredentialGrant;
import io.snapgpu.storage.MachineCredentials;
import io.snapgpu.storage.StorageAccess;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Snapshots of workspaces: restic runs on the instance (through its shell) from the workspace root,
 * with the instance id as restic host so incrementals find their parent. A snapshot is SUCCEEDED
 * only after restic's summary.
 */
@ApplicationScoped
public class SnapshotService implements OwnedWork {
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);
    public static final Set<Integer> FREQUENCIES = Set.of(15, 60, 360, 1440);
    public static final Set<Integer> RETENTIONS = Set.of(7, 30, 90);
    public static final List<String> DEFAULT_EXCLUDES = List.of("/tmp", "*.log", "__pycache__");
    public static final int MAX_PATHS = 100;

    private final Db db;
    private final InstanceService instances;
    private final TenantRepositories repositories;
    private final ResticCli restic;
    private final ProgressHub progress;
    private final Replica replica;
    private final TreeHashes treeHashes;
    private final RepositoryGuard guard;
    private final MachineCredentials credentials;
    private final SnapshotPages pages;

    private final BackupPolicies policies;

    public SnapshotService(Db db, InstanceService instances, TenantRepositories repositories, ResticCli restic,
            ProgressHub progress, Replica replica, TreeHashes treeHashes, RepositoryGuard guard,
            MachineCredentials credentials, BackupPolicies policies, SnapshotPages pages) {
        this.policies = policies;
        this.pages = pages;
        this.credentials = credentials;
        this.guard = guard;
        this.replica = replica;
        this.treeHashes = treeHashes;
        this.db = db;
        this.instances = instances;
        this.repositories = repositories;
        this.restic = restic;
        this.progress = progress;
    }


    /** {@code enabled} false turns automatic snapshots off (the settings are kept); null or true: on. */
    public record PolicyRequest(String instanceId, Integer frequencyMinutes, Integer retentionDays,
            List<String> includePaths, List<String> excludePaths, Boolean enabled) {
        public PolicyRequest(String instanceId, Integer frequencyMinutes, Integer retentionDays,
                List<String> includePaths, List<String> excludePaths) {
            this(instanceId, frequencyMinutes, retentionDays, includePaths, excludePaths, null);
        }
    }

    /** Validates everything first: a refused policy changes nothing. */
    public Uni<BackupPolicy> configure(Caller caller, PolicyRequest r) {
        FieldErrors errors = Inputs.check();
        UUID instanceId = errors.get(() -> Inputs.uuid("instance_id", r.instanceId()));
        int frequency = errors.get(() -> Inputs.oneOf("frequency_minutes", r.frequencyMinutes(),
                FREQUENCIES.stream().sorted().toList()), 0);
        int retention = errors.get(() -> Inputs.oneOf("retention_days", r.retentionDays(),
                RETENTIONS.stream().sorted().toList()), 0);
        List<String> include = new ArrayList<>();
        errors.run(() -> Inputs.maxItems("include_paths", r.includePaths(), MAX_PATHS));
        if (!errors.refused("include_paths")) { // too many: their count is the error, not each one
            for (String p : r.includePaths() == null || r.includePaths().isEmpty() ? List.of("/") : r.includePaths()) {
                errors.run(() -> include.add(Inputs.workspacePath("include_paths", p)));
            }
        }
        List<String> exclude = new ArrayList<>();
        errors.run(() -> Inputs.maxItems("exclude_paths", r.excludePaths(), MAX_PATHS));
        if (!errors.refused("exclude_paths")) { // too many: their count is the error, not each one
            for (String p : r.excludePaths() == null ? DEFAULT_EXCLUDES : r.excludePaths()) {
                errors.run(() -> exclude.add(Inputs.pattern("exclude_paths", p)));
            }
        }
        errors.throwIfAny();
        boolean on = r.enabled() == null || r.enabled();
        return ownInstance(caller, instanceId).invoke(instance -> {
            if (!instance.status.alive()) { // its backups ended with it: saying "saved" would be a lie
                throw new InputException("instance_id", "the machine is " + instance.status.name().toLowerCase()
                        + ": a machine that no longer exists takes no snapshots");
            }
        }).call(instance -> repositories.forTenant(caller.tenantId()))
                .chain(instance -> db.tx(() -> BackupPolicy.<BackupPolicy>findById(instanceId)
                .chain(existing -> {
                    BackupPolicy p = existing == null ? new BackupPolicy() : existing;
                    p.instanceId = instanceId;
                    p.tenantId = caller.tenantId();
                    p.frequencyMinutes = frequency;
                    p.retentionDays = retention;
                    p.includePaths = include.toArray(String[]::new);
                    p.excludePatterns = exclude.toArray(String[]::new);
                    p.criticalPatterns = p.criticalPatterns == null ? new String[0] : p.criticalPatterns;
                    p.enabled = on;
                    p.nextRunAt = on ? UtcClock.now().plusMinutes(frequency) : null;
                    p.updatedAt = UtcClock.now();
                    return existing == null ? p.<BackupPolicy>persist() : Uni.createFrom().item(p);
                })));
    }

    /** A replacement machine takes over the lost one's policy (unless it has one of its own already). */
    public Uni<Void> movePolicy(UUID from, UUID to) {
        return policies.move(from, to);
    }

    /** Whether the machine has automatic snapshots on. */
    public Uni<Boolean> backupsEnabled(UUID instanceId) {
        return policies.enabled(instanceId);
    }

    /** The newest successful snapshot of the tenant's that one of these machines took, or null. */
    public Uni<Snapshot> newestOf(UUID tenantId, java.util.Collection<UUID> instanceIds) {
        return db.read(() -> Snapshot.<Snapshot>find("tenantId = ?1 and status = ?2 and resticId is not null"
                + " and instanceId in ?3 order by createdAt desc", tenantId, SnapshotStatus.SUCCEEDED,
                List.copyOf(instanceIds)).firstResult());
    }

    /** Whether the tenant has a successful snapshot with this id. */
    public Uni<Boolean> succeeded(UUID tenantId, UUID id) {
        return db.read(() -> Snapshot.count("id = ?1 and tenantId = ?2 and status = ?3", id, tenantId,
                SnapshotStatus.SUCCEEDED)).map(n -> n > 0);
    }

    /** What the last restore drill of a snapshot found. */
    public record DrillResult(UUID drillId, boolean passed, long durationMs, long bytesFetched,
            java.math.BigDecimal downloadCost, String error) {
    }

    public Uni<Void> recordDrill(UUID snapshotId, DrillResult r) {
        return db.tx(() -> Snapshot.update("drilledAt = ?1, drillId = ?2, drillStatus = ?3,"
                + " drillDurationMs = ?4, drillBytesFetched = ?5, drillDownloadCost = ?6, drillError = ?7"
                + " where id = ?8", UtcClock.now(), r.drillId(), r.passed() ? "PASSED" : "FAILED", r.durationMs(),
                r.bytesFetched(), r.downloadCost(), r.error(), snapshotId)).replaceWithVoid();
    }

    /** The tenant's policies of these machines (those that have one). */
    public Uni<List<BackupPolicy>> policies(UUID tenantId, java.util.Collection<UUID> instanceIds) {
        return policies.ofMachines(tenantId, instanceIds);
    }

    public Uni<BackupPolicy> policy(Caller caller, UUID instanceId) {
        return db.read(() -> BackupPolicy.<BackupPolicy>find("instanceId = ?1 and tenantId = ?2", instanceId,
                caller.tenantId()).firstResult());
    }

    private Uni<Instance> ownInstance(Caller caller, UUID instanceId) {
        return instances.find(caller, instanceId).map(i -> {
            if (i == null) {
                throw new InputException("instance_id", "no such instance");
            }
            return i;
        });
    }

    /** A manual snapshot: returns at once (RUNNING); progress streams on snapshotProgress(id). */
    public Uni<Snapshot> createManual(Caller caller, String instanceId, String description) {
        FieldErrors errors = Inputs.check();
        UUID id = errors.get(() -> Inputs.uuid("instance_id", instanceId));
        String d = errors.get(() -> Inputs.text("description", description, 500));
        errors.throwIfAny();
        return ownInstance(caller, id).chain(instance -> start(instance, SnapshotKind.MANUAL, d, null));
    }

    /** Records a RUNNING snapshot and runs the backup in the background. */
    public Uni<Snapshot> start(Instance instance, SnapshotKind kind, String description, Integer retentionDays) {
        return record(instance, kind, description, retentionDays).invoke(saved -> run(instance, saved)
                .subscribe().with(done -> { }, e -> LOG.warnf("Snapshot %s failed: %s", saved.id, e.getMessage())));
    }

    /**
     * Records a RUNNING snapshot (nothing runs yet: see {@link #run}). {@code retentionDays} overrides
     * the kind's default (automatic snapshots use their policy's).
     */
    public Uni<Snapshot> record(Instance instance, SnapshotKind kind, String description, Integer retentionDays) {
        if (instance.status != InstanceStatus.READY && instance.status != InstanceStatus.RUNNING) {
            return Uni.createFrom().failure(new InputException("instance_id", "the instance must be READY or RUNNING"
                    + " to take a snapshot (it is " + instance.status + ")"));
        }
        Snapshot s = new Snapshot();
        s.id = UUID.randomUUID();
        s.tenantId = instance.tenantId;
        s.instanceId = instance.id;
        s.kind = kind;
        s.status = SnapshotStatus.RUNNING;
        s.description = description;
        s.createdAt = UtcClock.now();
        s.expiresAt = s.createdAt.plus(retentionDays == null ? kind.defaultRetention
                : java.time.Duration.ofDays(retentionDays));
        s.owner = replica.id();
        return progress.expect(s.tenantId, s.id).chain(() -> db.tx(() -> s.<Snapshot>persist()));
    }

    /** The backup itself; the returned Uni ends with the final row (SUCCEEDED or FAILED). */
    public Uni<Snapshot> run(Instance instance, Snapshot snapshot) {
        AtomicLong lastPublished = new AtomicLong();
        return Uni.combine().all().unis(db.read(() -> BackupPolicy.<BackupPolicy>findById(instance.id))
                .map(java.util.Optional::ofNullable), repositories.forTenant(instance.tenantId), instances.ready(instance))
                .asTuple().chain(t -> {
                    BackupPolicy policy = t.getItem1().orElse(null);
                    List<String> include = policy == null ? List.of("/") : List.of(policy.includePaths);
                    List<String> exclude = policy == null ? DEFAULT_EXCLUDES : List.of(policy.excludePatterns);
                    return backup(t.getItem2(), t.getItem3(), instance, snapshot, include, exclude, lastPublished);
                }).onFailure().recoverWithUni(e -> finish(snapshot.id, row -> {
            row.status = SnapshotStatus.FAILED;
            row.error = CommandFailedException.forPeople(e);
        }, SnapshotProgress.FAILED, Map.of("error", CommandFailedException.forPeople(e))));
    }

    private Uni<Snapshot> backup(ResticRepository repo, ReadyMachine machine, Instance instance,
            Snapshot snapshot, List<String> include, List<String> exclude, AtomicLong lastPublished) {
        String root = machine.workspaceRoot();
        List<String> paths = include.stream().map(p -> p.equals("/") ? "." : p.substring(1)).toList();
        // patterns anchored at the workspace root ("/tmp") are made absolute on the machine
        List<String> excludes = exclude.stream().map(p -> p.startsWith("/") ? root + p : p).toList();
        // the machine gets credentials of its own for this backup, never the control plane's
        Uni<ResticRepository> onMachine = lastBackupBytes(instance.id).chain(bytes -> credentials.lease(repo,
                new MachineCredentials.Operation(instance.tenantId, instance.id, CredentialGrant.Purpose.BACKUP,
                        snapshot.id, StorageAccess.READ_WRITE, bytes)).repository());
        return onMachine.chain(scoped -> restic.backup(machine.restic(), scoped, Path.of(root), hostFor(instance.id), paths,
                excludes, List.of(snapshot.kind.name().toLowerCase()), status -> {
                    long nowMs = System.currentTimeMillis();
                    if (nowMs - lastPublished.get() >= 1000) {
                        lastPublished.set(nowMs);
                        progress.publish(snapshot.tenantId, ProgressEvent.SubjectType.SNAPSHOT, snapshot.id, SnapshotProgress.RUNNING,
                                status, false).subscribe().with(x -> { }, e -> { });
                    }
                }))
                // Done when restic says so (its summary): the row gets the full id, sizes and SUCCEEDED in
                // one step and the stream ends. The tree hash follows off the critical path (TreeHashes).
                .chain(summary -> identify(instance.tenantId, repo, summary).chain(found -> finish(snapshot.id, row -> {
                    row.status = SnapshotStatus.SUCCEEDED;
                    row.resticId = found.id();
                    row.treeHash = found.tree();
                    row.totalBytes = summary.totalBytesProcessed();
                    row.addedBytes = summary.dataAdded();
                    row.fileCount = summary.totalFilesProcessed();
                }, SnapshotProgress.SUCCEEDED, summary)))
                .invoke(row -> {
                    if (row.treeHash == null) {
                        treeHashes.fillLater(row.tenantId);
                    }
                });
    }

    /** The size of the machine's last good backup (what the next one reads), or null for a first one. */
    private Uni<Long> lastBackupBytes(UUID instanceId) {
        return db.read(() -> Snapshot.<Snapshot>find("instanceId = ?1 and status = ?2 and totalBytes is not null"
                + " order by createdAt desc", instanceId, SnapshotStatus.SUCCEEDED).firstResult())
                .map(s -> s == null ? null : s.totalBytes);
    }

    /**
     * The full restic id of the snapshot a backup reported: as reported by restic 0.17+; for a short
     * one (0.14) from the bucket when one snapshot file matches, otherwise from restic's listing. The
     * tree hash is not known yet unless the listing was needed.
     */
    private Uni<ResticSnapshot> identify(UUID tenantId, ResticRepository repo, BackupSummary summary) {
        return repositories.fullSnapshotId(tenantId, summary.snapshotId())
                .chain(full -> full.isPresent()
                        ? Uni.createFrom().item(new ResticSnapshot(full.get(), summary.snapshotId(), null, null, null, null, null))
                        : restic.snapshots(repo).map(all -> matching(all, summary)));
    }

    /** The listed snapshot whose id starts with the one the summary reported. */
    private static ResticSnapshot matching(List<ResticSnapshot> all, BackupSummary summary) {
        return all.stream().filter(s -> s.id().startsWith(summary.snapshotId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("restic reported snapshot " + summary.snapshotId()
                        + " but does not list it"));
    }

    /** Every progress event of the caller's snapshot (from its start), completing when it ends; nothing for another tenant's. */
    public Multi<SnapshotProgress> progress(Caller caller, UUID id) {
        return progress.stream(caller.tenantId(), id).map(SnapshotProgress::of);
    }

    /** Snapshots in progress, owned by the replica that runs them. */
    static final WorkTable<UUID> RUNNING = WorkTable.of("snapshot", "id", UUID.class,
            WorkTable.statusIn("status", List.of(SnapshotStatus.RUNNING)), "created_at");

    @Override
    public WorkTable<UUID> table() {
        return RUNNING;
    }

    /**
     * A snapshot left RUNNING by a replica that went away (crash, kill -9) is failed clearly; its
     * policy runs again at its next turn.
     */
    @Override
    public Uni<Void> adopt(UUID id) {
        return finish(id, row -> {
            row.status = SnapshotStatus.FAILED;
            row.error = ORPHANED;
        }, SnapshotProgress.FAILED, Map.of("error", ORPHANED)).replaceWithVoid();
    }

    static final String ORPHANED = "interrupted: the SnapGPU replica running this snapshot stopped; take it again";

    private Uni<Snapshot> finish(UUID id, java.util.function.Consumer<Snapshot> change, String event, Object payload) {
        return db.tx(() -> Snapshot.<Snapshot>findById(id).invoke(row -> {
            change.accept(row);
            if (row.finishedAt == null) {
                row.finishedAt = UtcClock.now();
            }
        })).call(row -> progress.publish(row.tenantId, ProgressEvent.SubjectType.SNAPSHOT, id, event, payload, true));
    }

    /**
     * Forgets, and prunes unless a restore reads the repository without restic's lock: then the prune
     * is left to the retention job (the repository is marked prune-pending).
     */
    private Uni<Void> forgetAndPrune(UUID tenant, ResticRepository repo, List<String> resticIds) {
        return guard.pruning(tenant, () -> restic.forget(repo, resticIds, true))
                .chain(pruned -> pruned ? Uni.createFrom().voidItem() : restic.forget(repo, resticIds, false));
    }

    /** Prunes a repository whose prune was deferred; false when readers still hold it off. */
    public Uni<Boolean> prunePending(UUID tenant) {
        return guard.pruning(tenant, () -> repositories.forTenant(tenant).chain(restic::prune));
    }

    public static String hostFor(UUID instanceId) {
        return "snapgpu-" + instanceId;
    }

    public record Listed(Snapshot snapshot, int sameContentCount) {
    }

    /**
     * Newest first; {@code dedupe} keeps the newest of each content (tree hash) with how many share it.
     * A page starts after the snapshot whose {@link SnapshotCursor} is {@code after} (an index range,
     * however deep the page), or, for older clients, after skipping {@code offset} rows. One query per
     * page (plus one for the counts when deduped); no total is counted.
     */
    public Uni<List<Listed>> list(Caller caller, UUID instanceId, boolean dedupe, int offset, int limit, String after) {
        FieldErrors errors = Inputs.check();
        errors.run(() -> Inputs.range("limit", limit, 1, 500));
        errors.run(() -> Inputs.range("offset", offset, 0, 1_000_000));
        SnapshotCursor cursor = errors.get(() -> SnapshotCursor.parse("after", after));
        if (cursor != null && offset != 0) {
            errors.add("offset", "must be 0 when after is given (the cursor says where the page starts)");
        }
        errors.throwIfAny();
        List<SnapshotStatus> listed = List.of(SnapshotStatus.RUNNING, SnapshotStatus.SUCCEEDED, SnapshotStatus.FAILED);
        java.util.function.Function<String, String> scopeOf = a -> a + "tenantId = :tenant and " + a + "status in :listed"
                + (instanceId == null ? "" : " and " + a + "instanceId = :instance");
        String scope = scopeOf.apply("");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("tenant", caller.tenantId(), "listed", listed));
        if (instanceId != null) {
            params.put("instance", instanceId);
        }
        java.util.function.Function<String, String> afterOf = a -> cursor == null ? ""
                : " and (" + a + "createdAt < :afterAt or (" + a + "createdAt = :afterAt and " + a + "id < :afterId))";
        if (cursor != null) {
            params.put("afterAt", cursor.createdAt());
            params.put("afterId", cursor.id());
        }
        if (!dedupe) {
            return pages.page(caller.tenantId(), instanceId, cursor, offset, limit)
                    .map(page -> page.stream().map(x -> new Listed(x, 1)).toList());
        }
        // the newest snapshot of each content (tree hash) in this scope, a page of them, then how many share each
        String newest = scopeOf.apply("s.") + " and not exists (from Snapshot t where " + scopeOf.apply("t.")
                + " and t.treeHash = s.treeHash and (t.createdAt > s.createdAt or (t.createdAt = s.createdAt and t.id > s.id)))";
        return db.read(() -> Snapshot.<Snapshot>find("from Snapshot s where " + newest + afterOf.apply("s.")
                + " order by s.createdAt desc, s.id desc", params).range(offset, offset + limit - 1).list()
                .chain(page -> {
                    List<String> hashes = page.stream().map(x -> x.treeHash).filter(h -> h != null).distinct().toList();
                    if (hashes.isEmpty()) {
                        return Uni.createFrom().item(page.stream().map(x -> new Listed(x, 1)).toList());
                    }
                    Map<String, Object> counting = new java.util.HashMap<>(params);
                    counting.remove("afterAt");
                    counting.remove("afterId");
                    counting.put("hashes", hashes);
                    return Snapshot.getSession().chain(session -> {
                        var query = session.createSelectionQuery("select treeHash, count(*) from Snapshot where " + scope
                                + " and treeHash in :hashes group by treeHash", Object[].class);
                        counting.forEach(query::setParameter);
                        return query.getResultList();
                    }).map((List<Object[]> counts) -> {
                        Map<String, Long> byHash = new java.util.HashMap<>();
                        counts.forEach(r -> byHash.put((String) r[0], (Long) r[1]));
                        return page.stream().map(x -> new Listed(x, x.treeHash == null ? 1
                                : byHash.getOrDefault(x.treeHash, 1L).intValue())).toList();
                    });
                }));
    }

    public Uni<Snapshot> find(Caller caller, UUID id) {
        return db.read(() -> Snapshot.<Snapshot>find("id = ?1 and tenantId = ?2 and status <> ?3", id, caller.tenantId(),
                SnapshotStatus.DELETED).firstResult());
    }

    /** Forgets (and prunes) in restic, then the snapshot is gone from listings; null when unknown. */
    public Uni<Snapshot> delete(Caller caller, UUID id) {
        return find(caller, id).chain(s -> s == null ? Uni.createFrom().nullItem() : forget(List.of(s)).map(x -> s));
    }

    /** Forgets these snapshots (all of one tenant) in one restic run, pruning once. */
    public Uni<Void> forget(List<Snapshot> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID tenant = batch.get(0).tenantId;
        List<UUID> ids = batch.stream().map(s -> s.id).toList();
        List<String> resticIds = batch.stream().map(s -> s.resticId).filter(r -> r != null).toList();
        return db.tx(() -> Snapshot.update("status = ?1 where id in ?2", SnapshotStatus.DELETING, ids))
                .chain(() -> resticIds.isEmpty() ? Uni.createFrom().voidItem()
                        : repositories.forTenant(tenant).chain(repo -> forgetAndPrune(tenant, repo, resticIds)))
                .chain(() -> db.tx(() -> Snapshot.update("status = ?1, deletedAt = ?2 where id in ?3",
                        SnapshotStatus.DELETED, UtcClock.now(), ids)))
                .replaceWithVoid();
    }

}
