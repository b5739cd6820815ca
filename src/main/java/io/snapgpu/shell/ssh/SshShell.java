package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ProcessEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * Runs commands on a rented machine over SSH. One session per shell, opened on first use and
 * reopened when it dropped; one exec channel per command. See {@link RemoteCommand} for how the
 * argument vector and the environment travel, and {@link HostKeyPolicy} for server keys.
 *
 * <p>Events arrive on SSH I/O threads: hop back onto a Vert.x context before touching Panache.
 * Cancelling a stream ends the channel's stdin (the remote watchdog then stops the command), sends a
 * {@code signal} request for sshds that honour it, and closes the channel.
 */
public final class SshShell implements InstanceShell {
    private static final Logger LOG = Logger.getLogger(SshShell.class);
    static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final SshConnector connector;
    private final Executor blockingExecutor;
    private final String workspaceRoot;
    private final Duration connectTimeout;

    private final Object connectLock = new Object();
    private volatile ClientSession session;
    private volatile boolean closed;

    SshShell(SshClient client, Executor blockingExecutor, SshTarget target, KeyPair keyPair, String workspaceRoot,
            Duration connectTimeout, HostKeyPolicy hostKeys) {
        if (workspaceRoot == null || !workspaceRoot.startsWith("/")) {
            throw new IllegalArgumentException("workspaceRoot must be an absolute path on the instance: " + workspaceRoot);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        this.connector = new SshConnector(client, target, keyPair, hostKeys);
        this.blockingExecutor = blockingExecutor;
        this.workspaceRoot = workspaceRoot;
        this.connectTimeout = connectTimeout;
    }

    /** {@code user@host:port}, for messages. */
    public String target() {
        return connector.target().toString();
    }

    /** The server key accepted on first connection, as a key (a shell for the machine's new address keeps it). */
    public Optional<java.security.PublicKey> knownHostKey() {
        return connector.hostKeys().known();
    }

    /** The server key accepted on first connection ({@code ssh-ed25519 AAAA...}), for the caller to keep. */
    public Optional<String> hostKey() {
        return connector.hostKeys().known().map(k -> SshKeys.publicKeyLine(k, null));
    }

    @Override
    public String workspaceRoot() {
        return workspaceRoot;
    }

    @Override
    public Multi<ProcessEvent> exec(CommandSpec spec) {
        return run(spec, connectTimeout);
    }

    /** Like the default, but the SSH connection itself also gives up within {@code timeout}. */
    @Override
    public Uni<Boolean> probe(Duration timeout) {
        Duration connect = timeout.compareTo(connectTimeout) < 0 ? timeout : connectTimeout;
        return run(new CommandSpec(List.of("true"), Map.of(), null), connect)
                .filter(e -> e instanceof ProcessEvent.Exit)
                .map(e -> ((ProcessEvent.Exit) e).code() == 0)
                .toUni()
                .ifNoItem().after(timeout).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .map(ok -> ok != null && ok);
    }

    private Multi<ProcessEvent> run(CommandSpec spec, Duration connectWithin) {
        RemoteCommand remote;
        try {
            remote = RemoteCommand.of(spec);
        } catch (IllegalArgumentException e) {
            return Multi.createFrom().failure(e);
        }
        // connecting and opening the channel block (bounded by timeouts): never on the caller's event loop
        return Multi.createFrom().<ProcessEvent>emitter(emitter -> start(spec, remote, emitter, connectWithin))
                .runSubscriptionOn(blockingExecutor);
    }

    private void start(CommandSpec spec, RemoteCommand remote, MultiEmitter<? super ProcessEvent> emitter,
            Duration connectWithin) {
        ClientSession s;
        try {
            s = session(connectWithin);
        } catch (SshConnector.ConnectFailure e) {
            emitter.fail(new CommandFailedException(spec.display(), -1, e.getMessage(), e.getCause()));
            return;
        }
        if (emitter.isCancelled()) {
            return;
        }
        Execution execution = new Execution(spec, emitter);
        ChannelExec channel = null;
        try {
            channel = s.createExecChannel(remote.commandLine());
            channel.setOut(execution.stdout);
            channel.setErr(execution.stderr);
            ChannelExec ch = channel;
            channel.addCloseFutureListener(f -> execution.closed(ch));
            emitter.onTermination(() -> execution.cancel(ch));
            OpenFuture opened = channel.open();
            if (!opened.await(CHANNEL_OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                execution.failToStart(channel, target() + ": the server did not open a session channel within "
                        + CHANNEL_OPEN_TIMEOUT.toSeconds() + " s", null);
                return;
            }
            if (!opened.isOpened()) {
                Throwable cause = opened.getException();
                execution.failToStart(channel, target() + ": the server refused to run a command ("
                        + (cause == null ? "no reason given" : cause.getMessage()) + ")", cause);
                return;
            }
            OutputStream stdin = channel.getInvertedIn();
            stdin.write(remote.stdin());
            stdin.flush();
            // stdin stays open: its end is what tells the remote watchdog to stop the command
            if (emitter.isCancelled()) {
                execution.cancel(channel);
            }
        } catch (IOException | RuntimeException e) {
            execution.failToStart(channel, target() + ": " + e.getMessage(), e);
        }
    }

    /** SFTP over this shell's session (OpenSSH serves it without starting a login shell). */
    @Override
    public Uni<Void> upload(java.nio.file.Path localFile, String remotePath) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                ClientSession s = session(connectTimeout);
                try (org.apache.sshd.sftp.client.SftpClient sftp = org.apache.sshd.sftp.client.SftpClientFactory.instance()
                        .createSftpClient(s);
                        OutputStream out = sftp.write(remotePath);
                        java.io.InputStream in = java.nio.file.Files.newInputStream(localFile)) {
                    in.transferTo(out);
                }
                return null;
            } catch (SshConnector.ConnectFailure e) {
                throw new CommandFailedException("sftp put " + remotePath, -1, e.getMessage(), e.getCause());
            } catch (IOException e) {
                throw new CommandFailedException("sftp put " + remotePath, -1, target() + ": " + e.getMessage(), e);
            }
        }).runSubscriptionOn(blockingExecutor);
    }

    private ClientSession session(Duration connectWithin) throws SshConnector.ConnectFailure {
        ClientSession current = session;
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (connectLock) {
            current = session;
            if (current != null && current.isOpen()) {
                return current;
            }
            if (closed) {
                throw new SshConnector.ConnectFailure(target() + ": the shell is closed", null);
            }
            ClientSession fresh = connector.connect(connectWithin);
            session = fresh;
            if (closed) {
                // close() ran while we connected: it could not see this session
                fresh.close(true);
                throw new SshConnector.ConnectFailure(target() + ": the shell is closed", null);
            }
            return fresh;
        }
    }

    @Override
    public void close() {
        closed = true;
        ClientSession s = session;
        if (s != null) {
            s.close(false);
        }
    }

    @Override
    public String toString() {
        return "SshShell[" + target() + ", workspace " + workspaceRoot + "]";
    }

    /** One command's channel and the stream it feeds. */
    private final class Execution {
        private final CommandSpec spec;
        private final MultiEmitter<? super ProcessEvent> emitter;
        final OutputLines stdout;
        final OutputLines stderr;
        private boolean done; // guarded by this

        Execution(CommandSpec spec, MultiEmitter<? super ProcessEvent> emitter) {
            this.spec = spec;
            this.emitter = emitter;
            this.stdout = new OutputLines(ProcessEvent.Stream.STDOUT, this::emit);
            this.stderr = new OutputLines(ProcessEvent.Stream.STDERR, this::emit);
        }

        private synchronized void emit(ProcessEvent event) {
            if (!done) {
                emitter.emit(event);
            }
        }

        /** The channel closed: the command ended, or the connection did. */
        void closed(ChannelExec channel) {
            // outside our lock: OutputLines locks itself, then us (the order every write takes)
            stdout.finish();
            stderr.finish();
            synchronized (this) {
                report(channel);
            }
        }

        private void report(ChannelExec channel) {
            if (done) {
                return;
            }
            done = true;
            Integer status = channel.getExitStatus();
            String signal = channel.getExitSignal();
            Integer signalNumber = signal == null ? null : Signals.number(signal);
            if (status != null) {
                emitter.emit(new ProcessEvent.Exit(status));
                emitter.complete();
            } else if (signalNumber != null) {
                emitter.emit(new ProcessEvent.Exit(128 + signalNumber));
                emitter.complete();
            } else {
                String why = closed ? "the shell was closed while it ran"
                        : signal != null ? "it was ended by signal " + signal
                        : "the SSH connection to " + target() + " closed before the command reported an exit status";
                emitter.fail(CommandFailedException.outcomeUnknown(spec.display(), why, null));
            }
        }

        synchronized void failToStart(ChannelExec channel, String reason, Throwable cause) {
            if (done) {
                return;
            }
            done = true;
            if (channel != null) {
                channel.close(true);
            }
            emitter.fail(new CommandFailedException(spec.display(), -1, reason, cause));
        }

        /**
         * The subscriber went away. Ends stdin (the remote watchdog then stops the command), asks
         * sshd to signal it too where sshd supports that, and closes the channel.
         */
        void cancel(ChannelExec channel) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                channel.getInvertedIn().close(); // sends EOF
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: could not send EOF to a cancelled command: %s", target(), e.getMessage());
            }
            try {
                Buffer request = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
                request.putUInt(channel.getRecipient());
                request.putString("signal");
                request.putBoolean(false);
                request.putString("TERM");
                channel.writePacket(request);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: could not send TERM to a cancelled command: %s", target(), e.getMessage());
            }
            channel.close(false);
            LOG.debugf("%s: cancelled `%s`", target(), spec.display());
        }
    }
}
