package io.snapgpu.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of long operations: every event is stored (so a late subscriber gets the whole story)
 * and broadcast live. A stream sends what is stored first, then live events, and completes after the
 * terminal one. Events of one subject are published by the one replica that drives it.
 */
@ApplicationScoped
public class ProgressHub {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Pool pool;
    private final Map<UUID, BroadcastProcessor<ProgressEvent>> live = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> seqs = new ConcurrentHashMap<>();

    public ProgressHub(Pool pool) {
        this.pool = pool;
    }

    /** Stores and broadcasts one event; {@code terminal} ends every stream of this subject. */
    public Uni<ProgressEvent> publish(UUID tenantId, ProgressEvent.SubjectType type, UUID subjectId, String eventType,
            Object payload, boolean terminal) {
        JsonNode node = JSON.valueToTree(payload);
        return nextSeq(subjectId).chain(seq -> {
            ProgressEvent e = new ProgressEvent(tenantId, subjectId, type, seq, eventType, node, terminal,
                    OffsetDateTime.now(ZoneOffset.UTC));
            Map<String, Object> fields = node != null && node.isObject() ? JSON.convertValue(node, Map.class) : Map.of();
            JsonObject stored = new JsonObject(new java.util.HashMap<>(fields)).put("__terminal", terminal);
            return pool.preparedQuery("insert into progress_event (tenant_id, subject_type, subject_id, seq, type,"
                    + " payload, created_at) values ($1, $2, $3, $4, $5, $6, $7)")
                    .execute(Tuple.tuple(List.of(tenantId, type.name(), subjectId, seq, eventType, stored, e.at())))
                    .map(r -> e);
        }).invoke(e -> {
            BroadcastProcessor<ProgressEvent> p = live.get(subjectId);
            if (p != null) {
                p.onNext(e);
            }
            if (terminal) {
                BroadcastProcessor<ProgressEvent> done = live.remove(subjectId);
                if (done != null) {
                    done.onComplete();
                }
                seqs.remove(subjectId);
                expected.remove(subjectId);
            }
        });
    }

    private Uni<Integer> nextSeq(UUID subjectId) {
        AtomicInteger known = seqs.get(subjectId);
        if (known != null) {
            return Uni.createFrom().item(known.incrementAndGet());
        }
        return pool.preparedQuery("select coalesce(max(seq), 0) from progress_event where subject_id = $1")
                .execute(Tuple.of(subjectId))
                .map(rows -> seqs.computeIfAbsent(subjectId, k -> new AtomicInteger(rows.iterator().next().getInteger(0)))
                        .incrementAndGet());
    }

    /**
     * The subject's events (of this tenant only): stored ones, then live ones, completing after the
     * terminal event. Another tenant's subject streams nothing and completes, like an unknown one.
     */
    public Multi<ProgressEvent> stream(UUID tenantId, UUID subjectId) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<ProgressEvent> buffer = UnicastProcessor.create();
            live.computeIfAbsent(subjectId, k -> BroadcastProcessor.create()).subscribe(buffer);
            return stored(tenantId, subjectId).onItem().transformToMulti(past -> {
                boolean ended = !past.isEmpty() && past.get(past.size() - 1).terminal();
                int last = past.isEmpty() ? 0 : past.get(past.size() - 1).seq();
                if (ended || (past.isEmpty() && !tenantId.equals(expected.get(subjectId)))) {
                    buffer.onComplete();
                    return Multi.createFrom().iterable(past);
                }
                return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(past),
                        buffer.select().where(e -> e.seq() > last && tenantId.equals(e.tenantId())));
            });
        }).plug(ProgressHub::untilTerminal);
    }

    /** Subjects being driven here, with their tenant: a subscriber may wait for their first event. */
    private final Map<UUID, UUID> expected = new ConcurrentHashMap<>();

    /** Drivers call this before their first event, so an early subscriber waits instead of completing. */
    public void expect(UUID tenantId, UUID subjectId) {
        expected.put(subjectId, tenantId);
        live.computeIfAbsent(subjectId, k -> BroadcastProcessor.create());
    }

    private Uni<List<ProgressEvent>> stored(UUID tenantId, UUID subjectId) {
        return pool.preparedQuery("select subject_type, seq, type, payload, created_at from progress_event"
                + " where tenant_id = $1 and subject_id = $2 order by seq").execute(Tuple.of(tenantId, subjectId))
                .map(rows -> {
                    List<ProgressEvent> out = new ArrayList<>();
                    for (Row r : rows) {
                        JsonObject p = r.getJsonObject("payload");
                        boolean terminal = Boolean.TRUE.equals(p.remove("__terminal"));
                        out.add(new ProgressEvent(tenantId, subjectId, ProgressEvent.SubjectType.valueOf(r.getString("subject_type")),
                                r.getInteger("seq"), r.getString("type"), JSON.valueToTree(p.getMap()), terminal,
                                r.getOffsetDateTime("created_at")));
                    }
                    return out;
                });
    }

    private static Multi<ProgressEvent> untilTerminal(Multi<ProgressEvent> source) {
        return Multi.createFrom().emitter(em -> {
            var cancellable = source.subscribe().with(e -> {
                em.emit(e);
                if (e.terminal()) {
                    em.complete();
                }
            }, em::fail, em::complete);
            em.onTermination(cancellable::cancel);
        });
    }
}
