package io.snapgpu.api;

import io.snapgpu.instance.Instance;
import io.snapgpu.instance.InstanceStatus;
import io.snapgpu.instance.TerminationReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** An instance as the APIs show it (entities never leave through the API). */
@Type("Instance")
public record InstanceView(@Id String id, String provider, String providerInstanceId, String hostId, String gpuModel,
        Integer gpuCount, BigDecimal pricePerHour, InstanceStatus status, TerminationReason terminationReason,
        OffsetDateTime createdAt, OffsetDateTime readyAt, OffsetDateTime destroyedAt, BigDecimal costSoFar) {

    public static InstanceView of(Instance i) {
        return i == null ? null : new InstanceView(i.id.toString(), i.provider, i.providerInstanceId, i.hostId,
                i.gpuModel, i.gpuCount, i.pricePerHour, i.status, i.terminationReason, i.createdAt, i.readyAt,
                i.destroyedAt, i.costSoFar(OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
