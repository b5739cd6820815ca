package io.snapgpu.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.snapgpu.cluster.Replica;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of long operations: every event is stored (so a late subscriber gets the whole story)
 * and broadcast live. A stream sends what is stored first, then live events, and completes after the
 * terminal one. Events of one subject are published by the one replica that drives it; a subscriber
 * on another replica gets them through PostgreSQL {@code NOTIFY} (see {@link ProgressListener}).
 */
@ApplicationScoped
public class ProgressHub {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The channel every replica listens on; a notification carries "subject-id seq origin-replica". */
    static final String CHANNEL = "snapgpu_progress";

    private final Pool pool;
    private final String replicaId;
    private final Map<UUID, BroadcastProcessor<ProgressEvent>> live = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> seqs = new ConcurrentHashMap<>();
    /** Per subject driven elsewhere: the last seq this replica broadcast (events are fetched after it). */
    private final Map<UUID, AtomicInteger> relayed = new ConcurrentHashMap<>();
    /** Per subject, the publish in progress (the next one waits for it). */
    private final Map<UUID, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    /** Subjects being driven here, with their tenant: a subscriber may wait for their first event. */
    private final Map<UUID, UUID> expected = new ConcurrentHashMap<>();

    public ProgressHub(Pool pool, Replica replica) {
        this.pool = pool;
        this.replicaId = replica.id();
    }

    /**
     * Stores, announces (to every replica) and broadcasts one event; {@code terminal} ends every stream
     * of this subject. The events of one subject are published one after the other, in subscription order:
     * drivers call this from several threads at once, and a subscriber must get every event, in order,
     * the terminal one last.
     */
    public Uni<ProgressEvent> publish(UUID tenantId, ProgressEvent.SubjectType type, UUID subjectId, String eventType,
            Object payload, boolean terminal) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(subjectId, mine);
            Uni<Void> turn = previous == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(previous);
            // the next one's turn comes whatever happens to this one: stored, failed or cancelled
            return turn.chain(() -> store(tenantId, type, subjectId, eventType, payload, terminal))
                    .onTermination().invoke(() -> {
                        tails.remove(subjectId, mine);
                        mine.complete(null);
                    });
        });
    }

    private Uni<ProgressEvent> store(UUID tenantId, ProgressEvent.SubjectType type, UUID subjectId, String eventType,
            Object payload, boolean terminal) {
        JsonNode node = JSON.valueToTree(payload);
        return nextSeq(subjectId).chain(seq -> {
            ProgressEvent e = new ProgressEvent(tenantId, subjectId, type, seq, eventType, node, terminal,
                    OffsetDateTime.now(ZoneOffset.UTC));
            Map<String, Object> fields = node != null && node.isObject() ? JSON.convertValue(node, Map.class) : Map.of();
            JsonObject stored = new JsonObject(new java.util.HashMap<>(fields)).put("__terminal", terminal);
            // one statement: the row, the end of the subject's expectation, and the notification (sent at commit)
            return pool.preparedQuery("""
                    with ins as (insert into progress_event (tenant_id, subject_type, subject_id, seq, type, payload,
                                 created_at) values ($1, $2, $3, $4, $5, $6, $7) returning subject_id),
                         done as (delete from progress_subject where $8 and subject_id in (select subject_id from ins))
                    select pg_notify('%s', $9) from ins""".formatted(CHANNEL))
                    .execute(Tuple.tuple(List.of(tenantId, type.name(), subjectId, seq, eventType, stored, e.at(),
                            terminal, subjectId + " " + seq + " " + replicaId)))
                    .map(r -> e);
        }).invoke(e -> {
            if (terminal) {
                seqs.remove(subjectId);
                expected.remove(subjectId);
            }
            deliver(e);
        });
    }

    /** Broadcasts to this replica's subscribers of the subject; the terminal event ends their streams. */
    private void deliver(ProgressEvent e) {
        BroadcastProcessor<ProgressEvent> p = live.get(e.subjectId());
        if (p != null) {
            synchronized (p) { // a processor's signals must never overlap
                p.onNext(e);
            }
        }
        if (e.terminal()) {
            relayed.remove(e.subjectId());
            BroadcastProcessor<ProgressEvent> done = live.remove(e.subjectId());
            if (done != null) {
                synchronized (done) {
                    done.onComplete();
                }
            }
        }
    }

    /**
     * A notification from some replica: if it is another's and this replica has subscribers of the
     * subject, the events after the last one relayed are read and broadcast here, in order.
     */
    void notified(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3 || parts[2].equals(replicaId)) {
            return;
        }
        UUID subjectId;
        int seq;
        try {
            subjectId = UUID.fromString(parts[0]);
            seq = Integer.parseInt(parts[1]);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!live.containsKey(subjectId)) {
            return;
        }
        AtomicInteger last = relayed.computeIfAbsent(subjectId, k -> new AtomicInteger(0));
        synchronized (last) {
            if (seq <= last.get()) {
                return;
            }
        }
        after(subjectId, last.get()).subscribe().with(events -> {
            synchronized (last) {
                for (ProgressEvent e : events) {
                    if (e.seq() > last.get()) {
                        last.set(e.seq());
                        deliver(e);
                    }
                }
            }
        }, err -> { });
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
            return stored(tenantId, subjectId).chain(past -> past.isEmpty() && !tenantId.equals(expected.get(subjectId))
                    ? expectedAnywhere(tenantId, subjectId).map(waiting -> new Past(past, waiting))
                    : Uni.createFrom().item(new Past(past, true)))
                    .onItem().transformToMulti(p -> {
                        List<ProgressEvent> past = p.events();
                        boolean ended = !past.isEmpty() && past.get(past.size() - 1).terminal();
                        int last = past.isEmpty() ? 0 : past.get(past.size() - 1).seq();
                        if (ended || !p.waiting()) {
                            buffer.onComplete();
                            return Multi.createFrom().iterable(past);
                        }
                        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(past),
                                buffer.select().where(e -> e.seq() > last && tenantId.equals(e.tenantId())));
                    });
        }).plug(ProgressHub::untilTerminal);
    }

    private record Past(List<ProgressEvent> events, boolean waiting) {
    }

    /**
     * Drivers call this before their first event (and before the subject is visible to anyone), so
     * an early subscriber, on any replica, waits instead of completing.
     */
    public Uni<Void> expect(UUID tenantId, UUID subjectId) {
        expected.put(subjectId, tenantId);
        live.computeIfAbsent(subjectId, k -> BroadcastProcessor.create());
        return pool.preparedQuery("insert into progress_subject (subject_id, tenant_id) values ($1, $2)"
                + " on conflict (subject_id) do nothing").execute(Tuple.of(subjectId, tenantId)).replaceWithVoid();
    }

    private Uni<Boolean> expectedAnywhere(UUID tenantId, UUID subjectId) {
        return pool.preparedQuery("select 1 from progress_subject where subject_id = $1 and tenant_id = $2")
                .execute(Tuple.of(subjectId, tenantId)).map(rows -> rows.size() > 0);
    }

    /** The subject's events after {@code seq}: those of any tenant (relaying) or of {@code tenantId} only. */
    private Uni<List<ProgressEvent>> after(UUID subjectId, int seq) {
        return read("subject_id = $1 and seq > $2", Tuple.of(subjectId, seq), subjectId);
    }

    private Uni<List<ProgressEvent>> stored(UUID tenantId, UUID subjectId) {
        return read("subject_id = $1 and tenant_id = $2", Tuple.of(subjectId, tenantId), subjectId);
    }

    private Uni<List<ProgressEvent>> read(String where, Tuple params, UUID subjectId) {
        return pool.preparedQuery("select tenant_id, subject_type, seq, type, payload, created_at from progress_event"
                + " where " + where + " order by seq").execute(params).map(rows -> events(subjectId, rows));
    }

    private static List<ProgressEvent> events(UUID subjectId, Iterable<Row> rows) {
        List<ProgressEvent> out = new ArrayList<>();
        for (Row r : rows) {
            JsonObject p = r.getJsonObject("payload");
            boolean terminal = Boolean.TRUE.equals(p.remove("__terminal"));
            out.add(new ProgressEvent(r.getUUID("tenant_id"), subjectId,
                    ProgressEvent.SubjectType.valueOf(r.getString("subject_type")), r.getInteger("seq"),
                    r.getString("type"), JSON.valueToTree(p.getMap()), terminal, r.getOffsetDateTime("created_at")));
        }
        return out;
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
