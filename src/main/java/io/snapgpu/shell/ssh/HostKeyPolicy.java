package io.snapgpu.shell.ssh;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.jboss.logging.Logger;

/**
 * Pinning, per machine. A rented machine is created moments before we connect and its host key is
 * published nowhere we could check it against, so the first key it presents is accepted and handed to
 * the {@link HostKeyRecorder} (the machine's row), whose first recorded key wins; every later
 * connection, of this shell or of one made later from the recorded key (after a restart, on another
 * replica), must present that key, or it is refused. The address of a rented machine is reused for
 * other machines later, so keys are never shared between machines by address.
 *
 * <p>{@link #accept} runs on an SSH I/O thread during the key exchange and only compares; the
 * recording ({@link #settle}) runs after login on the blocking executor.
 */
final class HostKeyPolicy {
    private static final Logger LOG = Logger.getLogger(HostKeyPolicy.class);

    private final String target;
    private final HostKeyRecorder recorder;
    private final AtomicReference<PublicKey> known = new AtomicReference<>();
    /** Accepted in this attempt because no key was known yet: recorded by {@link #settle} before use. */
    private volatile PublicKey unrecorded;
    private volatile String rejection;

    HostKeyPolicy(String target, PublicKey knownKey, HostKeyRecorder recorder) {
        this.target = target;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.known.set(knownKey);
    }

    /** Forgets why an earlier connection was refused. */
    void startAttempt() {
        rejection = null;
        unrecorded = null;
    }

    boolean accept(PublicKey offered) {
        PublicKey expected = known.get();
        if (expected == null) {
            unrecorded = offered;
            return true;
        }
        if (KeyUtils.compareKeys(expected, offered)) {
            return true;
        }
        refuse(expected, offered);
        return false;
    }

    /**
     * After login: a key accepted because none was known is recorded now. Empty when the session may
     * be used; else why not (another key was recorded first: the machine's key changed).
     *
     * @throws Exception from the recorder: it could not tell, so the session must not be used
     */
    Optional<String> settle() throws Exception {
        PublicKey offered = unrecorded;
        unrecorded = null;
        if (offered == null) {
            return Optional.ofNullable(rejection); // compared with the known key during the key exchange
        }
        PublicKey recorded = recorder.record(offered);
        if (recorded == null) {
            throw new IllegalStateException("no host key could be recorded for this machine");
        }
        known.set(recorded);
        if (KeyUtils.compareKeys(recorded, offered)) {
            LOG.infof("%s: host key %s pinned", target, SshKeys.fingerprint(offered));
            return Optional.empty();
        }
        refuse(recorded, offered);
        return Optional.of(rejection);
    }

    private void refuse(PublicKey expected, PublicKey offered) {
        rejection = "the host key changed (recorded " + SshKeys.fingerprint(expected) + ", offered "
                + SshKeys.fingerprint(offered) + "); refusing to connect";
        LOG.warnf("%s: %s", target, rejection);
    }

    Optional<PublicKey> known() {
        return Optional.ofNullable(known.get());
    }

    /** Why the last offered key was refused, if one was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }
}
