package io.snapgpu.api.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.snapgpu.system.ComponentStatus;
import io.snapgpu.system.SystemStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** /q/health: one check per part SnapGPU depends on, each saying what is wrong when it is down. */
@ApplicationScoped
public class ComponentHealthChecks {

    static HealthCheckResponse toResponse(ComponentStatus s) {
        return HealthCheckResponse.named(s.name()).status(s.up())
                .withData("embedded", s.embedded())
                .withData("detail", s.detail())
                .build();
    }

    @Readiness
    @ApplicationScoped
    public static class Database implements AsyncHealthCheck {
        private final SystemStatusService status;

        public Database(SystemStatusService status) {
            this.status = status;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return status.database().map(ComponentHealthChecks::toResponse);
        }
    }

    @Readiness
    @ApplicationScoped
    public static class ObjectStorage implements AsyncHealthCheck {
        private final SystemStatusService status;

        public ObjectStorage(SystemStatusService status) {
            this.status = status;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return status.objectStore().map(ComponentHealthChecks::toResponse);
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Restic implements AsyncHealthCheck {
        private final SystemStatusService status;

        public Restic(SystemStatusService status) {
            this.status = status;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return Uni.createFrom().item(() -> toResponse(status.resticStatus()));
        }
    }

    /** Which storage credentials machines get; down when none are configured (machines cannot back up or restore). */
    @Readiness
    @ApplicationScoped
    public static class MachineCredentials implements AsyncHealthCheck {
        private final SystemStatusService status;

        public MachineCredentials(SystemStatusService status) {
            this.status = status;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return Uni.createFrom().item(() -> toResponse(status.machineCredentials()));
        }
    }
}
