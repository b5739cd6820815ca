package io.snapgpu.db;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Schema migrations at start. Flyway itself (its classes, a JDBC connection, reading and checksumming
 * every script) costs about a second of a warm start, and several on a busy machine, although the
 * schema is nearly always current. So one query on the application's pool looks first: when every
 * migration this build carries is recorded as applied and none has failed, Flyway is not started.
 * Otherwise (a new migration, a failed one, a fresh database) Flyway migrates and validates as always.
 * The fast path does not compare checksums: an applied script edited afterwards is caught by the next
 * start that runs Flyway, not by this one.
 */
@ApplicationScoped
public class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class);
    private static final Pattern VERSIONED = Pattern.compile("(?:^|/)V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql$");

    private final Instance<Flyway> flyway;
    private final Pool pool;

    public Migrations(Instance<Flyway> flyway, Pool pool) {
        this.flyway = flyway;
        this.pool = pool;
    }

    /** Brings the schema up to date; true when it was current already and Flyway did not run. */
    public boolean migrate() {
        Optional<Set<String>> carried = carriedVersions();
        if (carried.isPresent() && applied(carried.get())) {
            return true;
        }
        flyway.get().migrate();
        return false;
    }

    private boolean applied(Set<String> carried) {
        try {
            Set<String> done = new HashSet<>();
            boolean failed = false;
            for (Row r : pool.query("select version, success from flyway_schema_history where version is not null")
                    .execute().await().atMost(Duration.ofSeconds(30))) {
                if (Boolean.TRUE.equals(r.getBoolean("success"))) {
                    done.add(normalise(r.getString("version")));
                } else {
                    failed = true;
                }
            }
            return !failed && done.containsAll(carried);
        } catch (RuntimeException e) {
            // no history table yet, or the database is unreachable: Flyway says which, in its words
            LOG.debugf("Schema history not readable (%s); running Flyway", e.toString());
            return false;
        }
    }

    /**
     * The versions of the migration scripts in this build, as Quarkus listed them when it built the
     * application (the same list Flyway reads). Read from Quarkus' scanner by reflection, since it offers
     * no accessor; when that fails (another Quarkus version), empty, and Flyway runs every time.
     */
    static Optional<Set<String>> carriedVersions() {
        try {
            Field f = Class.forName("io.quarkus.flyway.runtime.QuarkusPathLocationScanner")
                    .getDeclaredField("applicationMigrationFiles");
            f.setAccessible(true);
            Collection<?> files = (Collection<?>) f.get(null);
            if (files == null || files.isEmpty()) {
                return Optional.empty();
            }
            Set<String> versions = new HashSet<>();
            for (Object file : files) {
                Matcher m = VERSIONED.matcher(file.toString());
                if (m.find()) {
                    versions.add(normalise(m.group(1)));
                } else if (file.toString().endsWith(".sql")) {
                    return Optional.empty(); // a repeatable or otherwise named script: Flyway's to judge
                }
            }
            return Optional.of(versions);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String version) {
        return version.replace('_', '.').replaceAll("(^|\\.)0+(\\d)", "$1$2");
    }
}
