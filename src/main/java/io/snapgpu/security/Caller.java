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

    /**
     * SnapGPU itself acting for a tenant (a failover, a drill, pushing the tenant's keys): scoped to the
     * tenant like any caller, with no user behind it.
     */
    public static Caller system(UUID tenantId) {
        return new Caller(null, tenantId, "snapgpu", Role.ADMIN);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
