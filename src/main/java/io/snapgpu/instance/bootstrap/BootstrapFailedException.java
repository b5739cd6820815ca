package io.snapgpu.instance.bootstrap;

/**
 * The machine cannot be prepared and trying again will not help (its restic does not match, its
 * workspace cannot be created): it must never be reported ready.
 */
public class BootstrapFailedException extends RuntimeException {
    public BootstrapFailedException(String message) {
        super(message);
    }
}
