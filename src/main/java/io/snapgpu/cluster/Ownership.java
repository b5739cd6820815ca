package io.snapgpu.cluster;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.snapgpu.config.UntilStarted;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Who drives what, across replicas: the one mechanism for work rows of a {@link WorkTable}. A row is
 * <em>held</em> while it has an {@code owner} and its lease ({@code lease_until}) has not run out, or,
 * without a lease, while its owner's heartbeat is fresh. A lease is for work whose driver renews it (a
 * race, a job's turn): it says the driver itself is alive, not only its replica. Claim, renew, release
 * and take over are each one atomic statement; two replicas never hold the same row. One recovery round, every
 * {@code snapgpu.cluster.recovery-interval}, takes over the rows of every {@link OwnedWork} that nobody
 * holds and hands each to its domain.
 */
@ApplicationScoped
public class Ownership {
    private static final Logger LOG = Logger.getLogger(Ownership.class);
    /** How many rows of one table a recovery round takes over at most. */
    static final int ROUND = 20;

    private final Pool pool;
    private final Replica replica;
    private final Instance<OwnedWork> work;

    public Ownership(Pool pool, Replica replica, Instance<OwnedWork> work) {
        this.pool = pool;
        this.replica = replica;
        this.work = work;
    }

    /** This replica's id, as written in the rows it owns. */
    public String self() {
        return replica.id();
    }

    /**
     * Takes the row {@code key} if it is in progress and nobody else holds it; true when this replica
     * holds it now. {@code lease} null: held while this replica's heartbeat is fresh.
     */
    public <K> Uni<Boolean> claim(WorkTable<K> t, K key, Duration lease) {
        List<Object> args = new ArrayList<>(Arrays.asList(replica.id(), key, millis(lease), replica.timeoutMillis()));
        String sql = "update " + t.table + " set owner = $1, lease_until = now() + $3 * interval '1 millisecond'"
                + " where " + t.key + " = $2 and " + active(t, args) + " and (owner = $1 or not " + held(4) + ")"
                + " returning " + t.key;
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> rows.size() == 1);
    }

    /**
     * Extends this replica's hold on {@code key}; false when it no longer holds it (another replica took
     * it over) or the work ended. With {@code lease} null it only says whether this replica still owns it.
     */
    public <K> Uni<Boolean> renew(WorkTable<K> t, K key, Duration lease) {
        List<Object> args = new ArrayList<>(Arrays.asList(replica.id(), key, millis(lease)));
        String sql = "update " + t.table + " set lease_until = now() + $3 * interval '1 millisecond'"
                + " where " + t.key + " = $2 and owner = $1 and " + active(t, args) + " returning " + t.key;
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> rows.size() == 1);
    }

    /**
     * Renews this replica's lease on {@code key} every third of it until cancelled, for a driver that runs
     * longer than a lease; {@code each} hears every answer (false: the row is no longer this replica's,
     * taken over or ended). A renewal that fails (the database) is no answer: the next one is.
     */
    public <K> Cancellable keepRenewed(WorkTable<K> t, K key, Duration lease, Function<Boolean, Uni<Void>> each) {
        return Multi.createFrom().ticks().every(lease.dividedBy(3)).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> renew(t, key, lease).chain(held -> each.apply(held))
                        .onFailure().invoke(e -> LOG.debugf("Renewing %s %s failed: %s", t, key, e.toString()))
                        .onFailure().recoverWithNull())
                .subscribe().with(x -> { }, e -> LOG.warnf("Renewing %s %s stopped: %s", t, key, e.toString()));
    }

    /** Lets go of {@code key} if this replica holds it: any replica may claim it at once. */
    public <K> Uni<Void> release(WorkTable<K> t, K key) {
        return pool.preparedQuery("update " + t.table + " set owner = null, lease_until = null where " + t.key
                + " = $2 and owner = $1").execute(Tuple.of(replica.id(), key)).replaceWithVoid();
    }

    /**
     * Takes over up to {@code limit} rows in progress that nobody holds, oldest first; their keys. Never
     * this replica's own rows: its ids are unique per process, so a row it owns is driven here, and a
     * lease it renewed late (an event loop stalled under load) is renewed again, not taken from itself.
     */
    public <K> Uni<List<K>> takeOver(WorkTable<K> t, Duration lease, int limit) {
        return takeOver(t, lease, limit, null);
    }

    /** As {@link #takeOver(WorkTable, Duration, int)}, of a {@link WorkTable#dueBy due} table: only rows due at {@code now}. */
    public <K> Uni<List<K>> takeOver(WorkTable<K> t, Duration lease, int limit, OffsetDateTime now) {
        if ((t.dueColumn == null) != (now == null)) {
            throw new IllegalArgumentException(t + ": a due time is given exactly when the table has due work");
        }
        List<Object> args = new ArrayList<>(Arrays.asList(replica.id(), millis(lease), replica.timeoutMillis(), limit));
        String where = active(t, args);
        if (now != null) {
            args.add(now);
            where += " and " + t.dueColumn + " <= $" + args.size();
        }
        String sql = "update " + t.table + " set owner = $1, lease_until = now() + $2 * interval '1 millisecond'"
                + " where " + t.key + " in (select " + t.key + " from " + t.table + " where " + where
                + " and owner is distinct from $1 and not " + held(3) + " order by " + t.order
                + " limit $4 for update skip locked)"
                + " returning " + t.key;
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<K> keys = new ArrayList<>();
            for (Row r : rows) {
                keys.add(r.get(t.keyType, 0));
            }
            return keys;
        });
    }

    @Scheduled(every = "${snapgpu.cluster.recovery-interval:10S}", delayed = "1S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = UntilStarted.class)
    Uni<Void> recoveryRound() {
        return recover().replaceWithVoid();
    }

    /** Takes over every kind of owned work whose replica went away and hands each row to its domain; how many. */
    public Uni<Integer> recover() {
        return Multi.createFrom().iterable(work).onItem().transformToUniAndConcatenate(this::recover)
                .collect().asList().map(l -> l.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> recover(OwnedWork w) {
        WorkTable<UUID> t = w.table();
        return takeOver(t, w.lease(), ROUND)
                .onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndConcatenate(id -> w.adopt(id).replaceWith(1)
                        .onFailure().invoke(e -> LOG.warnf("Could not take over %s %s (tried again when nobody holds"
                                + " it): %s", t, id, e.toString()))
                        .onFailure().call(() -> release(t, id))
                        .onFailure().recoverWithItem(0))
                .collect().asList().map(l -> {
                    int n = l.stream().mapToInt(Integer::intValue).sum();
                    if (n > 0) {
                        LOG.infof("Took over %d row(s) of %s whose replica went away", n, t);
                    }
                    return n;
                })
                .onFailure().invoke(e -> LOG.warnf("Recovery of %s failed: %s", t, e.toString()))
                .onFailure().recoverWithItem(0);
    }

    /** SQL: the row is in progress; binds the table's active values (if any) as the next parameter of {@code args}. */
    private static String active(WorkTable<?> t, List<Object> args) {
        String[] values = t.activeValues();
        if (values == null) {
            return t.activeSql(0);
        }
        args.add(values);
        return t.activeSql(args.size());
    }

    /** SQL: the row is held by a live replica (binding the replica timeout, ms, at {@code $param}). */
    private static String held(int param) {
        return "(owner is not null and (case when lease_until is not null then lease_until > now() else "
                + Replica.aliveCondition("owner", param) + " end))";
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
