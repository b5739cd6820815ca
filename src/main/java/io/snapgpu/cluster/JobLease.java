package io.snapgpu.cluster;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A job that must run on one replica at a time (the orphan reaper, retention): whoever holds the
 * job's row in {@code job_lease} (through {@link Ownership}) runs it; the others skip this turn. A
 * replica that dies holding it loses it when its heartbeat goes stale or the lease runs out.
 */
@ApplicationScoped
public class JobLease {
    static final WorkTable<String> JOBS = WorkTable.of("job_lease", "name", String.class, new WorkTable.Active.Always(), "name");

    private final Pool pool;
    private final Ownership ownership;

    public JobLease(Pool pool, Ownership ownership) {
        this.pool = pool;
        this.ownership = ownership;
    }

    /** Runs {@code job} if this replica gets the lease {@code name} (held at most {@code ttl}); else empty. */
    public <T> Uni<T> runExclusively(String name, Duration ttl, Supplier<Uni<T>> job) {
        return pool.preparedQuery("insert into job_lease (name) values ($1) on conflict (name) do nothing")
                .execute(Tuple.of(name))
                .chain(() -> ownership.claim(JOBS, name, ttl))
                .chain(got -> got ? job.get().eventually(() -> ownership.release(JOBS, name).onFailure().recoverWithNull())
                        : Uni.createFrom().nullItem());
    }
}
