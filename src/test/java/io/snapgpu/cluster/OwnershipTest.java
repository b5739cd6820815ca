package io.snapgpu.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one ownership rule, on a table of its own: a row is held while its lease runs or, without a
 * lease, while its owner's heartbeat is fresh; only rows in progress are claimed, renewed or taken over.
 */
@QuarkusTest
class OwnershipTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final WorkTable<UUID> WORK = WorkTable.of("ownership_test_work", "id", UUID.class,
            new WorkTable.Active.In("status", List.of("RUNNING")), "created_at");
    private static final WorkTable<UUID> DUE = WORK.dueBy("due_at");

    @Inject
    Ownership ownership;
    @Inject
    Pool pool;
    @Inject
    JobLease jobs;

    private String alive;
    private String gone;

    @BeforeEach
    void tableAndReplicas() {
        sql("create table if not exists ownership_test_work (id uuid primary key, status text not null,"
                + " owner text, lease_until timestamptz, due_at timestamptz, created_at timestamptz not null default now())");
        sql("delete from ownership_test_work");
        alive = "alive-" + UUID.randomUUID();
        gone = "gone-" + UUID.randomUUID();
        sql("insert into replica (id, seen_at) values ($1, now())", alive);
        sql("insert into replica (id, seen_at) values ($1, now() - interval '1 hour')", gone);
    }

    @Test
    void onlyRowsInProgressThatNobodyHoldsAreTakenOverOnce() {
        UUID ofGone = row("RUNNING", gone, null);
        UUID ofNobody = row("RUNNING", null, null);
        UUID ofAlive = row("RUNNING", alive, null);
        UUID expiredLeaseOfAlive = row("RUNNING", alive, "now() - interval '1 second'");
        UUID leasedByAlive = row("RUNNING", alive, "now() + interval '1 hour'");
        UUID leasedByGone = row("RUNNING", gone, "now() + interval '1 hour'");
        UUID finished = row("DONE", gone, null);
        UUID ownLateLease = row("RUNNING", ownership.self(), "now() - interval '1 second'");

        Set<UUID> taken = new HashSet<>(ownership.takeOver(WORK, null, 20).await().atMost(WAIT));
        assertEquals(Set.of(ofGone, ofNobody, expiredLeaseOfAlive), taken);
        assertEquals(ownership.self(), owner(ofGone));
        assertEquals(alive, owner(ofAlive));
        assertEquals(alive, owner(leasedByAlive));
        assertEquals(gone, owner(leasedByGone), "a lease that runs holds the row, whatever the heartbeat says");
        assertEquals(gone, owner(finished), "finished work is left as it is");
        assertTrue(leaseUntil(ownLateLease).isBefore(OffsetDateTime.now(ZoneOffset.UTC)),
                "a replica never takes its own work from itself (its driver renews late, not gone)");
        assertTrue(ownership.renew(WORK, ownLateLease, Duration.ofMinutes(1)).await().atMost(WAIT));
        assertEquals(List.of(), ownership.takeOver(WORK, null, 20).await().atMost(WAIT), "held now, so never taken twice");
    }

    @Test
    void aClaimSucceedsOnlyOnWorkNobodyElseHoldsAndARenewalOnlyForItsOwner() {
        UUID ofAlive = row("RUNNING", alive, null);
        UUID free = row("RUNNING", null, null);
        UUID finished = row("DONE", null, null);
        assertFalse(ownership.claim(WORK, ofAlive, null).await().atMost(WAIT));
        assertFalse(ownership.renew(WORK, ofAlive, Duration.ofMinutes(1)).await().atMost(WAIT));
        assertFalse(ownership.claim(WORK, finished, null).await().atMost(WAIT));

        assertTrue(ownership.claim(WORK, free, Duration.ofMinutes(1)).await().atMost(WAIT));
        assertTrue(ownership.claim(WORK, free, Duration.ofMinutes(1)).await().atMost(WAIT), "its owner may claim it again");
        assertTrue(ownership.renew(WORK, free, Duration.ofMinutes(5)).await().atMost(WAIT));
        assertTrue(leaseUntil(free).isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(4)));

        sql("update ownership_test_work set status = 'DONE' where id = $1", free);
        assertFalse(ownership.renew(WORK, free, Duration.ofMinutes(5)).await().atMost(WAIT), "the work ended");
    }

    @Test
    void aReleasedRowIsFreeForAnyReplicaAtOnce() {
        UUID id = row("RUNNING", null, null);
        assertTrue(ownership.claim(WORK, id, Duration.ofHours(1)).await().atMost(WAIT));
        ownership.release(WORK, id).await().atMost(WAIT);
        assertEquals(null, owner(id));
        // another replica's release of a row it does not hold changes nothing
        sql("update ownership_test_work set owner = $2 where id = $1", id, alive);
        ownership.release(WORK, id).await().atMost(WAIT);
        assertEquals(alive, owner(id));
    }

    @Test
    void dueWorkIsTakenOnlyOnceItIsDue() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID due = row("RUNNING", null, null);
        UUID later = row("RUNNING", null, null);
        sql("update ownership_test_work set due_at = $2 where id = $1", due, now.minusMinutes(1));
        sql("update ownership_test_work set due_at = $2 where id = $1", later, now.plusMinutes(10));
        assertEquals(List.of(due), ownership.takeOver(DUE, Duration.ofHours(1), 20, now).await().atMost(WAIT));
        assertEquals(List.of(later), ownership.takeOver(DUE, Duration.ofHours(1), 20, now.plusMinutes(11)).await().atMost(WAIT));
        assertThrows(IllegalArgumentException.class, () -> ownership.takeOver(DUE, null, 20));
    }

    @Test
    void aJobRunsOnlyOnTheReplicaHoldingItsLeaseAndIsLetGoAfterwards() {
        String name = "ownership-test-" + UUID.randomUUID();
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        sql("insert into job_lease (name, owner, lease_until) values ($1, $2, now() + interval '1 hour')", name, alive);
        assertEquals(null, jobs.runExclusively(name, Duration.ofMinutes(1), () -> io.smallrye.mutiny.Uni.createFrom()
                .item(runs.incrementAndGet())).await().atMost(WAIT));
        assertEquals(0, runs.get(), "another live replica holds the job");

        sql("update job_lease set owner = $2, lease_until = now() - interval '1 second' where name = $1", name, gone);
        String ownerDuringRun = jobs.runExclusively(name, Duration.ofMinutes(1), () -> {
            runs.incrementAndGet();
            return pool.preparedQuery("select owner from job_lease where name = $1").execute(Tuple.of(name))
                    .map(rows -> rows.iterator().next().getString(0));
        }).await().atMost(WAIT);
        assertEquals(1, runs.get(), "its holder's lease ran out, so this replica runs it");
        assertEquals(ownership.self(), ownerDuringRun);
        assertEquals(null, pool.preparedQuery("select owner from job_lease where name = $1").execute(Tuple.of(name))
                .await().atMost(WAIT).iterator().next().getString(0), "let go after the run");
        jobs.runExclusively(name, Duration.ofMinutes(1), () -> io.smallrye.mutiny.Uni.createFrom().item(runs.incrementAndGet()))
                .await().atMost(WAIT);
        assertEquals(2, runs.get(), "let go, so the next turn runs it again");
    }

    @Test
    void namesThatAreNotPlainSqlNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkTable.of("x; drop table replica", "id", UUID.class,
                new WorkTable.Active.Always(), "created_at"));
        assertThrows(IllegalArgumentException.class, () -> WorkTable.of("t", "id", UUID.class,
                new WorkTable.Active.IsNull("a or true"), "created_at"));
    }

    private UUID row(String status, String owner, String leaseSql) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into ownership_test_work (id, status, owner, lease_until) values ($1, $2, $3, "
                + (leaseSql == null ? "null" : leaseSql) + ")").execute(Tuple.of(id, status, owner)).await().atMost(WAIT);
        return id;
    }

    private String owner(UUID id) {
        return pool.preparedQuery("select owner from ownership_test_work where id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getString(0);
    }

    private OffsetDateTime leaseUntil(UUID id) {
        return pool.preparedQuery("select lease_until from ownership_test_work where id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next().getOffsetDateTime(0);
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT);
    }
}
