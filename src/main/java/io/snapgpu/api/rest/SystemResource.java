package io.snapgpu.api.rest;

import io.smallrye.mutiny.Uni;
import io.snapgpu.system.SystemStatus;
import io.snapgpu.system.SystemStatusService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {
    private final SystemStatusService status;

    public SystemResource(SystemStatusService status) {
        this.status = status;
    }

    @GET
    public Uni<SystemStatus> get() {
        return status.status();
    }
}
