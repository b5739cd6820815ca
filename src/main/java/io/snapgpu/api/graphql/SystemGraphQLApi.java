package io.snapgpu.api.graphql;

import io.smallrye.mutiny.Uni;
import io.snapgpu.system.SystemStatus;
import io.snapgpu.system.SystemStatusService;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SystemGraphQLApi {
    private final SystemStatusService status;

    public SystemGraphQLApi(SystemStatusService status) {
        this.status = status;
    }

    @Query("system")
    @Description("The parts SnapGPU runs on (database, object store, restic) and whether each is usable")
    public Uni<SystemStatus> system() {
        return status.status();
    }
}
