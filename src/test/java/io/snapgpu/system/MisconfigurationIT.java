package io.snapgpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.embedded.EmbeddedS3Server;
import io.snapgpu.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A wrong setting stops the start with one sentence that names it; a missing restic does not. */
class MisconfigurationIT {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String KEY = "sgk_it_admin_key_0123456789abcdefghijklmnopq";

    private static Path dataDir(String name) throws Exception {
        return Files.createDirectories(Path.of("target/it-data/" + name + "-" + UUID.randomUUID())).toAbsolutePath();
    }

    @Test
    void anUnreachableDatabaseNamesTheSetting() throws Exception {
        Path dir = dataDir("no-db");
        int closed = AppProcess.freePort();
        try (AppProcess app = AppProcess.start(dir.resolve("app.log"), Map.of(
                "SNAPGPU_DATA_DIR", dir.toString(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + closed + "/snapgpu",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/snapgpu",
                "QUARKUS_DATASOURCE_PASSWORD", "s3cr3t-db-pw"))) {
            int code = app.awaitExit(LIMIT);
            String out = app.output();
            assertTrue(code != 0, out);
            assertTrue(out.contains("QUARKUS_DATASOURCE_JDBC_URL"), out);
            assertTrue(out.contains("127.0.0.1:" + closed), out);
            assertTrue(out.toLowerCase().contains("refused"), out);
            assertNoStackTrace(out);
            assertFalse(out.contains("s3cr3t-db-pw"), "the password is never printed");
        }
    }

    @Test
    void wrongS3CredentialsNameTheSettings() throws Exception {
        Path s3Dir = dataDir("s3-only");
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(s3Dir, 0);
        Path dir = dataDir("bad-s3");
        try (AppProcess app = AppProcess.start(dir.resolve("app.log"), Map.of(
                "SNAPGPU_DATA_DIR", dir.toString(),
                "SNAPGPU_S3_ENDPOINT", s3.url(),
                "SNAPGPU_S3_ACCESS_KEY_ID", s3.accessKeyId(),
                "SNAPGPU_S3_SECRET_ACCESS_KEY", "definitely-wrong-secret"))) {
            int code = app.awaitExit(LIMIT);
            String out = app.output();
            assertTrue(code != 0, out);
            assertTrue(out.contains("rejected SnapGPU's credentials"), out);
            assertTrue(out.contains("SNAPGPU_S3_SECRET_ACCESS_KEY"), out);
            assertNoStackTrace(out);
            assertFalse(out.contains("definitely-wrong-secret"), "the secret is never printed");
        }
    }

    @Test
    void machineCredentialsFromR2WithoutTheR2SettingsNameThem() throws Exception {
        Path dir = dataDir("r2-unset");
        try (AppProcess app = AppProcess.start(dir.resolve("app.log"), Map.of(
                "SNAPGPU_DATA_DIR", dir.toString(),
                "SNAPGPU_MACHINE_CREDENTIALS_MODE", "r2",
                "SNAPGPU_MACHINE_CREDENTIALS_R2_API_TOKEN", "cf-token-never-printed"))) {
            int code = app.awaitExit(LIMIT);
            String out = app.output();
            assertTrue(code != 0, out);
            assertTrue(out.contains("SNAPGPU_MACHINE_CREDENTIALS_MODE=r2 needs SNAPGPU_MACHINE_CREDENTIALS_R2_ACCOUNT_ID"), out);
            assertNoStackTrace(out);
            assertFalse(out.contains("cf-token-never-printed"), "the token is never printed");
        }
    }

    @Test
    void aMissingResticStillStartsAndHealthSaysHowToInstallIt() throws Exception {
        Path dir = dataDir("no-restic");
        try (AppProcess app = AppProcess.start(dir.resolve("app.log"), Map.of(
                "SNAPGPU_DATA_DIR", dir.toString(),
                "SNAPGPU_RESTIC_BINARY", dir.resolve("no-such-restic").toString(),
                "SNAPGPU_ADMIN_API_KEY", KEY))) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (app.healthStatus() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(503, app.healthStatus(), app.output());
            String health = app.get("/q/health");
            assertTrue(health.contains("apt-get install restic"), health);
            assertTrue(health.contains("SNAPGPU_RESTIC_BINARY"), health);
            assertTrue(app.get("/api/v1/system", KEY).contains("\"up\":false"), app.get("/api/v1/system", KEY));
            assertTrue(app.get("/api/v1/system").startsWith("401 "), "the API still needs a key");
        }
    }

    private static void assertNoStackTrace(String out) {
        long frames = out.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")).count();
        assertEquals(0, frames, "a clear message, not a stack trace:\n" + out);
    }
}
