package io.snapgpu.race;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.offer.OfferService;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.race.RaceRun.Outcome;
import io.snapgpu.security.Caller;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Launch races as people use them: start, look, list, cancel, follow. Every call is scoped to the caller's tenant. */
@ApplicationScoped
public class LaunchRaceService {
    private final Db db;
    private final LaunchRaceRepository races;
    private final CandidateRepository candidates;
    private final RaceEngine engine;
    private final OfferService offers;
    private final InstanceService instances;
    private final ProgressHub hub;
    private final RaceConfig config;
    private final Pool pool;
    private final io.snapgpu.instance.StorageReach storage;

    public LaunchRaceService(Db db, LaunchRaceRepository races, CandidateRepository candidates, RaceEngine engine,
            OfferService offers, InstanceService instances, ProgressHub hub, RaceConfig config, Pool pool,
            io.snapgpu.instance.StorageReach storage) {
        this.storage = storage;
        this.db = db;
        this.races = races;
        this.candidates = candidates;
        this.engine = engine;
        this.offers = offers;
        this.instances = instances;
        this.hub = hub;
        this.config = config;
        this.pool = pool;
    }

    /**
     * Validates the whole request first (a refused request stores and launches nothing), records the
     * race with this replica's lease, and starts it in the background.
     */
    public Uni<RaceDetails> start(Caller caller, RaceRequest request) {
        RaceRequest r = request == null ? new RaceRequest(null, null, null, null, null) : request;
        OfferQuery filtered = offers.query(r.filter());
        storage.requireAll("filter.providers", filtered.providers()); // machines that could never snapshot
        String image = instances.image("image", r.image()); // null: each provider's default image
        int disk = instances.diskGb("diskGb", r.diskGb());
        OfferQuery query = filtered.withDiskGb(disk); // offers priced and filtered for the disk the machines get
        RacePolicy policy = RacePolicy.of(r.policy());
        UUID snapshotId = r.snapshotId() == null ? null : Inputs.uuid("snapshotId", r.snapshotId());

        LaunchRace race = new LaunchRace();
        race.id = UUID.randomUUID();
        race.tenantId = caller.tenantId();
        race.status = RaceStatus.RUNNING;
        race.waveSize = policy.waveSize();
        race.waveIntervalMs = (int) Math.round(policy.waveIntervalSeconds() * 1000);
        race.maxWaves = policy.maxWaves();
        race.timeoutMs = policy.timeoutSeconds() * 1000L;
        race.snapshotId = snapshotId;
        race.losersCost = BigDecimal.ZERO;
        race.owner = engine.replicaId();
        race.createdAt = UtcClock.now();
        race.leaseUntil = race.createdAt.plus(config.lease());
        JsonObject stored = new JsonObject().put("image", image).put("diskGb", disk)
                .put("policy", JsonObject.mapFrom(policy.toInput()))
                .put("filter", r.filter() == null ? new JsonObject() : JsonObject.mapFrom(r.filter()));
        return snapshotOfTenant(caller.tenantId(), snapshotId)
                .chain(() -> races.insert(race, stored))
                .call(() -> hub.expect(race.tenantId, race.id))
                .invoke(() -> engine.drive(new RaceRun(race.id, race.tenantId, policy, query, image, disk)))
                .replaceWith(() -> new RaceDetails(race, List.of()));
    }

    // Snapshots belong to the snapshot domain, which has no service on this branch yet: one read-only check.
    private Uni<Void> snapshotOfTenant(UUID tenantId, UUID snapshotId) {
        if (snapshotId == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select 1 from snapshot where id = $1 and tenant_id = $2 and status = 'SUCCEEDED'")
                .execute(Tuple.of(snapshotId, tenantId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new InputException("snapshotId", "must be a successful snapshot of yours (no such snapshot)");
                    }
                    return null;
                }).replaceWithVoid();
    }

    /** null when the tenant has no such race. */
    public Uni<RaceDetails> find(Caller caller, UUID id) {
        return db.read(() -> races.findForTenant(caller.tenantId(), id).chain(r -> r == null ? Uni.createFrom().nullItem()
                : candidates.byRace(r.id).map(cs -> new RaceDetails(r, cs))));
    }

    public Uni<List<RaceDetails>> list(Caller caller, boolean includeFinished, int limit) {
        Inputs.range("limit", limit, 1, 500);
        return db.read(() -> races.listForTenant(caller.tenantId(), includeFinished, limit).chain(rs -> candidates
                .byRaces(rs.stream().map(r -> r.id).toList()).map(cs -> {
                    Map<UUID, List<Candidate>> byRace = cs.stream().collect(Collectors.groupingBy(c -> c.raceId));
                    return rs.stream().map(r -> new RaceDetails(r, byRace.getOrDefault(r.id, List.of()))).toList();
                })));
    }

    /**
     * Cancels a running race: every machine is destroyed (RACE_CANCELLED) and no further wave starts.
     * The replica driving it acts at once when it is this one, else at its next lease renewal. null when
     * the tenant has no such race; a race already decided is returned as it is.
     */
    public Uni<RaceDetails> cancel(Caller caller, UUID id) {
        return races.requestCancel(caller.tenantId(), id).chain(requested -> {
            RaceRun run = engine.running(id);
            if (!requested || run == null || !run.tenantId.equals(caller.tenantId())) {
                return find(caller, id);
            }
            run.interrupt.complete(Outcome.of(Outcome.Kind.CANCELLED, "cancelled"));
            return Uni.createFrom().completionStage(run.decided::copy).ifNoItem().after(Duration.ofSeconds(10))
                    .recoverWithItem(() -> null).chain(run.journal::drained).chain(() -> find(caller, id));
        });
    }

    /**
     * The race once it has ended (winner chosen, every other machine gone), wherever it is driven: a race
     * driven here is awaited directly; one driven elsewhere, or taken over meanwhile, through its progress.
     */
    public Uni<RaceDetails> ended(Caller caller, UUID id) {
        RaceRun run = engine.running(id);
        Uni<Void> here = run == null || !run.tenantId.equals(caller.tenantId()) ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(run.finished::copy).replaceWithVoid();
        return here.chain(() -> find(caller, id)).chain(d -> d == null || d.race().finishedAt != null
                ? Uni.createFrom().item(d)
                : progress(caller, id).collect().last().chain(() -> find(caller, id)));
    }

    /**
     * The race's current state first, then every event of it (stored ones, then live ones), completing
     * after the last. Another tenant's race, like an unknown one, streams nothing.
     */
    public Multi<RaceProgress> progress(Caller caller, UUID id) {
        return find(caller, id).onItem().transformToMulti(d -> d == null ? Multi.createFrom().<RaceProgress>empty()
                : Multi.createBy().concatenating().streams(Multi.createFrom().item(RaceProgress.state(d)),
                        hub.stream(caller.tenantId(), id).map(RaceProgress::of)));
    }
}
