package io.snapgpu.cluster;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A job that must run on one replica at a time (the orphan reaper, retention): whoever holds the
 * lease row runs it; the others skip this turn. A replica that dies holding it loses it when it runs out.
 */
@ApplicationScoped
public class JobLease {
    private final Pool pool;
    private final Replica replica;

    public JobLease(Pool pool, Replica replica) {
        this.pool = pool;
        this.replica = replica;
    }

    /** Runs {@code job} if this replica gets the lease {@code name} (held at most {@code ttl}); else empty. */
    public <T> Uni<T> runExclusively(String name, Duration ttl, Supplier<Uni<T>> job) {
        return acquire(name, ttl).chain(got -> got ? job.get().eventually(() -> release(name)) : Uni.createFrom().nullItem());
    }

    Uni<Boolean> acquire(String name, Duration ttl) {
        return pool.preparedQuery("""
                insert into job_lease (name, owner, until) values ($1, $2, now() + $3 * interval '1 millisecond')
                on conflict (name) do update set owner = excluded.owner, until = excluded.until
                 where job_lease.until < now() or job_lease.owner = excluded.owner
                returning name
                """).execute(Tuple.of(name, replica.id(), ttl.toMillis())).map(rows -> rows.size() == 1);
    }

    Uni<Void> release(String name) {
        return pool.preparedQuery("update job_lease set until = now() where name = $1 and owner = $2")
                .execute(Tuple.of(name, replica.id())).replaceWithVoid().onFailure().recoverWithNull();
    }
}
