package io.snapgpu.drill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.OwnedWork;
import io.snapgpu.cluster.Replica;
import io.snapgpu.cluster.WorkTable;
import io.snapgpu.config.Trees;
import io.snapgpu.config.UtcClock;
import io.snapgpu.cost.StoragePricing;
import io.snapgpu.db.Db;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticNode;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.snapshot.RepositoryGuard;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import io.snapgpu.snapshot.TenantRepositories;
import io.snapgpu.storage.ObjectStore;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Restore drills: proof that a tenant's backups restore. {@code restic check} with a read-data subset,
 * then the newest successful snapshot of each machine restored on the control plane (never onto a
 * user's machine) into a scratch directory with {@code --verify}, compared with {@code restic ls}
 * (every entry, its type, every file's size) and, for a sample of files, SHA-256 of the restored copy
 * against SHA-256 of {@code restic dump}. The scratch copy is removed afterwards.
 */
@ApplicationScoped
public class DrillService implements OwnedWork {
    private static final Logger LOG = Logger.getLogger(DrillService.class);

    private final Db db;
    private final Pool pool;
    private final TenantRepositories repositories;
    private final ResticCli restic;
    private final RepositoryGuard guard;
    private final ObjectStore store;
    private final Replica replica;
    private final SnapshotService snapshots;
    private final DrillConfig config;
    private final Counter passed;
    private final Counter failed;
    /** Tenants whose latest drill failed (a gauge for alerting; refreshed from the database). */
    private final AtomicInteger failing = new AtomicInteger();

    public DrillService(Db db, Pool pool, TenantRepositories repositories, ResticCli restic, RepositoryGuard guard,
            ObjectStore store, Replica replica, DrillConfig config, MeterRegistry meters, SnapshotService snapshots) {
        this.snapshots = snapshots;
        this.db = db;
        this.pool = pool;
        this.repositories = repositories;
        this.restic = restic;
        this.guard = guard;
        this.store = store;
        this.replica = replica;
        this.config = config;
        this.passed = Counter.builder("snapgpu.restore.drills").tag("result", "passed")
                .description("restore drills that passed").register(meters);
        this.failed = Counter.builder("snapgpu.restore.drills").tag("result", "failed")
                .description("restore drills that failed").register(meters);
        meters.gauge("snapgpu.restore.drill.failing.tenants", failing);
    }


    public DrillConfig config() {
        return config;
    }

    /** Starts a drill of the tenant's repository in the background; refused while one runs. */
    public Uni<RestoreDrill> start(UUID tenantId, RestoreDrill.Trigger trigger) {
        return record(tenantId, trigger).invoke(d -> run(d).subscribe().with(x -> { },
                e -> LOG.warnf("Restore drill %s failed: %s", d.id, e.getMessage())));
    }

    /** Records a RUNNING drill (the partial unique index refuses a second one of the tenant). */
    public Uni<RestoreDrill> record(UUID tenantId, RestoreDrill.Trigger trigger) {
        RestoreDrill d = new RestoreDrill();
        d.id = UUID.randomUUID();
        d.tenantId = tenantId;
        d.trigger = trigger;
        d.status = RestoreDrill.Status.RUNNING;
        d.checkSubset = config.readDataSubset();
        d.downloadCost = BigDecimal.ZERO;
        d.owner = replica.id();
        d.startedAt = UtcClock.now();
        return db.tx(() -> d.<RestoreDrill>persist()).onFailure(DrillService::uniqueViolation)
                .transform(e -> new InputException("tenant", "a restore drill of this repository is running already"));
    }

    private static boolean uniqueViolation(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (e instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /** The drill itself; ends with its final row (PASSED or FAILED). */
    public Uni<RestoreDrill> run(RestoreDrill drill) {
        return repositories.forTenant(drill.tenantId)
                .chain(repo -> guard.beginRead(drill.tenantId).chain(read -> drill(drill, repo, read.isPresent())
                        .eventually(() -> read.isPresent() ? guard.endRead(read.get()) : Uni.createFrom().voidItem())))
                .onFailure().recoverWithUni(e -> finish(drill.id, d -> {
                    d.status = RestoreDrill.Status.FAILED;
                    d.error = "the drill could not run: " + message(e);
                }))
                .invoke(this::count);
    }

    private Uni<RestoreDrill> drill(RestoreDrill drill, ResticRepository repo, boolean noLock) {
        String prefix = TenantRepositories.prefix(drill.tenantId);
        return restic.check(repo, drill.checkSubset, noLock)
                .chain(check -> store.offEventLoop(() -> store.usage(prefix + "/data/").bytes())
                        .onFailure().recoverWithItem(0L)
                        .chain(dataBytes -> update(drill.id, d -> {
                            d.checkOk = check.ok();
                            d.checkError = check.ok() ? null : check.problems();
                            d.bytesFetched += Math.round(dataBytes * subsetFraction(drill.checkSubset));
                        })))
                .chain(() -> newestPerMachine(drill.tenantId))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(s -> trial(drill, repo, s, noLock))
                .collect().asList()
                .chain(results -> finish(drill.id, d -> {
                    d.snapshotsDrilled = results.size();
                    List<Trial> bad = results.stream().filter(t -> !t.ok()).toList();
                    d.snapshotsFailed = bad.size();
                    d.bytesFetched += results.stream().mapToLong(Trial::bytesFetched).sum();
                    d.downloadCost = StoragePricing.restoreDownload(d.bytesFetched);
                    boolean ok = Boolean.TRUE.equals(d.checkOk) && bad.isEmpty();
                    d.status = ok ? RestoreDrill.Status.PASSED : RestoreDrill.Status.FAILED;
                    List<String> problems = new ArrayList<>();
                    if (!Boolean.TRUE.equals(d.checkOk)) {
                        problems.add("restic check found problems in the repository");
                    }
                    bad.forEach(t -> problems.add("snapshot " + t.snapshotId() + " (machine " + t.instanceId()
                            + ") did not restore: " + t.error()));
                    d.error = problems.isEmpty() ? null : String.join("; ", problems);
                }));
    }

    static double subsetFraction(String subset) {
        try {
            if (subset.endsWith("%")) {
                return Math.min(1, Double.parseDouble(subset.substring(0, subset.length() - 1)) / 100);
            }
            String[] nt = subset.split("/");
            return nt.length == 2 ? 1.0 / Double.parseDouble(nt[1]) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The newest successful snapshot of each machine of the tenant. */
    private Uni<List<Snapshot>> newestPerMachine(UUID tenantId) {
        return db.read(() -> Snapshot.<Snapshot>find("from Snapshot s where s.tenantId = ?1 and s.status = ?2"
                + " and s.resticId is not null and not exists (from Snapshot t where t.tenantId = s.tenantId"
                + " and t.instanceId = s.instanceId and t.status = ?2 and t.resticId is not null"
                + " and (t.createdAt > s.createdAt or (t.createdAt = s.createdAt and t.id > s.id)))"
                + " order by s.createdAt desc", tenantId, SnapshotStatus.SUCCEEDED).list());
    }

    record Trial(UUID snapshotId, UUID instanceId, boolean ok, String error, long bytesFetched) {
    }

    /** One trial restore into a scratch directory, compared, removed; its result stored with the snapshot. */
    private Uni<Trial> trial(RestoreDrill drill, ResticRepository repo, Snapshot s, boolean noLock) {
        long started = System.nanoTime();
        Map<String, ResticNode> listing = new TreeMap<>();
        return store.offEventLoop(this::scratch).chain(dir -> restic.ls(repo, s.resticId, noLock, n -> {
                    if (!"/".equals(n.path())) {
                        listing.put(n.path(), n);
                    }
                })
                .chain(() -> restic.restoreVerified(repo, s.resticId, dir, noLock))
                .chain(() -> store.offEventLoop(() -> compare(dir, listing)))
                .chain(restoredBytes -> sample(repo, s.resticId, dir, listing, noLock)
                        .map(sampled -> restoredBytes + sampled))
                .map(bytes -> new Trial(s.id, s.instanceId, true, null, bytes))
                .onFailure().recoverWithItem(e -> new Trial(s.id, s.instanceId, false, scrub(message(e), dir),
                        listing.values().stream().filter(n -> "file".equals(n.type())).mapToLong(ResticNode::size).sum()))
                .eventually(() -> store.offEventLoop(() -> {
                    deleteTree(dir);
                    return null;
                })))
                .call(t -> snapshots.recordDrill(s.id, new SnapshotService.DrillResult(drill.id, t.ok(),
                        (System.nanoTime() - started) / 1_000_000, t.bytesFetched(),
                        StoragePricing.restoreDownload(t.bytesFetched()), t.error())))
                .invoke(t -> {
                    if (!t.ok()) {
                        LOG.warnf("Restore drill %s: snapshot %s failed: %s", drill.id, s.id, t.error());
                    }
                });
    }

    private Path scratch() {
        try {
            Path base = config.scratchDir().map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "snapgpu-drill-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the drill's scratch directory", e);
        }
    }

    /**
     * The restored tree against restic's listing: the same entries (no more, no fewer), each of the
     * listed type, each file of the listed size. Returns the bytes restored.
     */
    static long compare(Path dir, Map<String, ResticNode> listing) {
        long bytes = 0;
        for (ResticNode n : listing.values()) {
            Path p = dir.resolve(n.path().substring(1));
            boolean ok = switch (n.type()) {
                case "dir" -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                case "symlink" -> Files.isSymbolicLink(p);
                case "file" -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && size(p) == n.size();
                default -> Files.exists(p, LinkOption.NOFOLLOW_LINKS);
            };
            if (!ok) {
                throw new IllegalStateException("the restored copy differs from the snapshot's listing at "
                        + n.path() + " (" + n.type() + (n.type().equals("file") ? ", " + n.size() + " bytes" : "") + ")");
            }
            if ("file".equals(n.type())) {
                bytes += n.size();
            }
        }
        long restored;
        try (Stream<Path> walk = Files.walk(dir)) {
            restored = walk.count() - 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (restored != listing.size()) {
            throw new IllegalStateException("the restored copy has " + restored + " entries, the snapshot lists "
                    + listing.size());
        }
        return bytes;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * SHA-256 of a sample of files, restored copy against restic's dump: the largest file and an even
     * spread of the rest (by path order). Returns the bytes dumped.
     */
    private Uni<Long> sample(ResticRepository repo, String snapshotId, Path dir, Map<String, ResticNode> listing,
            boolean noLock) {
        List<ResticNode> files = listing.values().stream().filter(n -> "file".equals(n.type())).toList();
        List<ResticNode> picked = pick(files, config.sampleFiles());
        return Multi.createFrom().iterable(picked)
                .onItem().transformToUniAndConcatenate(n -> restic.dumpSha256(repo, snapshotId, n.path(), noLock)
                        .chain(dumped -> store.offEventLoop(() -> sha256(dir.resolve(n.path().substring(1)))).map(local -> {
                            if (!local.equals(dumped.getKey())) {
                                throw new IllegalStateException("the restored content of " + n.path()
                                        + " differs from the snapshot's (SHA-256 " + local.substring(0, 12) + "… vs "
                                        + dumped.getKey().substring(0, 12) + "…)");
                            }
                            return dumped.getValue();
                        })))
                .collect().asList().map(l -> l.stream().mapToLong(Long::longValue).sum());
    }

    static List<ResticNode> pick(List<ResticNode> files, int n) {
        if (files.isEmpty() || n <= 0) {
            return List.of();
        }
        List<ResticNode> out = new ArrayList<>();
        files.stream().max(Comparator.comparingLong(ResticNode::size)).ifPresent(out::add);
        int rest = Math.min(n - 1, files.size());
        for (int i = 0; i < rest; i++) {
            ResticNode f = files.get((int) ((long) i * files.size() / Math.max(1, rest)));
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private static String sha256(Path p) {
        try (var in = Files.newInputStream(p)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0;) {
                sha.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the restored copy of a file");
        }
    }

    /** No control-plane paths in what is stored and shown. */
    private static String scrub(String message, Path dir) {
        String m = message == null ? "" : message.replace(dir.toString(), "<scratch>");
        return m.length() > 2000 ? m.substring(0, 2000) + " …" : m;
    }

    static String message(Throwable e) {
        if (e instanceof CommandFailedException c) {
            return "restic exited with " + c.exitCode() + ": " + c.outputTail();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteTree(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException e) {
            LOG.warnf("Could not remove a drill's scratch directory: %s", e.getMessage());
        }
    }

    private Uni<RestoreDrill> update(UUID id, java.util.function.Consumer<RestoreDrill> change) {
        return db.tx(() -> RestoreDrill.<RestoreDrill>findById(id).invoke(change));
    }

    private Uni<RestoreDrill> finish(UUID id, java.util.function.Consumer<RestoreDrill> change) {
        return update(id, d -> {
            change.accept(d);
            d.finishedAt = UtcClock.now();
        }).call(d -> refreshFailing());
    }

    private void count(RestoreDrill d) {
        (d.status == RestoreDrill.Status.PASSED ? passed : failed).increment();
    }

    /** How many tenants' latest finished drill failed (the gauge, and health). */
    public Uni<List<RestoreDrill>> latestFailed() {
        return db.read(() -> RestoreDrill.<RestoreDrill>find("from RestoreDrill d where d.status = ?1 and not exists"
                + " (from RestoreDrill e where e.tenantId = d.tenantId and e.status <> ?2 and e.startedAt > d.startedAt)",
                RestoreDrill.Status.FAILED, RestoreDrill.Status.RUNNING).list());
    }

    public Uni<Void> refreshFailing() {
        return latestFailed().invoke(l -> failing.set(l.size())).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<RestoreDrill> find(Caller caller, UUID id) {
        return db.read(() -> RestoreDrill.<RestoreDrill>find("id = ?1 and tenantId = ?2", id, caller.tenantId()).firstResult());
    }

    public Uni<List<RestoreDrill>> list(Caller caller, int limit) {
        Inputs.range("limit", limit, 1, 500);
        return db.read(() -> RestoreDrill.<RestoreDrill>find("tenantId = ?1 order by startedAt desc", caller.tenantId())
                .range(0, limit - 1).list());
    }

    /** Tenants with a repository whose last drill started before {@code dueBefore} (or that never had one). */
    public Uni<List<UUID>> due(OffsetDateTime dueBefore) {
        return pool.preparedQuery("""
                select r.tenant_id from restic_repository r
                 where r.initialised_at is not null
                   and exists (select 1 from snapshot s where s.tenant_id = r.tenant_id and s.status = 'SUCCEEDED')
                   and not exists (select 1 from restore_drill d where d.tenant_id = r.tenant_id
                                    and (d.status = 'RUNNING' or d.started_at > $1))
                """).execute(Tuple.of(dueBefore)).map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    /** Drills in progress, owned by the replica that runs them. */
    static final WorkTable<UUID> RUNNING = WorkTable.of("restore_drill", "id", UUID.class,
            WorkTable.statusIn("status", List.of(RestoreDrill.Status.RUNNING)), "started_at");

    @Override
    public WorkTable<UUID> table() {
        return RUNNING;
    }

    /** A drill left RUNNING by a replica that went away is failed clearly (as interrupted). */
    @Override
    public Uni<Void> adopt(UUID id) {
        return finish(id, d -> {
            d.status = RestoreDrill.Status.FAILED;
            d.error = "interrupted: the SnapGPU replica running this drill stopped; it runs again at its next turn";
        }).replaceWithVoid();
    }
}
