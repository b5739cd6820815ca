package io.snapgpu.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * One storage credential handed to a machine, as the audit trail keeps it: never the secret or the
 * session token. {@code expiresAt} is null for the bucket's own key.
 */
public record CredentialGrant(UUID id, UUID tenantId, UUID instanceId, Purpose purpose, UUID operationId,
        CredentialMode mode, String accessKeyId, String scope, StorageAccess access, Instant issuedAt,
        Instant expiresAt) {

    /** What a machine's credential is for. */
    @org.eclipse.microprofile.graphql.Enum("CredentialPurpose")
    public enum Purpose { BACKUP, RESTORE, DRILL }
}
