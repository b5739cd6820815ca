package io.snapgpu.shell.ssh;

import java.security.PublicKey;

/**
 * Where a machine's first host key is kept beyond one shell (SnapGPU keeps it on the machine's row,
 * shared by every replica and kept over restarts). A shell that knows no key for its machine accepts
 * the one presented, and before the session is used asks this to record it: the first key recorded
 * wins, and a shell whose key lost (another replica recorded another one first) refuses the session.
 */
@FunctionalInterface
public interface HostKeyRecorder {
    /** Keeps the key in the shell only (plain tests, benchmarks): the shell's first key is its key. */
    HostKeyRecorder IN_MEMORY = offered -> offered;

    /**
     * Records {@code offered} unless a key is recorded already, and returns the key recorded then
     * (the offered one, or the earlier one). Called on the SSH blocking executor after login and before
     * any command, never on an SSH I/O thread: it may block (bounded: the caller's login is waiting).
     *
     * @throws Exception when it cannot tell: the session is then refused, nothing runs on it
     */
    PublicKey record(PublicKey offered) throws Exception;
}
