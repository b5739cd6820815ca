package io.snapgpu.storage;

/** No storage credentials could be had for a machine: the message says why and what to configure. */
public class StorageCredentialsException extends RuntimeException {
    public StorageCredentialsException(String message) {
        super(message);
    }
}
