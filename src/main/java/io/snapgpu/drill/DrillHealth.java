package io.snapgpu.drill;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * /q/health (and /q/health/well): DOWN while some tenant's latest restore drill failed. A wellness
 * check, not readiness: a backup that does not restore needs a person, not a pod taken out of service.
 */
@Wellness
@ApplicationScoped
public class DrillHealth implements AsyncHealthCheck {
    private final DrillService drills;

    public DrillHealth(DrillService drills) {
        this.drills = drills;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return drills.latestFailed().map(failed -> {
            var b = HealthCheckResponse.named("restore-drills").status(failed.isEmpty())
                    .withData("failingRepositories", failed.size());
            if (!failed.isEmpty()) {
                b.withData("detail", failed.size() + " repositor" + (failed.size() == 1 ? "y" : "ies")
                        + " failed its latest restore drill: see Restore drills in the UI (restoreDrills in the API)");
            }
            return b.build();
        });
    }
}
