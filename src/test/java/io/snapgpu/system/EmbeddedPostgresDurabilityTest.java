package io.snapgpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** zonky's defaults suit throw-away databases; SnapGPU's keeps people's state, so commits are durable. */
@QuarkusTest
class EmbeddedPostgresDurabilityTest {
    @Inject
    Pool pool;

    private String setting(String name) {
        return pool.query("show " + name).execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    @Test
    void fsyncAndSynchronousCommitAreOn() {
        assertEquals("on", setting("fsync"));
        assertEquals("on", setting("synchronous_commit"));
        assertEquals("on", setting("full_page_writes"));
    }

    @Test
    void theDomainSchemaIsMigrated() {
        long tables = pool.query("select count(*) from information_schema.tables where table_schema = 'public'"
                + " and table_name in ('tenant','instance','backup_policy','snapshot','launch_race','race_candidate',"
                + "'host_stats','restore_job','progress_event','offer_cache','restic_repository')")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(11, tables);
    }
}
