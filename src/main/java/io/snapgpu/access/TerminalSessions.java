package io.snapgpu.access;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceRepository;
import io.snapgpu.db.Db;
import io.snapgpu.security.Caller;
import io.snapgpu.shell.ssh.SshShell;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Browser terminals: SnapGPU holds an SSH shell channel with a terminal ({@code xterm-256color}) on
 * the machine (over its own pinned SSH session, so the host key is checked as for every command)
 * and relays bytes to and from the page's WebSocket. Protocol: binary frames are the terminal's bytes
 * both ways (UTF-8 as the machine writes it: xterm.js decodes across frames); text frames are JSON
 * control messages: from the page {@code {"type":"resize","cols":C,"rows":R}}; to the page
 * {@code {"type":"ready"}} and, last, {@code {"type":"closed","reason":"..."}}. A session ends when the
 * page or the shell closes it, after the idle timeout without a keystroke, or when the machine ends.
 * Each session is one row of {@link TerminalAudit}.
 */
@ApplicationScoped
public class TerminalSessions {
    private static final Logger LOG = Logger.getLogger(TerminalSessions.class);
    public static final String TERM = "xterm-256color";

    private final MachineAccess access;
    private final TerminalAudit audit;
    private final Db db;
    private final InstanceRepository instances;
    private final Duration idleTimeout;
    private final Map<UUID, Session> live = new ConcurrentHashMap<>();

    public TerminalSessions(MachineAccess access, TerminalAudit audit, Db db, InstanceRepository instances,
            @ConfigProperty(name = "snapgpu.terminal.idle-timeout", defaultValue = "30M") Duration idleTimeout) {
        this.access = access;
        this.audit = audit;
        this.db = db;
        this.instances = instances;
        this.idleTimeout = idleTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Live sessions (for tests and the idle check). */
    public int liveCount() {
        return live.size();
    }

    /** Opens the machine's shell for this socket (already upgraded, caller and machine already checked). */
    public void open(Caller caller, Instance instance, int cols, int rows, ServerWebSocket ws) {
        Session s = new Session(UUID.randomUUID(), caller, instance.id, ws);
        live.put(s.id, s);
        ws.pause();
        ws.closeHandler(v -> s.end("closed by the browser"));
        ws.exceptionHandler(e -> s.end("the browser connection failed: " + e.getMessage()));
        ws.binaryMessageHandler(s::input);
        ws.textMessageHandler(s::control);
        audit.started(s.id, caller, instance.id)
                .chain(() -> access.shell(instance))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(shell -> {
                    if (!(shell instanceof SshShell ssh)) {
                        throw new IllegalStateException("this machine's shell is not SSH");
                    }
                    try {
                        return ssh.openTerminal(TERM, cols, rows);
                    } catch (IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                })
                .subscribe().with(s::started, e -> s.end("the machine's shell could not be opened: " + e.getMessage()));
        LOG.infof("Terminal session %s: %s opens machine %s", s.id, caller.username(), instance.id);
    }

    /** Ends idle sessions and those whose machine is no longer ready. */
    @Scheduled(every = "${snapgpu.terminal.check-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (live.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long now = System.nanoTime();
        for (Session s : live.values()) {
            if (now - s.lastInput.get() > idleTimeout.toNanos()) {
                s.end("idle for " + idleTimeout.toMinutes() + " min");
            }
        }
        List<UUID> ids = live.values().stream().map(s -> s.instanceId).distinct().toList();
        return db.read(() -> instances.byIds(ids)).invoke(rows -> {
            for (Session s : live.values()) {
                Instance i = rows.stream().filter(r -> r.id.equals(s.instanceId)).findFirst().orElse(null);
                if (i == null || !UserKeyService.reachable(i)) {
                    s.end("the machine ended");
                }
            }
        }).onFailure().invoke(e -> LOG.debugf("terminal check: %s", e.getMessage())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Ends every session on this machine (its destroy). */
    public void machineEnded(UUID instanceId) {
        live.values().stream().filter(s -> s.instanceId.equals(instanceId)).forEach(s -> s.end("the machine ended"));
    }

    private final class Session {
        final UUID id;
        final Caller caller;
        final UUID instanceId;
        final ServerWebSocket ws;
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicLong lastInput = new AtomicLong(System.nanoTime());
        final AtomicLong bytesIn = new AtomicLong();
        final AtomicLong bytesOut = new AtomicLong();
        /** Keystrokes and resizes reach the channel in order, off the event loop (a write may wait on the SSH window). */
        final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snapgpu-terminal-writer");
            t.setDaemon(true);
            return t;
        });
        volatile ChannelExec channel;

        Session(UUID id, Caller caller, UUID instanceId, ServerWebSocket ws) {
            this.id = id;
            this.caller = caller;
            this.instanceId = instanceId;
            this.ws = ws;
        }

        void started(ChannelExec c) {
            if (ended.get()) {
                c.close(true);
                return;
            }
            channel = c;
            c.addCloseFutureListener(f -> end("the shell ended"));
            ws.writeTextMessage(new JsonObject().put("type", "ready").put("session", id.toString()).encode());
            ws.resume();
            pump(c);
        }

        /**
         * Reads the next piece of the terminal's output once the page has taken the last one: the
         * browser's pace holds back this channel's SSH window, nothing else.
         */
        void pump(ChannelExec c) {
            if (ended.get()) {
                return;
            }
            ByteArrayBuffer buf = new ByteArrayBuffer(32 * 1024);
            c.getAsyncOut().read(buf).addListener(f -> {
                if (f.getException() != null || f.getRead() < 0) {
                    end("the shell ended");
                    return;
                }
                byte[] bytes = java.util.Arrays.copyOfRange(buf.array(), buf.rpos(), buf.rpos() + f.getRead());
                if (bytes.length == 0 || ended.get()) {
                    pump(c);
                    return;
                }
                bytesOut.addAndGet(bytes.length);
                ws.writeBinaryMessage(Buffer.buffer(bytes)).onComplete(ar -> {
                    if (ar.failed()) {
                        end("the browser connection failed: " + ar.cause().getMessage());
                    } else {
                        pump(c);
                    }
                });
            });
        }

        void input(Buffer data) {
            ChannelExec c = channel;
            if (c == null || ended.get()) {
                return;
            }
            lastInput.set(System.nanoTime());
            bytesIn.addAndGet(data.length());
            byte[] bytes = data.getBytes();
            writer.execute(() -> {
                try {
                    // one write at a time (this thread), each waited for: the channel allows no overlap
                    c.getAsyncIn().writeBuffer(new ByteArrayBuffer(bytes)).verify(Duration.ofSeconds(30));
                } catch (IOException | RuntimeException e) {
                    end("the shell stopped taking input: " + e.getMessage());
                }
            });
        }

        void control(String text) {
            ChannelExec c = channel;
            JsonObject m;
            try {
                m = new JsonObject(text);
            } catch (RuntimeException e) {
                return; // not a control message: ignored
            }
            if (c == null || !"resize".equals(m.getString("type"))) {
                return;
            }
            Integer cols = m.getInteger("cols");
            Integer rows = m.getInteger("rows");
            if (cols == null || rows == null || cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
                return;
            }
            writer.execute(() -> {
                try {
                    c.sendWindowChange(cols, rows);
                } catch (IOException e) {
                    LOG.debugf("terminal %s: resize failed: %s", id, e.getMessage());
                }
            });
        }

        void end(String reason) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            live.remove(id);
            writer.shutdown();
            ChannelExec c = channel;
            if (c != null) {
                c.close(false);
            }
            if (!ws.isClosed()) {
                ws.writeTextMessage(new JsonObject().put("type", "closed").put("reason", reason).encode());
                ws.close((short) 1000, reason.length() > 120 ? reason.substring(0, 120) : reason);
            }
            LOG.infof("Terminal session %s of %s on machine %s ended: %s", id, caller.username(), instanceId, reason);
            audit.ended(id, reason, bytesIn.get(), bytesOut.get()).subscribe().with(x -> { },
                    e -> LOG.warnf("Could not record the end of terminal session %s: %s", id, e.getMessage()));
        }
    }
}
