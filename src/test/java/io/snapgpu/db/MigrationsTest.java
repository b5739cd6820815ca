package io.snapgpu.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The start-up shortcut past Flyway sees exactly the migrations in the source tree, and takes it on a current schema. */
@QuarkusTest
class MigrationsTest {
    @Inject
    Migrations migrations;

    @Test
    void theShortcutKnowsEveryMigrationAndSkipsFlywayOnlyWhenAllAreApplied() throws Exception {
        Set<String> inSources;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            inSources = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).collect(Collectors.toSet());
        }
        assertEquals(inSources, Migrations.carriedVersions().orElseThrow());
        // the app started (and migrated) already: the schema is current, so Flyway is not needed
        assertTrue(migrations.migrate(), "current schema recognised");
    }
}
