package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.CredentialGrantView;
import io.snapgpu.security.Caller;
import io.snapgpu.storage.MachineCredentials;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The audit trail of storage credentials handed to the tenant's machines (admins only). */
@Path("/api/v1/credential-grants")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialGrantResource {
    private final MachineCredentials credentials;
    private final SecurityIdentity identity;

    public CredentialGrantResource(MachineCredentials credentials, SecurityIdentity identity) {
        this.credentials = credentials;
        this.identity = identity;
    }

    @GET
    public Uni<List<CredentialGrantView>> list(@QueryParam("instance_id") String instanceId,
            @QueryParam("limit") Integer limit) {
        return credentials.grants(Caller.of(identity), instanceId, limit)
                .map(all -> all.stream().map(CredentialGrantView::of).toList());
    }
}
