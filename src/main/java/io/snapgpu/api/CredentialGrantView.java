package io.snapgpu.api;

import io.snapgpu.storage.CredentialGrant;
import io.snapgpu.storage.CredentialMode;
import io.snapgpu.storage.StorageAccess;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** One storage credential handed to a machine, as the audit trail shows it (never a secret). */
@Type("CredentialGrant")
@Description("A storage credential handed to a machine for one operation: its key id, scope, access and expiry (never its secret)")
public record CredentialGrantView(@Id String id, String instanceId, CredentialGrant.Purpose purpose, String operationId,
        CredentialMode mode, String accessKeyId, String scope, StorageAccess access, OffsetDateTime issuedAt,
        @Description("null for the bucket's own key, which does not expire") OffsetDateTime expiresAt) {

    public static CredentialGrantView of(CredentialGrant g) {
        return new CredentialGrantView(g.id().toString(), g.instanceId().toString(), g.purpose(),
                g.operationId() == null ? null : g.operationId().toString(), g.mode(), g.accessKeyId(), g.scope(),
                g.access(), g.issuedAt().atOffset(ZoneOffset.UTC),
                g.expiresAt() == null ? null : g.expiresAt().atOffset(ZoneOffset.UTC));
    }
}
