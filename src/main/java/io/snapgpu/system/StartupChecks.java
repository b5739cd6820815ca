package io.snapgpu.system;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.snapgpu.config.UntilStarted;
import io.snapgpu.db.Migrations;
import io.snapgpu.restic.ResticCli;
import io.snapgpu.security.AdminBootstrap;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.storage.MachineCredentials;
import io.snapgpu.storage.ObjectStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs before SnapGPU takes traffic: the schema is migrated, the bucket answers, restic is found.
 * A misconfigured database or bucket stops the start with one sentence that names the setting to
 * fix (a {@link ConfigurationException} is printed without a stack trace). A missing restic does not
 * stop it: health and the UI say how to install it.
 */
@ApplicationScoped
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final Migrations migrations;
    private final ObjectStore objectStore;
    private final ResticCli restic;
    private final AdminBootstrap admin;
    private final SshIdentity sshIdentity;
    private final jakarta.enterprise.inject.Instance<MachineCredentials> credentials;

    public StartupChecks(Migrations migrations, ObjectStore objectStore, ResticCli restic, AdminBootstrap admin,
            SshIdentity sshIdentity, jakarta.enterprise.inject.Instance<MachineCredentials> credentials) {
        this.credentials = credentials;
        this.sshIdentity = sshIdentity;
        this.migrations = migrations;
        this.objectStore = objectStore;
        this.restic = restic;
        this.admin = admin;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        // What does not need the schema runs beside the migration: restic's version probe (a process)
        // and the bucket check (an S3 round trip). Their failures are reported after the migration's,
        // in the order a person fixes them: database, then bucket.
        long t0 = System.nanoTime();
        CompletableFuture<?> resticProbe = restic.detect().subscribeAsCompletionStage();
        CompletableFuture<Void> bucket = CompletableFuture.runAsync(this::checkObjectStore,
                Infrastructure.getDefaultWorkerPool());
        migrateDatabase();
        long migrated = System.nanoTime();
        CompletableFuture<?> sshKey = sshIdentity.keyPair().subscribeAsCompletionStage();
        admin.run();
        long adminDone = System.nanoTime();
        join(bucket);
        long bucketDone = System.nanoTime();
        machineCredentials();
        join(sshKey);
        join(resticProbe);
        UntilStarted.markStarted();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        LOG.infof("SnapGPU is ready (%d ms after the JVM started)", uptime);
        LOG.debugf("Startup checks took %d ms: migrations %d ms, admin %d ms, then waited %d ms for the bucket and"
                + " %d ms for the SSH key, machine credentials and restic", ms(t0, System.nanoTime()), ms(t0, migrated),
                ms(migrated, adminDone), ms(adminDone, bucketDone), ms(bucketDone, System.nanoTime()));
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Waits for a check started earlier; its own exception (a ConfigurationException) goes on unwrapped. */
    private static void join(CompletableFuture<?> check) {
        try {
            check.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the startup checks", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a startup check did not finish within 60 s", e);
        }
    }

    private void migrateDatabase() {
        try {
            if (migrations.migrate()) {
                LOG.debug("Schema current: every migration of this build is applied");
            }
        } catch (RuntimeException e) {
            String url = redact(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                    .orElse("(unset)"));
            throw new ConfigurationException("Cannot use the PostgreSQL database at " + url
                    + " (set by quarkus.datasource.jdbc.url / QUARKUS_DATASOURCE_JDBC_URL, with"
                    + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD; the app itself uses"
                    + " QUARKUS_DATASOURCE_REACTIVE_URL): " + describe(e));
        }
    }

    /** Which storage credentials machines get is decided now: a wrong setting stops the start, naming it. */
    private void machineCredentials() {
        try {
            credentials.get().mode();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConfigurationException)) {
                cause = cause.getCause();
            }
            throw cause != null ? (ConfigurationException) cause : e;
        }
    }

    private void checkObjectStore() {
        String where = "bucket '" + objectStore.bucket() + "' at " + objectStore.endpoint();
        try {
            objectStore.ensureBucket();
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() == 401) {
                throw new ConfigurationException("The S3 endpoint rejected SnapGPU's credentials for " + where
                        + " (set SNAPGPU_S3_ACCESS_KEY_ID and SNAPGPU_S3_SECRET_ACCESS_KEY): "
                        + e.awsErrorDetails().errorCode());
            }
            throw new ConfigurationException("The S3 endpoint refused to use " + where
                    + " (check SNAPGPU_S3_ENDPOINT and SNAPGPU_S3_BUCKET): " + e.awsErrorDetails().errorCode()
                    + " (HTTP " + e.statusCode() + ")");
        } catch (SdkClientException e) {
            throw new ConfigurationException("Cannot reach the S3 endpoint for " + where
                    + " (set SNAPGPU_S3_ENDPOINT): " + describe(e));
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** The innermost message, which is the one that says what actually went wrong. */
    static String describe(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SQLException) {
                message = t.getMessage();
            }
            if (t.getCause() == null && t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : redact(message.strip());
    }

    /** Passwords inside URLs never reach a message. */
    static String redact(String s) {
        return s.replaceAll("(?i)(password=)[^&;\\s]*", "$1***").replaceAll("://([^:/@\\s]+):[^@/\\s]+@", "://$1:***@");
    }
}
