package io.snapgpu.storage;

import java.time.Instant;

/**
 * Storage credentials handed to one machine for one operation. {@code expiresAt} is null for the
 * bucket's own key (it never expires). Never logged: {@link #toString()} shows no secret.
 */
public record ScopedCredentials(CredentialMode mode, String accessKeyId, String secretAccessKey, String sessionToken,
        String prefix, StorageAccess access, Instant expiresAt) {

    @Override
    public String toString() {
        return "ScopedCredentials[" + mode + " " + accessKeyId + " " + access + " on " + prefix + " until " + expiresAt + "]";
    }
}
