package io.snapgpu.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.snapgpu.config.UtcClock;
import io.snapgpu.cluster.Replica;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Subjects driven or followed here; each leaves when it ends, or when its last follower leaves and nothing drives it here. */
    private final Map<UUID, Subject> subjects = new ConcurrentHashMap<>();

    public ProgressHub(Pool pool, Replica replica) {
        this.pool = pool;
        this.replicaId = replica.id();
    }

    /**
     * What this replica holds for one subject. Every field is read and written under the subject's lock;
     * {@link #close} is the one way out.
     */
    private final class Subject {
        final UUID id;
        final BroadcastProcessor<ProgressEvent> live = BroadcastProcessor.create();
        /** The tenant whose operation is driven here (set by {@link #expect}), else null. */
        UUID drivenFor;
        /** Events are published here: the subject stays until its terminal event. */
        boolean publishing;
        /** The last seq published here, once known. */
        Integer seq;
        /** Driven elsewhere: the last seq broadcast here (events are fetched after it). */
        int relayed;
        /** The publish in progress (the next one waits for it). */
        CompletableFuture<Void> tail;
        int followers;
        boolean closed;

        Subject(UUID id) {
            this.id = id;
        }

        /** Broadcasts to this replica's followers; the terminal event closes the subject. */
        synchronized void deliver(ProgressEvent e) {
            if (closed) {
                return;
            }
            if (e.terminal()) {
                // let go before anyone sees the end, so a follower that finishes finds nothing held
                closed = true;
                subjects.remove(id, this);
            }
            live.onNext(e);
            if (e.terminal()) {
                live.onComplete();
            }
        }

        synchronized void close() {
            closed = true;
            subjects.remove(id, this);
            live.onComplete();
        }

        /** A follower left: the subject goes unless it is driven here. */
        synchronized void unfollow() {
            followers--;
            if (followers == 0 && drivenFor == null && !publishing && !closed) {
                close();
            }
        }
    }

    /** The open subject of this id, created if needed; {@code with} runs under its lock before anyone else sees it closed. */
    private Subject open(UUID id, java.util.function.Consumer<Subject> with) {
        while (true) {
            Subject s = subjects.computeIfAbsent(id, Subject::new);
            synchronized (s) {
                if (!s.closed) {
                    with.accept(s);
                    return s;
                }
            }
            subjects.remove(id, s); // closed meanwhile: take a fresh one
        }
    }

    /** How many subjects this replica holds (for tests: a finished or unknown subject must leave nothing). */
    public int held() {
        return subjects.size();
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
            CompletableFuture<Void>[] previous = new CompletableFuture[1];
            Subject s = open(subjectId, subject -> {
                subject.publishing = true;
                previous[0] = subject.tail;
                subject.tail = mine;
            });
            Uni<Void> turn = previous[0] == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(previous[0]);
            // the next one's turn comes whatever happens to this one: stored, failed or cancelled
            return turn.chain(() -> store(s, tenantId, type, eventType, payload, terminal))
                    .onTermination().invoke(() -> {
                        synchronized (s) {
                            if (s.tail == mine) {
                                s.tail = null;
                            }
                        }
                        mine.complete(null);
                    });
        });
    }

    private Uni<ProgressEvent> store(Subject s, UUID tenantId, ProgressEvent.SubjectType type, String eventType,
            Object payload, boolean terminal) {
        JsonNode node = JSON.valueToTree(payload);
        return nextSeq(s).chain(seq -> {
            ProgressEvent e = new ProgressEvent(tenantId, s.id, type, seq, eventType, node, terminal,
                    UtcClock.now());
            Map<String, Object> fields = node != null && node.isObject() ? JSON.convertValue(node, Map.class) : Map.of();
            // one statement: the row, the end of the subject's expectation, and the notification (sent at commit)
            return pool.preparedQuery("""
                    with ins as (insert into progress_event (tenant_id, subject_type, subject_id, seq, type, payload,
                                 terminal, created_at) values ($1, $2, $3, $4, $5, $6, $8, $7) returning subject_id),
                         done as (delete from progress_subject where $8 and subject_id in (select subject_id from ins))
                    select pg_notify('%s', $9) from ins""".formatted(CHANNEL))
                    .execute(Tuple.tuple(List.of(tenantId, type.name(), s.id, seq, eventType,
                            new JsonObject(new HashMap<>(fields)), e.at(), terminal, s.id + " " + seq + " " + replicaId)))
                    .map(r -> e);
        }).invoke(s::deliver);
    }

    /**
     * A notification from some replica: if it is another's and this replica holds the subject, the
     * events after the last one relayed are read and broadcast here, in order.
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
        Subject s = subjects.get(subjectId);
        if (s == null) {
            return;
        }
        int from;
        synchronized (s) {
            if (s.closed || seq <= s.relayed) {
                return;
            }
            from = s.relayed;
        }
        after(subjectId, from).subscribe().with(events -> {
            synchronized (s) {
                for (ProgressEvent e : events) {
                    if (e.seq() > s.relayed) {
                        s.relayed = e.seq();
                        s.deliver(e);
                    }
                }
            }
        }, err -> { });
    }

    private Uni<Integer> nextSeq(Subject s) {
        synchronized (s) {
            if (s.seq != null) {
                s.seq++;
                return Uni.createFrom().item(s.seq);
            }
        }
        return pool.preparedQuery("select coalesce(max(seq), 0) from progress_event where subject_id = $1")
                .execute(Tuple.of(s.id))
                .map(rows -> {
                    synchronized (s) {
                        s.seq = (s.seq != null ? s.seq : rows.iterator().next().getInteger(0)) + 1;
                        return s.seq;
                    }
                });
    }

    /**
     * The subject's events (of this tenant only): stored ones, then live ones, completing after the
     * terminal event. Another tenant's subject streams nothing and completes, like an unknown one.
     */
    public Multi<ProgressEvent> stream(UUID tenantId, UUID subjectId) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<ProgressEvent> buffer = UnicastProcessor.create();
            UUID[] drivenFor = new UUID[1];
            Subject s = open(subjectId, subject -> {
                subject.followers++;
                drivenFor[0] = subject.drivenFor;
                subject.live.subscribe(buffer);
            });
            return stored(tenantId, subjectId).chain(past -> past.isEmpty() && !tenantId.equals(drivenFor[0])
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
                    })
                    .plug(ProgressHub::untilTerminal)
                    // before the end reaches the subscriber, so one that is done finds nothing held
                    .onTermination().invoke(s::unfollow);
        });
    }

    private record Past(List<ProgressEvent> events, boolean waiting) {
    }

    /**
     * Drivers call this before their first event (and before the subject is visible to anyone), so
     * an early subscriber, on any replica, waits instead of completing.
     */
    public Uni<Void> expect(UUID tenantId, UUID subjectId) {
        open(subjectId, s -> s.drivenFor = tenantId);
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
        return pool.preparedQuery("select tenant_id, subject_type, seq, type, payload, terminal, created_at"
                + " from progress_event where " + where + " order by seq").execute(params).map(rows -> events(subjectId, rows));
    }

    private static List<ProgressEvent> events(UUID subjectId, Iterable<Row> rows) {
        List<ProgressEvent> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new ProgressEvent(r.getUUID("tenant_id"), subjectId,
                    ProgressEvent.SubjectType.valueOf(r.getString("subject_type")), r.getInteger("seq"),
                    r.getString("type"), JSON.valueToTree(r.getJsonObject("payload").getMap()), r.getBoolean("terminal"),
                    r.getOffsetDateTime("created_at")));
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
