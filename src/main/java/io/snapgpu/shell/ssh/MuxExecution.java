package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;

/**
 * One command run through a {@link CommandMux}: turns its records into {@link ProcessEvent}s. Every
 * way it can end (exit, failure, cancel, lost connection) goes through {@link #finish}, so the
 * emitter is terminated exactly once and never used after that.
 */
final class MuxExecution {
    private final CommandMux mux;
    private final long id;
    private final CommandSpec spec;
    private final MultiEmitter<? super ProcessEvent> emitter;
    private final String connectionLost;
    private final OutputLines stdout;
    private final OutputLines stderr;
    private boolean done; // guarded by this

    MuxExecution(CommandMux mux, long id, CommandSpec spec, MultiEmitter<? super ProcessEvent> emitter,
            String connectionLost) {
        this.mux = mux;
        this.id = id;
        this.spec = spec;
        this.emitter = emitter;
        this.connectionLost = connectionLost;
        this.stdout = new OutputLines(ProcessEvent.Stream.STDOUT, this::emit);
        this.stderr = new OutputLines(ProcessEvent.Stream.STDERR, this::emit);
    }

    /** A line ({@code endOfLine}) or a piece of a long one. Called on the SSH I/O thread, in order. */
    void output(ProcessEvent.Stream stream, byte[] record, int off, int len, boolean endOfLine) {
        OutputLines lines = stream == ProcessEvent.Stream.STDOUT ? stdout : stderr;
        lines.write(record, off, len);
        if (endOfLine) {
            lines.write('\n');
        }
    }

    void exit(int status) {
        // outside our lock: OutputLines locks itself, then us (the order every write takes)
        stdout.finish();
        stderr.finish();
        if (status < 0) {
            finish(CommandFailedException.outcomeUnknown(spec.display(), "the dispatcher reported no exit status", null));
        } else {
            finish(new ProcessEvent.Exit(status), null);
        }
    }

    void connectionLost() {
        finish(CommandFailedException.outcomeUnknown(spec.display(), connectionLost, null));
    }

    void failToStart(String reason, Throwable cause) {
        finish(new CommandFailedException(spec.display(), -1, reason, cause));
    }

    /**
     * The subscriber went away: the dispatcher stops the command. Runs on the shell's blocking
     * executor (the write can wait on the SSH window), never on the thread that cancelled.
     */
    void cancel() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        mux.stop(id);
    }

    synchronized boolean done() {
        return done;
    }

    private synchronized void emit(ProcessEvent event) {
        if (!done && !emitter.isCancelled()) {
            emitter.emit(event);
        }
    }

    private void finish(Throwable failure) {
        finish(null, failure);
    }

    private synchronized void finish(ProcessEvent.Exit exit, Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        if (emitter.isCancelled()) {
            return; // nobody to tell; failing now would only make Mutiny drop the exception
        }
        if (failure != null) {
            emitter.fail(failure);
        } else {
            emitter.emit(exit);
            emitter.complete();
        }
    }
}
