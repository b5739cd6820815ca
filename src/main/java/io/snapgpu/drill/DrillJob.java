package io.snapgpu.drill;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.cluster.JobLease;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.config.UtcClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Scheduled restore drills: every tenant's repository once per {@code snapgpu.drills.interval}, one
 * replica at a time (the {@code restore-drills} job lease), tenants one after the other. A drill whose
 * replica went away is failed as interrupted by any replica.
 */
@ApplicationScoped
public class DrillJob {
    private static final Logger LOG = Logger.getLogger(DrillJob.class);

    private final DrillService drills;
    private final JobLease lease;

    public DrillJob(DrillService drills, JobLease lease) {
        this.drills = drills;
        this.lease = lease;
    }

    @Scheduled(every = "${snapgpu.drills.due-check-interval:1H}", delayed = "${snapgpu.drills.due-check-delay:10M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    Uni<Void> tick() {
        if (!drills.config().enabled()) {
            return drills.refreshFailing();
        }
        return lease.runExclusively("restore-drills", Duration.ofHours(6), this::runDue)
                .replaceWithVoid().call(drills::refreshFailing);
    }

    /** Drills every tenant whose drill is due now; returns the finished drills. */
    public Uni<List<RestoreDrill>> runDue() {
        return drills.due(UtcClock.now().minus(drills.config().interval()))
                .onItem().transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> drills.record(tenant, RestoreDrill.Trigger.SCHEDULED)
                        .chain(drills::run)
                        .onFailure().invoke(e -> LOG.warnf("Scheduled restore drill of tenant %s: %s", tenant,
                                e.getMessage()))
                        .onFailure().recoverWithNull())
                .filter(d -> d != null).collect().asList();
    }
}
