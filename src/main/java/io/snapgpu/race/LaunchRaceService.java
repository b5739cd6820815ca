package io.snapgpu.race;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.StorageReach;
import io.snapgpu.offer.HostStatsRepository;
import io.snapgpu.offer.HostStatsService;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.offer.OfferService;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.race.RaceRun.Outcome;
import io.snapgpu.security.Caller;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.InputException;
import io.snapgpu.validation.Inputs;
import io.vertx.core.json.JsonObject;
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
    private final SnapshotService snapshots;
    private final StorageReach storage;
    private final HostStatsService hostStats;

    public LaunchRaceService(Db db, LaunchRaceRepository races, CandidateRepository candidates, RaceEngine engine,
            OfferService offers, InstanceService instances, ProgressHub hub, RaceConfig config, SnapshotService snapshots,
            StorageReach storage, HostStatsService hostStats) {
        this.storage = storage;
        this.hostStats = hostStats;
        this.db = db;
        this.races = races;
        this.candidates = candidates;
        this.engine = engine;
        this.offers = offers;
        this.instances = instances;
        this.hub = hub;
        this.config = config;
        this.snapshots = snapshots;
    }

    /** A request validated: every field checked, the caller's max $/h folded into the offer filter. */
    private record Plan(RaceRequest request, OfferFilter filter, OfferQuery query, String image, int disk,
            RacePolicy policy, UUID snapshotId) {
    }

    /** Checks every field of the request; a refusal names all the bad ones at once. */
    private Plan plan(RaceRequest request) {
        RaceRequest r = request == null ? new RaceRequest(null, null, null, null, null) : request;
        FieldErrors errors = Inputs.check();
        RacePolicy policy = errors.get(() -> RacePolicy.of(r.policy()), RacePolicy.defaults());
        // the cap lives in the filter the race stores and queries: offers above it are never started
        OfferFilter filter = (r.filter() == null ? OfferFilter.none() : r.filter())
                .withMaxPricePerHour(policy.maxPricePerHour());
        OfferQuery filtered = errors.get(() -> offers.query(filter));
        if (filtered != null) { // machines that could never snapshot
            errors.run(() -> storage.requireAll("filter.providers", filtered.providers()));
        }
        String image = errors.get(() -> instances.image("image", r.image())); // null: each provider's default image
        int disk = errors.get(() -> instances.diskGb("diskGb", r.diskGb()), 0);
        UUID snapshotId = r.snapshotId() == null ? null : errors.get(() -> Inputs.uuid("snapshotId", r.snapshotId()));
        errors.throwIfAny();
        OfferQuery query = filtered.withDiskGb(disk); // offers priced and filtered for the disk the machines get
        return new Plan(r, filter, query, image, disk, policy, snapshotId);
    }

    /**
     * What the race would start, wave by wave, ranked as its waves rank offers, and its worst-case
     * cost; validates the request as {@link #start} does (field-named errors) and starts nothing.
     */
    public Uni<RacePreview> preview(RaceRequest request) {
        Plan p = plan(request);
        return preview(p);
    }

    private Uni<RacePreview> preview(Plan p) {
        boolean useStats = p.policy().rankByHostStats();
        double prior = OfferService.PRIOR_BOOT_SECONDS * config.timeScale();
        return offers.matching(p.query()).chain(found -> (useStats
                ? hostStats.forProviders(found.stream().map(Offer::provider).collect(Collectors.toSet()))
                : Uni.createFrom().item(Map.<String, Map<String, HostStatsRepository.HostStats>>of()))
                .map(stats -> RacePreview.of(found, CandidateRanking.rank(found, stats, useStats, prior), p.policy())));
    }

    /**
     * Validates a request and, when it has a race cap, refuses (naming {@code policy.maxRaceCost}) one
     * whose worst case is above it; starts nothing.
     */
    public Uni<RacePreview> check(RaceRequest request) {
        return withinCap(plan(request));
    }

    /** The plan's preview checked against its race cap; null without a cap (nothing to price). */
    private Uni<RacePreview> withinCap(Plan p) {
        return p.policy().maxRaceCost() == null ? Uni.createFrom().nullItem()
                : preview(p).map(LaunchRaceService::requireWithinCap);
    }

    static RacePreview requireWithinCap(RacePreview preview) {
        if (!preview.withinCap()) {
            throw new InputException("policy.maxRaceCost", "the race could cost up to $"
                    + preview.worstCaseCost().toPlainString() + " (" + preview.machines() + " machines, each billed up to "
                    + preview.billedSecondsPerMachine() + " s), more than your cap of $"
                    + preview.maxRaceCost().toPlainString() + "; raise the cap, or lower policy.waveSize,"
                    + " policy.maxWaves, policy.candidateTimeoutSeconds or policy.maxPricePerHour");
        }
        return preview;
    }

    /**
     * Validates the whole request first, then its worst-case cost against the caller's cap (a refused
     * request stores and launches nothing), records the race with this replica's lease, and starts it
     * in the background.
     */
    public Uni<RaceDetails> start(Caller caller, RaceRequest request) {
        Plan p = plan(request);
        RacePolicy policy = p.policy();
        UUID snapshotId = p.snapshotId();

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
        JsonObject stored = new JsonObject().put("image", p.image()).put("diskGb", p.disk())
                .put("policy", JsonObject.mapFrom(policy.toInput()))
                .put("filter", JsonObject.mapFrom(p.filter()));
        Uni<RacePreview> priced = withinCap(p); // before anything is stored or started
        return snapshotOfTenant(caller.tenantId(), snapshotId)
                .chain(() -> priced)
                .invoke(() -> {
                    race.createdAt = UtcClock.now();
                    race.leaseUntil = race.createdAt.plus(config.lease());
                })
                .chain(() -> races.insert(race, stored))
                .call(() -> hub.expect(race.tenantId, race.id))
                .invoke(() -> engine.drive(new RaceRun(race.id, race.tenantId, policy, p.query(), p.image(), p.disk())))
                .replaceWith(() -> new RaceDetails(race, List.of()));
    }

    private Uni<Void> snapshotOfTenant(UUID tenantId, UUID snapshotId) {
        if (snapshotId == null) {
            return Uni.createFrom().voidItem();
        }
        return snapshots.succeeded(tenantId, snapshotId).invoke(ok -> {
            if (!ok) {
                throw new InputException("snapshotId", "must be a successful snapshot of yours (no such snapshot)");
            }
        }).replaceWithVoid();
    }

    /** The region the race that started this machine asked for (null: none, or not started by a race). */
    public Uni<String> regionAskedFor(UUID instanceId) {
        return races.regionAskedFor(instanceId);
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
