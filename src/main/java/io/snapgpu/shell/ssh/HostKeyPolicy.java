package io.snapgpu.shell.ssh;

import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.jboss.logging.Logger;

/**
 * Trust on first use, per shell. A rented machine is created moments before we connect and its host
 * key is published nowhere we could check it against, so the first key the machine presents is
 * accepted and recorded; every later connection of the same shell (reconnects after a dropped
 * session) must present the same key, or it is refused. A shell can also start from a key recorded
 * earlier ({@link SshShell#hostKey()}), e.g. after SnapGPU restarted. The address of a rented machine
 * is reused for other machines later, so keys are never shared between shells by address.
 */
final class HostKeyPolicy {
    private static final Logger LOG = Logger.getLogger(HostKeyPolicy.class);

    private final String target;
    private final AtomicReference<PublicKey> known = new AtomicReference<>();
    private volatile String rejection;

    HostKeyPolicy(String target, PublicKey knownKey) {
        this.target = target;
        this.known.set(knownKey);
    }

    /** Forgets why an earlier connection was refused. */
    void startAttempt() {
        rejection = null;
    }

    boolean accept(PublicKey offered) {
        if (known.compareAndSet(null, offered)) {
            LOG.infof("%s: first connection, recorded its host key %s", target, SshKeys.fingerprint(offered));
            return true;
        }
        PublicKey expected = known.get();
        if (KeyUtils.compareKeys(expected, offered)) {
            return true;
        }
        rejection = "the host key changed (recorded " + SshKeys.fingerprint(expected) + ", offered "
                + SshKeys.fingerprint(offered) + "); refusing to connect";
        LOG.warnf("%s: %s", target, rejection);
        return false;
    }

    Optional<PublicKey> known() {
        return Optional.ofNullable(known.get());
    }

    /** Why the last offered key was refused, if one was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }
}
