package io.snapgpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged app, started as a person starts it, on one data directory: what it stored survives a
 * clean restart and a kill -9 (whose PostgreSQL lives on, orphaned, until the next start stops it).
 */
class DataDirectoryRestartIT {
    private static final Duration BOOT = Duration.ofSeconds(120);

    @Test
    void dataSurvivesARestartAndAKillNine() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/it-data/restart-" + UUID.randomUUID())).toAbsolutePath();
        int pgPort = AppProcess.freePort();
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/snapgpu";

        try (AppProcess first = AppProcess.start(dataDir.resolve("first.log"), env).awaitHealthy(BOOT)) {
            insertTenant(jdbc, "kept-across-restart");
            first.stop();
        }
        assertTrue(postmastersOn(dataDir).isEmpty(), "a clean stop also stops PostgreSQL");

        AppProcess second = AppProcess.start(dataDir.resolve("second.log"), env).awaitHealthy(BOOT);
        assertEquals(List.of("kept-across-restart"), tenants(jdbc));
        insertTenant(jdbc, "committed-before-kill");
        second.kill();
        assertFalse(postmastersOn(dataDir).isEmpty(), "after kill -9 the old PostgreSQL is still running");

        try (AppProcess third = AppProcess.start(dataDir.resolve("third.log"), env).awaitHealthy(BOOT)) {
            assertEquals(List.of("committed-before-kill", "kept-across-restart"), tenants(jdbc));
            assertTrue(third.output().contains("left running by a SnapGPU process that died"), third.output());
            assertTrue(third.get("/q/health").startsWith("200 "));
        }
        assertTrue(postmastersOn(dataDir).isEmpty());
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefusedClearly() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target/it-data/twice-" + UUID.randomUUID())).toAbsolutePath();
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString());
        try (AppProcess first = AppProcess.start(dataDir.resolve("first.log"), env).awaitHealthy(BOOT);
                AppProcess second = AppProcess.start(dataDir.resolve("second.log"), env)) {
            assertTrue(second.awaitExit(BOOT) != 0);
            String out = second.output();
            assertTrue(out.contains("Another SnapGPU process is using the data directory"), out);
            assertTrue(out.contains("SNAPGPU_DATA_DIR"), out);
            assertEquals(200, first.healthStatus(), "the first one is untouched");
        }
    }

    private static List<ProcessHandle> postmastersOn(Path dataDir) {
        String marker = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker)).orElse(false))
                .toList();
    }

    private static void insertTenant(String jdbc, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                PreparedStatement s = c.prepareStatement("insert into tenant (id, name) values (?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, name);
            s.executeUpdate();
        }
    }

    private static List<String> tenants(String jdbc) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("select name from tenant where name <> 'default' order by name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
