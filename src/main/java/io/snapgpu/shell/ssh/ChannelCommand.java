package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.jboss.logging.Logger;

/**
 * The fallback where the dispatcher cannot run: one exec channel per command, as {@link RemoteCommand}
 * describes (the login shell runs for each). Cancelling ends the channel's stdin, which the remote
 * watchdog turns into TERM then KILL; no SSH {@code signal} request is sent (OpenSSH refuses them).
 */
final class ChannelCommand {
    private static final Logger LOG = Logger.getLogger(ChannelCommand.class);

    private final String target;
    private final CommandSpec spec;
    private final MultiEmitter<? super ProcessEvent> emitter;
    private final BooleanSupplier shellClosed;
    final OutputLines stdout;
    final OutputLines stderr;
    private ChannelExec channel;
    private boolean done; // guarded by this

    ChannelCommand(String target, CommandSpec spec, MultiEmitter<? super ProcessEvent> emitter, BooleanSupplier shellClosed) {
        this.target = target;
        this.spec = spec;
        this.emitter = emitter;
        this.shellClosed = shellClosed;
        this.stdout = new OutputLines(ProcessEvent.Stream.STDOUT, this::emit);
        this.stderr = new OutputLines(ProcessEvent.Stream.STDERR, this::emit);
    }

    /** Opens the channel and sends the environment. Blocks (bounded): call it on the blocking executor. */
    void start(ClientSession s, RemoteCommand remote, Duration openWithin) {
        try {
            ChannelExec ch = s.createExecChannel(remote.commandLine());
            synchronized (this) {
                if (done) { // cancelled while we connected
                    ch.close(true);
                    return;
                }
                channel = ch;
            }
            ch.setOut(stdout);
            ch.setErr(stderr);
            ch.addCloseFutureListener(f -> closed(ch));
            OpenFuture opened = ch.open();
            if (!opened.await(openWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                failToStart(target + ": the server did not open a session channel within " + openWithin.toSeconds() + " s", null);
                return;
            }
            if (!opened.isOpened()) {
                Throwable cause = opened.getException();
                failToStart(target + ": the server refused to run a command ("
                        + (cause == null ? "no reason given" : cause.getMessage()) + ")", cause);
                return;
            }
            OutputStream stdin = ch.getInvertedIn();
            stdin.write(remote.stdin());
            stdin.flush();
            // stdin stays open: its end is what tells the remote watchdog to stop the command
        } catch (IOException | RuntimeException e) {
            failToStart(target + ": " + e.getMessage(), e);
        }
    }

    synchronized boolean done() {
        return done;
    }

    private synchronized void emit(ProcessEvent event) {
        if (!done && !emitter.isCancelled()) {
            emitter.emit(event);
        }
    }

    /** The channel closed: the command ended, or the connection did. */
    private void closed(ChannelExec ch) {
        // outside our lock: OutputLines locks itself, then us (the order every write takes)
        stdout.finish();
        stderr.finish();
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            if (emitter.isCancelled()) {
                return;
            }
            Integer status = ch.getExitStatus();
            String signal = ch.getExitSignal();
            Integer signalNumber = signal == null ? null : Signals.number(signal);
            if (status != null) {
                emitter.emit(new ProcessEvent.Exit(status));
                emitter.complete();
            } else if (signalNumber != null) {
                emitter.emit(new ProcessEvent.Exit(128 + signalNumber));
                emitter.complete();
            } else {
                String why = shellClosed.getAsBoolean() ? "the shell was closed while it ran"
                        : signal != null ? "it was ended by signal " + signal
                        : "the SSH connection to " + target + " closed before the command reported an exit status";
                emitter.fail(CommandFailedException.outcomeUnknown(spec.display(), why, null));
            }
        }
    }

    private void failToStart(String reason, Throwable cause) {
        ChannelExec ch;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            ch = channel;
            if (!emitter.isCancelled()) {
                emitter.fail(new CommandFailedException(spec.display(), -1, reason, cause));
            }
        }
        if (ch != null) {
            ch.close(true);
        }
    }

    /**
     * The subscriber went away: ends stdin (the remote watchdog then stops the command) and closes
     * the channel. Runs on the blocking executor: closing stdin can wait on the SSH window.
     */
    void cancel() {
        ChannelExec ch;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            ch = channel;
        }
        if (ch == null) {
            return; // not created yet: start() sees done and opens nothing
        }
        try {
            ch.getInvertedIn().close(); // sends EOF
        } catch (IOException | RuntimeException e) {
            LOG.debugf("%s: could not send EOF to a cancelled command: %s", target, e.getMessage());
        }
        ch.close(false);
        LOG.debugf("%s: cancelled `%s`", target, spec.display());
    }
}
