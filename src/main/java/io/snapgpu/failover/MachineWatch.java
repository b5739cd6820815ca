package io.snapgpu.failover;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.JobLease;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import io.snapgpu.db.Db;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The machine watch: every READY or RUNNING machine, each {@code snapgpu.failover.watch-interval}, on one
 * replica at a time (the {@code machine-watch} job lease). A machine is lost when its provider reports it
 * gone, failed (exited, offline) or stopped, or when its SSH heartbeat has failed for
 * {@code snapgpu.failover.ssh-loss-after} while the provider says it runs. A provider that cannot be
 * asked (its API fails) loses nothing. Machines with a failover under way, or whose automatic
 * failover failed, are not watched (a failover never loops; a person can still move the workspace).
 */
@ApplicationScoped
public class MachineWatch {
    private static final Logger LOG = Logger.getLogger(MachineWatch.class);
    private static final int AT_ONCE = 8;

    private final Db db;
    private final InstanceService instances;
    private final ProviderRegistry providers;
    private final FailoverService failovers;
    private final JobLease lease;

    public MachineWatch(Db db, InstanceService instances, ProviderRegistry providers, FailoverService failovers,
            JobLease lease) {
        this.db = db;
        this.instances = instances;
        this.providers = providers;
        this.failovers = failovers;
        this.lease = lease;
    }

    @Scheduled(every = "${snapgpu.failover.watch-interval:15S}", delayed = "${snapgpu.failover.watch-delay:5S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> tick() {
        if (!failovers.config().watchEnabled()) {
            return Uni.createFrom().voidItem();
        }
        Duration ttl = failovers.config().watchInterval().multipliedBy(4).plusSeconds(30);
        return lease.runExclusively("machine-watch", ttl, this::watchAll).replaceWithVoid();
    }

    /** One look at every watched machine; returns how many were found lost. */
    public Uni<Integer> watchAll() {
        List<String> enabled = providers.enabled().stream().map(p -> p.name()).toList();
        return db.read(() -> Instance.<Instance>find("from Instance i where i.status in :s and i.provider in :p"
                + " and i.providerInstanceId is not null and not exists (from Failover f where f.instanceId = i.id"
                + " and (f.status in :active or (f.status = :failed and f.trigger <> :user)))",
                Map.of("s", List.of(InstanceStatus.READY, InstanceStatus.RUNNING), "p", enabled,
                        "active", Failover.Status.ACTIVE, "failed", Failover.Status.FAILED,
                        "user", Failover.Trigger.USER)).list())
                .onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUni(i -> look(i).onFailure().invoke(e -> LOG.debugf("watching %s: %s", i.id,
                        e.getMessage())).onFailure().recoverWithItem(false)).merge(AT_ONCE)
                .collect().asList().map(l -> (int) l.stream().filter(b -> b).count());
    }

    /** One look at one machine; true when it was found lost. */
    Uni<Boolean> look(Instance i) {
        return providers.require("provider", i.provider).status(i.providerInstanceId).chain(m -> switch (m.state()) {
            case GONE -> lost(i, Failover.Trigger.PROVIDER_GONE, "the provider no longer has the machine");
            case FAILED, STOPPED -> lost(i, m.statusMessage() != null && m.statusMessage().contains("offline")
                    ? Failover.Trigger.PROVIDER_OFFLINE : Failover.Trigger.PROVIDER_EXITED,
                    "the provider reports it " + (m.statusMessage() == null ? m.state().name().toLowerCase()
                            : m.statusMessage()));
            case RUNNING -> heartbeat(i, m);
            default -> Uni.createFrom().item(false); // provisioning, loading, unknown: nothing to conclude
        });
    }

    private Uni<Boolean> heartbeat(Instance i, ProviderInstance m) {
        return failovers.heartbeat(i, m).chain(ok -> {
            OffsetDateTime now = UtcClock.now();
            if (ok) {
                return i.sshFailingSince == null ? Uni.createFrom().item(false)
                        : instances.update(i.id, r -> {
                            r.sshFailingSince = null;
                            r.watchedAt = now;
                        }).replaceWith(false);
            }
            OffsetDateTime since = i.sshFailingSince == null ? now : i.sshFailingSince;
            Duration failing = Duration.between(since, now);
            if (failing.compareTo(failovers.config().sshLossAfter()) >= 0) {
                return lost(i, Failover.Trigger.SSH_DEAD, "SSH has not answered for " + failing.toSeconds()
                        + " s while the provider says the machine runs");
            }
            return i.sshFailingSince != null ? Uni.createFrom().item(false) : instances.update(i.id, r -> {
                r.sshFailingSince = since;
                r.watchedAt = now;
            }).replaceWith(false);
        });
    }

    private Uni<Boolean> lost(Instance i, Failover.Trigger trigger, String detail) {
        return failovers.lost(i, trigger, detail).replaceWith(true);
    }
}
