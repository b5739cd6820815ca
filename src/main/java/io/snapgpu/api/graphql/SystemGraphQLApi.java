package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.CredentialGrantView;
import io.snapgpu.security.Caller;
import io.snapgpu.storage.MachineCredentials;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import io.snapgpu.system.SystemStatus;
import io.snapgpu.system.SystemStatusService;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SystemGraphQLApi {
    private final SystemStatusService status;
    private final MachineCredentials credentials;
    private final SecurityIdentity identity;

    public SystemGraphQLApi(SystemStatusService status, MachineCredentials credentials, SecurityIdentity identity) {
        this.status = status;
        this.credentials = credentials;
        this.identity = identity;
    }

    @Query("credentialGrants")
    @Description("Storage credentials handed to your tenant's machines, newest first (admins only)")
    public Uni<List<CredentialGrantView>> credentialGrants(@Id String instanceId, Integer limit) {
        return credentials.grants(Caller.of(identity), instanceId, limit)
                .map(all -> all.stream().map(CredentialGrantView::of).toList());
    }

    @Query("system")
    @Description("The parts SnapGPU runs on (database, object store, restic) and whether each is usable")
    public Uni<SystemStatus> system() {
        return status.status();
    }
}
