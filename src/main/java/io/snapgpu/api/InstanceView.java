package io.snapgpu.api;

import io.snapgpu.access.Connection;
import io.snapgpu.access.MachineAccess;
import io.snapgpu.config.UtcClock;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.TerminationReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** An instance as the APIs show it (entities never leave through the API). */
@Type("Instance")
public record InstanceView(@Id String id, String provider, String providerInstanceId, String hostId, String gpuModel,
        Integer gpuCount, BigDecimal pricePerHour, InstanceStatus status, TerminationReason terminationReason,
        OffsetDateTime createdAt, OffsetDateTime readyAt, OffsetDateTime destroyedAt, BigDecimal costSoFar,
        @org.eclipse.microprofile.graphql.Description("How to get in with your own SSH key; null until the machine is ready") Connection connection) {

    public static InstanceView of(Instance i) {
        return of(i, (Connection) null);
    }

    /** With its connection details as {@code access} knows them. */
    public static InstanceView of(Instance i, MachineAccess access) {
        return i == null ? null : of(i, access.connection(i).orElse(null));
    }

    public static InstanceView of(Instance i, Connection connection) {
        return i == null ? null : new InstanceView(i.id.toString(), i.provider, i.providerInstanceId, i.hostId,
                i.gpuModel, i.gpuCount, i.pricePerHour, i.status, i.terminationReason, i.createdAt, i.readyAt,
                i.destroyedAt, i.costSoFar(UtcClock.now()), connection);
    }
}
