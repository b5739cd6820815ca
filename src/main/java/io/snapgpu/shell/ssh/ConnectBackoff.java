package io.snapgpu.shell.ssh;

import java.time.Duration;

/**
 * Remembers a shell's failed connection for a short, growing pause (0.5 s, doubling up to 8 s)
 * during which commands fail at once with that reason, instead of every probe and command of a
 * machine that is not up yet starting its own handshake: a storm of logins is what made
 * handshakes miss their deadline. A success forgets it.
 */
final class ConnectBackoff {
    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(8);

    private SshConnector.ConnectFailure last; // guarded by the shell's connect lock, like all of this
    private long retryAt;
    private Duration pause = Duration.ZERO;

    /** @throws SshConnector.ConnectFailure the last failure, while its pause lasts */
    void check() throws SshConnector.ConnectFailure {
        if (last != null && System.nanoTime() - retryAt < 0) {
            long ms = Math.max(1, (retryAt - System.nanoTime()) / 1_000_000);
            throw new SshConnector.ConnectFailure(last.getMessage() + " (not retried for another " + ms + " ms)", last.getCause(),
                    last.hostKeyChanged());
        }
    }

    void failed(SshConnector.ConnectFailure e) {
        last = e;
        pause = pause.isZero() ? FIRST : pause.multipliedBy(2).compareTo(MAX) > 0 ? MAX : pause.multipliedBy(2);
        retryAt = System.nanoTime() + pause.toNanos();
    }

    void succeeded() {
        last = null;
        pause = Duration.ZERO;
    }
}
