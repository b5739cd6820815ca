package io.snapgpu.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.snapgpu.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** One row per browser terminal session: who, which machine, when, how long, why it ended. */
@ApplicationScoped
public class TerminalAudit {
    private final Pool pool;

    public TerminalAudit(Pool pool) {
        this.pool = pool;
    }

    @Type("TerminalSession")
    public record Entry(@Id String id, String username, @Id String instanceId, OffsetDateTime startedAt,
            OffsetDateTime endedAt, Long durationSeconds, String endReason, long bytesIn, long bytesOut) {
    }

    public Uni<Void> started(UUID id, Caller caller, UUID instanceId) {
        return pool.preparedQuery("insert into terminal_session (id, tenant_id, user_id, username, instance_id)"
                + " values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(id, caller.tenantId(), caller.userId(), caller.username(), instanceId)).replaceWithVoid();
    }

    public Uni<Void> ended(UUID id, String reason, long bytesIn, long bytesOut) {
        return pool.preparedQuery("update terminal_session set ended_at = now(), end_reason = $2, bytes_in = $3,"
                + " bytes_out = $4 where id = $1 and ended_at is null")
                .execute(Tuple.of(id, reason, bytesIn, bytesOut)).replaceWithVoid();
    }

    /** Sessions a SnapGPU that stopped left open: ended now, as interrupted. */
    public Uni<Void> endDangling(List<UUID> live) {
        return pool.preparedQuery("update terminal_session set ended_at = now(), end_reason = 'interrupted'"
                + " where ended_at is null and started_at < now() - interval '1 minute' and not (id = any($1))")
                .execute(Tuple.of(live.toArray(UUID[]::new))).replaceWithVoid();
    }

    public Uni<List<Entry>> list(Caller caller, int limit) {
        return pool.preparedQuery("select id, username, instance_id, started_at, ended_at, end_reason, bytes_in, bytes_out"
                + " from terminal_session where tenant_id = $1 order by started_at desc limit $2")
                .execute(Tuple.of(caller.tenantId(), limit)).map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(r -> {
                        OffsetDateTime start = r.getOffsetDateTime("started_at");
                        OffsetDateTime end = r.getOffsetDateTime("ended_at");
                        out.add(new Entry(r.getUUID("id").toString(), r.getString("username"),
                                r.getUUID("instance_id").toString(), start, end,
                                end == null ? null : Duration.between(start, end).toSeconds(), r.getString("end_reason"),
                                r.getLong("bytes_in"), r.getLong("bytes_out")));
                    });
                    return out;
                });
    }
}
