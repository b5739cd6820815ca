package io.snapgpu.instance;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.JobLease;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the providers and the database agree, at startup and periodically: a SnapGPU-labelled machine
 * the database does not hold as alive is destroyed (ORPHAN); a machine the database holds as alive
 * that the provider no longer has is marked DESTROYED (GONE_AT_PROVIDER); a destroy that failed is
 * tried again.
 */
@ApplicationScoped
public class InstanceReaper {
    private static final Logger LOG = Logger.getLogger(InstanceReaper.class);
    /** A create may be in flight this long before its row without a provider id counts as failed. */
    private static final Duration CREATE_GRACE = Duration.ofMinutes(5);

    private final Db db;
    private final InstanceRepository instances;
    private final InstanceService service;
    private final ProviderRegistry providers;
    private final boolean enabled;

    private final JobLease lease;
    private final ShellConnector shells;

    public InstanceReaper(Db db, InstanceRepository instances, InstanceService service, ProviderRegistry providers,
            InstanceConfig config, JobLease lease, ShellConnector shells) {
        this.lease = lease;
        this.shells = shells;
        this.enabled = config.reaperEnabled();
        this.db = db;
        this.instances = instances;
        this.service = service;
        this.providers = providers;
    }

    public record Report(int orphansDestroyed, int markedGone, int retriedDestroys, int adopted) {
    }

    void atStartup(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        reapExclusively().subscribe().with(r -> LOG.infof("Orphan reaper at startup: %s",
                r == null ? "another replica is reaping" : r),
                e -> LOG.warnf("Orphan reaper at startup failed: %s", e.getMessage()));
    }

    @Scheduled(every = "${snapgpu.instances.reaper-interval:5M}", delayed = "${snapgpu.instances.reaper-interval:5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> periodic() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return reapExclusively().invoke(r -> {
            if (r != null && r.orphansDestroyed() + r.markedGone() + r.retriedDestroys() + r.adopted() > 0) {
                LOG.infof("Orphan reaper: %s", r);
            }
        }).replaceWithVoid();
    }

    /** One replica at a time reaps (the others skip their turn); null when another replica holds the turn. */
    public Uni<Report> reapExclusively() {
        return lease.runExclusively("instance-reaper", Duration.ofMinutes(10), this::reap);
    }

    public Uni<Report> reap() {
        return Multi.createFrom().iterable(providers.enabled())
                .onItem().transformToUniAndConcatenate(p -> reap(p).onFailure().recoverWithItem(e -> {
                    LOG.warnf("Orphan reaper skipped %s: %s", p.name(), e.getMessage());
                    return new Report(0, 0, 0, 0);
                }))
                .collect().asList()
                .map(rs -> new Report(rs.stream().mapToInt(Report::orphansDestroyed).sum(),
                        rs.stream().mapToInt(Report::markedGone).sum(), rs.stream().mapToInt(Report::retriedDestroys).sum(),
                        rs.stream().mapToInt(Report::adopted).sum()));
    }

    private Uni<Report> reap(GpuProvider provider) {
        return provider.listLabelled(Instance.LABEL_PREFIX).chain(machines -> {
            Map<UUID, ProviderInstance> byRow = new HashMap<>();
            machines.forEach(m -> rowId(m.label()).ifPresent(id -> byRow.put(id, m)));
            List<UUID> ids = List.copyOf(byRow.keySet());
            return db.read(() -> instances.byIds(ids)).chain(known -> db.read(() -> instances.alive(provider.name()))
                    .chain(alive -> act(provider, machines, byRow, known, alive)));
        });
    }

    private Uni<Report> act(GpuProvider provider, List<ProviderInstance> machines, Map<UUID, ProviderInstance> byRow,
            List<Instance> known, List<Instance> alive) {
        Map<UUID, Instance> rows = known.stream().collect(Collectors.toMap(i -> i.id, i -> i));
        Set<String> atProvider = machines.stream().map(ProviderInstance::id).collect(Collectors.toSet());
        int[] counts = new int[4];
        List<Uni<Void>> work = new java.util.ArrayList<>();
        for (ProviderInstance m : machines) {
            Optional<UUID> rowId = rowId(m.label());
            Instance row = rowId.map(rows::get).orElse(null);
            if (row == null || !row.status.alive()) {
                counts[0]++;
                LOG.warnf("Destroying orphan machine %s at %s (label %s, database says %s)", m.id(), provider.name(),
                        m.label(), row == null ? "nothing" : row.status);
                work.add(provider.destroy(m.id()).invoke(() -> shells.forget(provider.name(), m.id()))
                        .chain(() -> row == null ? Uni.createFrom().voidItem()
                        : service.update(row.id, r -> {
                            if (r.terminationReason == null) {
                                r.terminationReason = TerminationReason.ORPHAN;
                            }
                        }).replaceWithVoid())
                        .onFailure().invoke(e -> LOG.warnf("Could not destroy orphan %s: %s", m.id(), e.getMessage()))
                        .onFailure().recoverWithNull().replaceWithVoid());
            } else if (row.providerInstanceId == null) {
                counts[3]++; // its create answered after a crash, or is still in flight: now we know the machine
                work.add(service.update(row.id, r -> {
                    r.providerInstanceId = m.id();
                    if (r.status == InstanceStatus.PROVISIONING) {
                        r.transition(InstanceStatus.BOOTING, UtcClock.now());
                    }
                }).replaceWithVoid());
            } else if (row.status == InstanceStatus.DESTROYING) {
                counts[2]++;
                work.add(service.destroy(row.id, row.terminationReason).replaceWithVoid());
            }
        }
        for (Instance row : alive) {
            boolean missing = row.providerInstanceId != null && !atProvider.contains(row.providerInstanceId);
            boolean neverCreated = row.providerInstanceId == null && !byRow.containsKey(row.id)
                    && row.createdAt.isBefore(UtcClock.now().minus(CREATE_GRACE));
            if (missing || neverCreated) {
                counts[1]++;
                shells.forget(row.provider, row.providerInstanceId);
                work.add(service.update(row.id, r -> {
                    if (r.status.alive()) {
                        if (r.terminationReason == null) {
                            r.terminationReason = neverCreated ? TerminationReason.CREATE_FAILED
                                    : TerminationReason.GONE_AT_PROVIDER;
                        }
                        r.transition(InstanceStatus.DESTROYED, UtcClock.now());
                    }
                }).replaceWithVoid());
            }
        }
        Report report = new Report(counts[0], counts[1], counts[2], counts[3]);
        return work.isEmpty() ? Uni.createFrom().item(report)
                : Uni.join().all(work).andCollectFailures().replaceWith(report);
    }

    static Optional<UUID> rowId(String label) {
        if (label == null || !label.startsWith(Instance.LABEL_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(label.substring(Instance.LABEL_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
