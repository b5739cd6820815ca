package io.snapgpu.cluster;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This process as one replica of SnapGPU: its id (the owner of the work it drives) and its
 * heartbeat row in PostgreSQL, which tells the other replicas it still drives that work.
 */
@ApplicationScoped
public class Replica {
    private static final Logger LOG = Logger.getLogger(Replica.class);
    /** SQL condition: the replica named by the column in {@code %s} has a fresh heartbeat. */
    private static final String ALIVE = "exists (select 1 from replica r where r.id = %s"
            + " and r.seen_at > now() - $%d * interval '1 millisecond')";

    private final String id = hostName() + "/" + ProcessHandle.current().pid() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Pool pool;
    private final ClusterConfig config;
    private volatile long timerId = -1;

    public Replica(Pool pool, ClusterConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public String id() {
        return id;
    }

    /** An SQL condition that holds when the replica in {@code column} is alive; bind the timeout (ms) at {@code param}. */
    public static String aliveCondition(String column, int param) {
        return String.format(ALIVE, column, param);
    }

    public long timeoutMillis() {
        return config.replicaTimeout().toMillis();
    }

    void start(@Observes @Priority(2) StartupEvent event, io.vertx.mutiny.core.Vertx vertx) {
        beat().await().atMost(Duration.ofSeconds(30));
        LOG.infof("Replica %s started", id);
        timerId = vertx.setPeriodic(config.heartbeatInterval().toMillis(), t -> beat().subscribe().with(x -> { },
                e -> LOG.warnf("Heartbeat of replica %s failed: %s", id, e.toString())));
    }

    void stop(@Observes ShutdownEvent event, io.vertx.mutiny.core.Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        // gone at once: other replicas need not wait for the heartbeat to go stale (if the database
        // answers; otherwise the heartbeat goes stale by itself)
        pool.preparedQuery("delete from replica where id = $1").execute(Tuple.of(id)).replaceWithVoid()
                .ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem((Void) null)
                .onFailure().recoverWithNull().await().indefinitely();
    }

    Uni<Void> beat() {
        return pool.preparedQuery("insert into replica (id) values ($1) on conflict (id) do update set seen_at = now()")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }
}
