package io.snapgpu.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;

/** Who is calling: every service call that touches tenant data takes one. */
public record Caller(UUID userId, UUID tenantId, String username, Role role) {
    public enum Role { ADMIN, MEMBER }

    static final String ATTRIBUTE = "snapgpu.caller";

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Caller c = identity.getAttribute(ATTRIBUTE);
        if (c == null) {
            throw new UnauthorizedException();
        }
        return c;
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
