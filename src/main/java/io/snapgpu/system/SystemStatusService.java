package io.snapgpu.system;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.restic.ResticStatus;
import io.snapgpu.storage.CredentialMode;
import io.snapgpu.storage.MachineCredentials;
import io.snapgpu.storage.ObjectStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Checks each part SnapGPU depends on; health checks and the APIs all read it from here. */
@ApplicationScoped
public class SystemStatusService {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final ObjectStore objectStore;
    private final ResticCli restic;
    private final SnapgpuConfig config;
    private final String version;

    private final MachineCredentials credentials;

    public SystemStatusService(Pool pool, ObjectStore objectStore, ResticCli restic, SnapgpuConfig config,
            MachineCredentials credentials,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.credentials = credentials;
        this.pool = pool;
        this.objectStore = objectStore;
        this.restic = restic;
        this.config = config;
        this.version = version;
    }

    public Uni<SystemStatus> status() {
        return Uni.combine().all().unis(database(), objectStore(), Uni.createFrom().item(resticStatus()))
                .with((db, s3, r) -> {
                    List<ComponentStatus> parts = List.of(db, s3, r, machineCredentials());
                    ResticStatus rs = restic.status();
                    return new SystemStatus(version, parts.stream().allMatch(ComponentStatus::up),
                            rs.version() == null ? null : rs.version().toString(), parts);
                });
    }

    public Uni<ComponentStatus> database() {
        boolean embedded = config.embedded().postgres().active();
        return pool.query("select current_setting('server_version') as v").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new ComponentStatus("database", true, embedded, "PostgreSQL " + row.getString("v"));
                })
                .ifNoItem().after(CHECK_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> new ComponentStatus("database", false, embedded,
                        "PostgreSQL is not answering: " + e.getMessage()));
    }

    public Uni<ComponentStatus> objectStore() {
        boolean embedded = config.embedded().s3().active();
        String where = "bucket '" + objectStore.bucket() + "' at " + objectStore.endpoint();
        return Uni.createFrom().item(() -> {
            objectStore.ping();
            return new ComponentStatus("object-store", true, embedded, where);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(CHECK_TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> new ComponentStatus("object-store", false, embedded,
                        where + " is not answering: " + e.getMessage()));
    }

    /** Which storage credentials machines get (the mode in force, and what it means). */
    public ComponentStatus machineCredentials() {
        return new ComponentStatus("machine-credentials",
                credentials.mode() != CredentialMode.NONE, config.embedded().s3().active(),
                credentials.mode() + ": " + credentials.describe());
    }

    public ComponentStatus resticStatus() {
        ResticStatus s = restic.status();
        return new ComponentStatus("restic", s.available(), false, s.message());
    }
}
