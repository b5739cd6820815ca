package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.jboss.logging.Logger;

/**
 * One exec channel per SSH session that runs the {@link MuxProtocol} dispatcher: the login shell and
 * its .bashrc (conda init: seconds) run once per connection instead of once per command. Commands
 * are requests on the channel's stdin; their output and exit come back as records on its stdout.
 * Writes to stdin may block on the SSH window: callers run them on the shell's blocking executor.
 */
final class CommandMux {
    private static final Logger LOG = Logger.getLogger(CommandMux.class);
    private static final int MAX_RECORD_BYTES = 64 * 1024;

    /** How the dispatcher's start ended. */
    enum Start { READY, UNAVAILABLE, CONNECTION_LOST }

    private final ClientSession session;
    private final String target;
    private final ChannelExec channel;
    private final Map<Long, MuxExecution> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Start> started = new CompletableFuture<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Object stdinLock = new Object();
    private volatile String why = "";
    private volatile boolean closedByUs;

    private CommandMux(ClientSession session, String target) throws IOException {
        this.session = session;
        this.target = target;
        this.channel = session.createExecChannel(MuxProtocol.commandLine());
    }

    /** Sends the exec request; {@link #awaitStart} says how it went. Does not block. */
    static CommandMux open(ClientSession session, String target) throws IOException {
        CommandMux mux = new CommandMux(session, target);
        mux.channel.setOut(new Records(mux::record));
        mux.channel.setErr(new Records(mux::stderr));
        mux.channel.addCloseFutureListener(f -> mux.channelClosed());
        mux.channel.open().addListener(f -> {
            if (!f.isOpened()) {
                mux.why = "the server refused the dispatcher's channel: "
                        + (f.getException() == null ? "no reason given" : f.getException().getMessage());
                mux.started.complete(session.isOpen() ? Start.UNAVAILABLE : Start.CONNECTION_LOST);
            }
        });
        return mux;
    }

    /** Blocks until the dispatcher said it is ready (after the login shell's startup files ran) or why not. */
    Start awaitStart(Duration within) {
        try {
            return started.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            why = "the dispatcher did not start within " + within.toSeconds() + " s";
            close();
            return Start.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return Start.CONNECTION_LOST;
        } catch (ExecutionException e) {
            return Start.UNAVAILABLE;
        }
    }

    /** Why the dispatcher is not there, for logs and messages. */
    String why() {
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        return why + (tail.isEmpty() ? "" : " (its stderr: " + tail + ")");
    }

    ClientSession session() {
        return session;
    }

    boolean dead() {
        return channel.isClosed() || channel.isClosing();
    }

    /** Starts a command; its events go to {@code emitter}. Blocks while the request is written. */
    MuxExecution submit(CommandSpec spec, MultiEmitter<? super ProcessEvent> emitter, String connectionLost) {
        long id = ids.incrementAndGet();
        MuxExecution execution = new MuxExecution(this, id, spec, emitter, connectionLost);
        running.put(id, execution);
        if (dead()) { // closed between serves() and now: the close listener may have run already
            running.remove(id);
            execution.failToStart(target + ": the SSH connection closed before the command could start", null);
            return execution;
        }
        try {
            write(MuxProtocol.start(id, spec));
        } catch (IOException | RuntimeException e) {
            running.remove(id);
            execution.failToStart(target + ": could not send the command: " + e.getMessage(), e);
        }
        return execution;
    }

    /** Asks the dispatcher to stop command {@code id} (TERM, KILL after 5 s). Blocks while it writes. */
    void stop(long id) {
        running.remove(id);
        try {
            write(MuxProtocol.stop(id));
        } catch (IOException | RuntimeException e) {
            // the channel is gone; the dispatcher kills what it started when its stdin ends
            LOG.debugf("%s: could not ask the dispatcher to stop command %d: %s", target, id, e.getMessage());
        }
    }

    private void write(byte[] request) throws IOException {
        synchronized (stdinLock) {
            OutputStream in = channel.getInvertedIn();
            in.write(request);
            in.flush();
        }
    }

    /** Closes the channel: the dispatcher sees its stdin end and stops every command it started. */
    void close() {
        closedByUs = true;
        channel.close(false);
    }

    private void channelClosed() {
        why = why.isEmpty() ? "the dispatcher's channel closed" : why;
        started.complete(session.isOpen() || closedByUs ? Start.UNAVAILABLE : Start.CONNECTION_LOST);
        for (Long id : List.copyOf(running.keySet())) {
            MuxExecution e = running.remove(id);
            if (e != null) {
                e.connectionLost();
            }
        }
    }

    /** One record from the dispatcher's stdout. Lines before H are the login shell's (a chatty .bashrc). */
    private void record(byte[] line, int len) {
        if (len == 0) {
            return;
        }
        byte tag = line[0];
        if (len == 1 && tag == 'H') {
            LOG.debugf("%s: command dispatcher ready", target);
            started.complete(Start.READY);
            return;
        }
        if (len < 2 || line[1] != ' ') {
            return;
        }
        if (tag == 'U') {
            why = new String(line, 2, len - 2, StandardCharsets.UTF_8);
            started.complete(Start.UNAVAILABLE);
            return;
        }
        int idEnd = 2;
        long id = 0;
        while (idEnd < len && line[idEnd] >= '0' && line[idEnd] <= '9' && idEnd < 2 + 18) { // fits a long
            id = id * 10 + (line[idEnd++] - '0');
        }
        if (idEnd == 2 || (idEnd < len && line[idEnd] != ' ')) {
            return;
        }
        int payload = Math.min(idEnd + 1, len);
        switch (tag) {
            case 'O', 'o', 'E', 'e' -> {
                MuxExecution e = running.get(id);
                if (e != null) {
                    e.output(tag == 'O' || tag == 'o' ? ProcessEvent.Stream.STDOUT : ProcessEvent.Stream.STDERR,
                            line, payload, len - payload, tag == 'O' || tag == 'E');
                }
            }
            case 'X' -> {
                MuxExecution e = running.remove(id);
                if (e != null) {
                    e.exit(parseStatus(line, payload, len));
                }
            }
            default -> LOG.debugf("%s: ignored a dispatcher record tagged %c", target, (char) tag);
        }
    }

    private static int parseStatus(byte[] line, int from, int to) {
        try {
            return Integer.parseInt(new String(line, from, to - from, StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The dispatcher's own stderr (and the login shell's): kept short, for the log when it fails. */
    private void stderr(byte[] line, int len) {
        String text = new String(line, 0, len, StandardCharsets.UTF_8);
        LOG.debugf("%s: dispatcher stderr: %s", target, text);
        synchronized (stderrTail) {
            stderrTail.append(text).append('\n');
            if (stderrTail.length() > 1000) {
                stderrTail.delete(0, stderrTail.length() - 1000);
            }
        }
    }

    /** Splits channel bytes into lines, each handed on whole; a line beyond 64 KiB is not ours and is dropped. */
    private static final class Records extends OutputStream {
        interface Sink {
            void accept(byte[] line, int len);
        }

        private final Sink sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean overlong;

        Records(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] data, int off, int len) {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (data[i] == '\n') {
                    pending.write(data, start, i - start);
                    if (!overlong) {
                        sink.accept(pending.toByteArray(), pending.size());
                    }
                    pending.reset();
                    overlong = false;
                    start = i + 1;
                }
            }
            pending.write(data, start, end - start);
            if (pending.size() > MAX_RECORD_BYTES) {
                pending.reset();
                overlong = true;
            }
        }
    }
}
