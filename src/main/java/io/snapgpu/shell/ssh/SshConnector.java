package io.snapgpu.shell.ssh;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CancelOption;
import org.jboss.logging.Logger;

/**
 * Opens one authenticated session to a target within a deadline. Failure messages name the target
 * and the step that failed; they never carry key material (fingerprints at most).
 */
final class SshConnector {
    private static final Logger LOG = Logger.getLogger(SshConnector.class);

    /** How the client-wide server key verifier finds the policy of the shell that connects. */
    static final AttributeRepository.AttributeKey<HostKeyPolicy> HOST_KEYS = new AttributeRepository.AttributeKey<>();

    private final SshClient client;
    private final SshTarget target;
    private final KeyPair keyPair;
    private final HostKeyPolicy hostKeys;
    private final Semaphore logins;

    /** @param logins shared by every shell of a factory: bounds the handshakes in flight at once */
    SshConnector(SshClient client, SshTarget target, KeyPair keyPair, HostKeyPolicy hostKeys, Semaphore logins) {
        if (keyPair == null || keyPair.getPrivate() == null || keyPair.getPublic() == null) {
            throw new IllegalArgumentException("a key pair with both halves is required");
        }
        this.client = client;
        this.target = target;
        this.keyPair = keyPair;
        this.hostKeys = hostKeys;
        this.logins = logins;
    }

    SshTarget target() {
        return target;
    }

    HostKeyPolicy hostKeys() {
        return hostKeys;
    }

    /**
     * Waits (up to {@code within}) for a login slot, then connects and logs in within {@code within}.
     * Blocks: call it on the blocking executor, never on an event loop.
     */
    ClientSession connect(Duration within) throws ConnectFailure {
        try {
            if (!logins.tryAcquire(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConnectFailure(target + ": no login slot within " + seconds(within)
                        + " (too many SSH handshakes in flight)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectFailure(target + ": interrupted while waiting for a login slot", e);
        }
        try {
            return login(within);
        } finally {
            logins.release();
        }
    }

    private ClientSession login(Duration within) throws ConnectFailure {
        long deadline = System.nanoTime() + within.toNanos();
        hostKeys.startAttempt();
        ConnectFuture connecting;
        try {
            connecting = client.connect(target.user(), target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(HOST_KEYS, hostKeys), null);
            if (!connecting.await(remainingMillis(deadline), CancelOption.CANCEL_ON_TIMEOUT)) {
                throw new ConnectFailure(target + ": no connection within " + seconds(within)
                        + " (sshd not up yet, or the port is filtered)", null);
            }
        } catch (IOException e) {
            throw new ConnectFailure(target + ": cannot connect: " + describe(e), e);
        }
        if (!connecting.isConnected()) {
            Throwable cause = connecting.getException();
            throw new ConnectFailure(target + ": cannot connect: " + describe(cause), cause);
        }
        ClientSession session = connecting.getSession();
        boolean ok = false;
        try {
            session.addPublicKeyIdentity(keyPair);
            AuthFuture auth = session.auth();
            if (!auth.await(remainingMillis(deadline), CancelOption.CANCEL_ON_TIMEOUT)) {
                throw new ConnectFailure(target + ": key exchange and login did not finish within " + seconds(within), null);
            }
            if (!auth.isSuccess()) {
                throw refusalOr(target + ": " + whyAuthFailed(session, auth.getException()), auth.getException());
            }
            settleHostKey();
            ok = true;
            LOG.debugf("%s: SSH session open", target);
            return session;
        } catch (IOException e) {
            throw refusalOr(target + ": " + whyAuthFailed(session, e), e);
        } finally {
            if (!ok) {
                session.close(true);
            }
        }
    }

    /** A key accepted because none was known is recorded before anything runs on the session. */
    private void settleHostKey() throws ConnectFailure {
        java.util.Optional<String> refused;
        try {
            refused = hostKeys.settle();
        } catch (Exception e) {
            throw new ConnectFailure(target + ": the machine's host key could not be recorded, so nothing runs on it: "
                    + describe(e), e);
        }
        if (refused.isPresent()) {
            throw new ConnectFailure(target + ": " + refused.get(), null, true);
        }
    }

    /** A failure that is the host key's refusal when the policy refused the key, else a plain one. */
    private ConnectFailure refusalOr(String message, Throwable cause) {
        return hostKeys.rejection().isPresent() ? new ConnectFailure(target + ": " + hostKeys.rejection().get(), null, true)
                : new ConnectFailure(message, cause);
    }

    private String whyAuthFailed(ClientSession session, Throwable cause) {
        if (hostKeys.rejection().isPresent()) {
            return hostKeys.rejection().get();
        }
        if (session.isOpen()) {
            return "authentication as " + target.user() + " failed: the server did not accept SnapGPU's key "
                    + SshKeys.fingerprint(keyPair.getPublic());
        }
        return "the SSH handshake failed: " + describe(cause);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }

    /** A connection or login that did not succeed; the message is meant for people. */
    static final class ConnectFailure extends Exception {
        private final boolean hostKeyChanged;

        ConnectFailure(String message, Throwable cause) {
            this(message, cause, false);
        }

        ConnectFailure(String message, Throwable cause, boolean hostKeyChanged) {
            super(message, cause);
            this.hostKeyChanged = hostKeyChanged;
        }

        /** The machine presented another key than the one recorded for it. */
        boolean hostKeyChanged() {
            return hostKeyChanged;
        }
    }
}
