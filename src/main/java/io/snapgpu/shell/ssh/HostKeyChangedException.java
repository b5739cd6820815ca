package io.snapgpu.shell.ssh;

import io.snapgpu.shell.CommandFailedException;

/**
 * The machine presented another SSH host key than the one recorded for it: SnapGPU refused the
 * connection and ran nothing. The message names the target and both fingerprints, never the command.
 */
public final class HostKeyChangedException extends CommandFailedException {
    HostKeyChangedException(String command, String message) {
        super(message, command, null);
    }
}
