package io.snapgpu.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The zero-configuration PostgreSQL: zonky's embedded binaries (run through {@code unshare -U} when
 * we are root), data kept under the SnapGPU data directory with durable commits.
 *
 * <p>One server per data directory per JVM. Its port is remembered in a system property so that a
 * Quarkus restart inside the same JVM (dev-mode reload, a test profile switch) reuses it instead of
 * fighting over the directory.
 */
public final class EmbeddedPostgresServer {
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "snapgpu";
    public static final String USER = "postgres";
    private static final String PORT_PROPERTY = "io.snapgpu.embedded.postgres.port@";

    private EmbeddedPostgresServer() {
    }

    public record Endpoint(int port) {
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
        }

        public String reactiveUrl() {
            return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
        }
    }

    public static synchronized Endpoint start(Path dataDir, int requestedPort) {
        String key = PORT_PROPERTY + dataDir;
        String known = System.getProperty(key);
        if (known != null) {
            return new Endpoint(Integer.parseInt(known));
        }
        DataDirectory.ensure(dataDir);
        DataDirectoryLock.acquire(dataDir);
        Path pgData = dataDir.resolve("postgres");
        stopOrphanedPostmaster(pgData);
        long started = System.nanoTime();
        EmbeddedPostgres pg;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky defaults favour throw-away test databases; this one keeps people's state
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (requestedPort > 0) {
                builder.setPort(requestedPort);
            }
            pg = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedFailure("The embedded PostgreSQL did not start in " + pgData + ": " + e.getMessage()
                    + ". Check the directory is writable, or point SnapGPU at your own PostgreSQL with"
                    + " QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL.", e);
        }
        createDatabaseIfMissing(pg);
        LOG.infof("Embedded PostgreSQL ready on 127.0.0.1:%d (data in %s) in %d ms", pg.getPort(), pgData,
                (System.nanoTime() - started) / 1_000_000);
        System.setProperty(key, Integer.toString(pg.getPort()));
        return new Endpoint(pg.getPort());
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new EmbeddedFailure("Cannot create the database '" + DATABASE + "' in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /**
     * After a kill -9 of SnapGPU, its postmaster lives on (pg_ctl daemonises it) and holds the data
     * directory. We own the directory lock, so that postmaster belongs to a dead process: stop it.
     */
    static void stopOrphanedPostmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle p = postmaster.get();
        LOG.warnf("Stopping PostgreSQL (pid %d) left running by a SnapGPU process that died", p.pid());
        p.destroy(); // SIGTERM: a clean shutdown; its clients died with the old process
        try {
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new EmbeddedFailure("PostgreSQL pid " + p.pid() + " left by a previous SnapGPU run in " + pgData
                    + " did not stop within 30 s; stop it by hand and start again.", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
