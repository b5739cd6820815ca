package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ProcessEvent;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.jboss.logging.Logger;

/**
 * Runs commands on a rented machine over SSH. One session per shell, opened on first use and
 * reopened when it dropped (after a growing pause when it failed, see {@link ConnectBackoff}). On
 * each session one long-lived channel runs the {@link CommandMux} dispatcher, so a command does not
 * start a login shell (and a conda .bashrc) of its own; where the dispatcher cannot run, every
 * command gets its own channel ({@link ChannelCommand}, {@link RemoteCommand}). {@link HostKeyPolicy}
 * checks server keys.
 *
 * <p>Events arrive on SSH I/O threads: hop back onto a Vert.x context before touching Panache.
 * Cancelling a stream stops the remote command (TERM, then KILL after 5 s); no SSH {@code signal}
 * request is sent, OpenSSH refuses them.
 */
public final class SshShell implements InstanceShell {
    private static final Logger LOG = Logger.getLogger(SshShell.class);
    static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(30);
    /** The login shell's startup files run before the dispatcher is ready: conda init can take seconds. */
    static final Duration MUX_START_TIMEOUT = Duration.ofSeconds(60);

    private final SshConnector connector;
    private final Executor blockingExecutor;
    private final String workspaceRoot;
    private final Duration connectTimeout;

    private final Object connectLock = new Object();
    private final ConnectBackoff backoff = new ConnectBackoff();
    private volatile ClientSession session;
    private volatile boolean closed;

    private final Object muxLock = new Object();
    private volatile CommandMux mux; // guarded by muxLock for writes
    private boolean muxUnavailable; // guarded by muxLock

    SshShell(SshClient client, Executor blockingExecutor, Semaphore logins, SshTarget target, KeyPair keyPair,
            String workspaceRoot, Duration connectTimeout, HostKeyPolicy hostKeys, boolean dispatcher) {
        if (workspaceRoot == null || !workspaceRoot.startsWith("/")) {
            throw new IllegalArgumentException("workspaceRoot must be an absolute path on the instance: " + workspaceRoot);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        this.connector = new SshConnector(client, target, keyPair, hostKeys, logins);
        this.blockingExecutor = blockingExecutor;
        this.workspaceRoot = workspaceRoot;
        this.connectTimeout = connectTimeout;
        this.muxUnavailable = !dispatcher;
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

    /**
     * Like the default, but the SSH connection itself also gives up within {@code timeout}; fails
     * (rather than answering false) with {@link HostKeyChangedException} when the machine's key changed.
     */
    @Override
    public Uni<Boolean> probe(Duration timeout) {
        Duration connect = timeout.compareTo(connectTimeout) < 0 ? timeout : connectTimeout;
        return run(new CommandSpec(List.of("true"), Map.of(), null), connect)
                .filter(e -> e instanceof ProcessEvent.Exit)
                .map(e -> ((ProcessEvent.Exit) e).code() == 0)
                .toUni()
                .ifNoItem().after(timeout).recoverWithItem(false)
                // a machine that is not up yet answers false; one whose host key changed is refused for good
                .onFailure(e -> !(e instanceof HostKeyChangedException)).recoverWithItem(false)
                .map(ok -> ok != null && ok);
    }

    private Multi<ProcessEvent> run(CommandSpec spec, Duration connectWithin) {
        RemoteCommand remote;
        try {
            remote = RemoteCommand.of(spec); // validates the environment for both paths
        } catch (IllegalArgumentException e) {
            return Multi.createFrom().failure(e);
        }
        // connecting and opening the channel block (bounded by timeouts): never on the caller's event loop
        return Multi.createFrom().<ProcessEvent>emitter(emitter -> start(spec, remote, emitter, connectWithin))
                .runSubscriptionOn(blockingExecutor);
    }

    private void start(CommandSpec spec, RemoteCommand remote, MultiEmitter<? super ProcessEvent> emitter,
            Duration connectWithin) {
        try {
            ClientSession s = session(connectWithin);
            if (emitter.isCancelled()) {
                return;
            }
            CommandMux mux = mux(s);
            if (emitter.isCancelled()) {
                return;
            }
            if (mux != null) {
                MuxExecution execution = mux.submit(spec, emitter, "the SSH connection to " + target()
                        + " closed before the command reported an exit status");
                onCancel(emitter, execution::done, execution::cancel);
            } else {
                ChannelCommand command = new ChannelCommand(target(), spec, emitter, () -> closed);
                onCancel(emitter, command::done, command::cancel);
                command.start(s, remote, CHANNEL_OPEN_TIMEOUT);
            }
        } catch (SshConnector.ConnectFailure e) {
            if (!emitter.isCancelled()) {
                emitter.fail(failure(spec.display(), e));
            }
        } catch (RuntimeException e) {
            if (!emitter.isCancelled()) {
                emitter.fail(new CommandFailedException(spec.display(), -1, target() + ": " + e.getMessage(), e));
            }
        }
    }

    /** A refused host key says only that (target and fingerprints), never which command it stopped. */
    private static CommandFailedException failure(String command, SshConnector.ConnectFailure e) {
        return e.hostKeyChanged() ? new HostKeyChangedException(command, e.getMessage())
                : new CommandFailedException(command, -1, e.getMessage(), e.getCause());
    }

    /**
     * A subscriber may cancel on a Vert.x event loop; stopping a command writes to the channel, which
     * can wait on the SSH window, so it is done on the blocking executor.
     */
    private void onCancel(MultiEmitter<? super ProcessEvent> emitter, BooleanSupplier done, Runnable cancel) {
        emitter.onTermination(() -> {
            if (done.getAsBoolean()) {
                return; // it ended on its own: nothing to stop
            }
            try {
                blockingExecutor.execute(cancel);
            } catch (RejectedExecutionException e) {
                // the factory is shutting down and closes every session: that stops the command too
                LOG.debugf("%s: could not stop a cancelled command: %s", target(), e.getMessage());
            }
        });
    }

    /**
     * The session's dispatcher, started on first use; null where it cannot run (then every command
     * gets its own channel, said once per shell in the log).
     */
    private CommandMux mux(ClientSession s) throws SshConnector.ConnectFailure {
        CommandMux m;
        synchronized (muxLock) {
            if (muxUnavailable) {
                return null;
            }
            m = mux;
            if (m == null || m.session() != s || m.dead()) {
                try {
                    m = CommandMux.open(s, target());
                } catch (IOException e) {
                    throw new SshConnector.ConnectFailure(target() + ": cannot open a channel: " + e.getMessage(), e);
                }
                mux = m;
            }
        }
        // outside the lock: the login shell's startup files run now, and every caller waits for the same start
        switch (m.awaitStart(MUX_START_TIMEOUT)) {
            case READY:
                return m;
            case CONNECTION_LOST:
                throw new SshConnector.ConnectFailure(target() + ": the SSH connection closed before the command could start", null);
            default:
                synchronized (muxLock) {
                    if (!muxUnavailable && !closed) {
                        muxUnavailable = true;
                        LOG.warnf("%s: the command dispatcher cannot run here (%s); every command gets its own SSH channel"
                                + " and pays the login shell's startup", target(), m.why());
                    }
                }
                return null;
        }
    }

    /**
     * An interactive login shell in the workspace with a terminal ({@code term}, {@code cols} x
     * {@code rows}) on a channel of this shell's session, in asynchronous streaming: the caller reads
     * its output ({@code getAsyncOut()}, stdout and stderr merged as a terminal does) at its own pace,
     * so a slow reader holds back only this channel and never the session's I/O threads that the
     * other commands share; it writes keystrokes with {@code getAsyncIn()}, resizes with
     * {@code sendWindowChange} and closes it. Blocks while connecting: call it off the event loop.
     */
    public org.apache.sshd.client.channel.ChannelExec openTerminal(String term, int cols, int rows) throws IOException {
        ClientSession s;
        try {
            s = session(connectTimeout);
        } catch (SshConnector.ConnectFailure e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        // the user's login shell, started in the workspace (as `ssh -t host 'cd /workspace; exec $SHELL -l'`)
        org.apache.sshd.client.channel.ChannelExec channel = s.createExecChannel("cd -- "
                + PosixQuoting.quote(workspaceRoot) + " 2>/dev/null; exec \"${SHELL:-/bin/sh}\" -l");
        channel.setUsePty(true);
        channel.setPtyType(term);
        channel.setPtyColumns(cols);
        channel.setPtyLines(rows);
        channel.setEnv("LANG", "C.UTF-8");
        channel.setRedirectErrorStream(true);
        channel.setStreaming(org.apache.sshd.client.channel.ClientChannel.Streaming.Async);
        try {
            channel.open().verify(CHANNEL_OPEN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return channel;
    }

    /** SFTP over this shell's session (OpenSSH serves it without starting a login shell). */
    @Override
    public Uni<Void> upload(java.nio.file.Path localFile, String remotePath) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                ClientSession s = session(connectTimeout);
                try (org.apache.sshd.sftp.client.SftpClient sftp = org.apache.sshd.sftp.client.SftpClientFactory.instance()
                        .createSftpClient(s);
                        java.io.OutputStream out = sftp.write(remotePath);
                        java.io.InputStream in = java.nio.file.Files.newInputStream(localFile)) {
                    in.transferTo(out);
                }
                return null;
            } catch (SshConnector.ConnectFailure e) {
                throw failure("sftp put " + remotePath, e);
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
            backoff.check();
            ClientSession fresh;
            try {
                fresh = connector.connect(connectWithin);
            } catch (SshConnector.ConnectFailure e) {
                backoff.failed(e);
                throw e;
            }
            backoff.succeeded();
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
        CommandMux m = mux;
        if (m != null) {
            m.close();
        }
        ClientSession s = session;
        if (s != null) {
            s.close(false);
        }
    }

    @Override
    public String toString() {
        return "SshShell[" + target() + ", workspace " + workspaceRoot + "]";
    }
}
