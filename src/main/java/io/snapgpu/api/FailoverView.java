package io.snapgpu.api;

import io.snapgpu.failover.Failover;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A failover as the APIs show it, with the lost and the new machine (and what each cost). */
@Type("Failover")
public record FailoverView(@Id String id, String instanceId, Failover.Trigger trigger, Failover.Status status,
        String detail, String preSnapshotId, String snapshotId, String restoreJobId, String newInstanceId, int attempts,
        int maxAttempts, OffsetDateTime nextAttemptAt, String error, BigDecimal lostPricePerHour,
        BigDecimal newPricePerHour, OffsetDateTime createdAt, OffsetDateTime usableAt, OffsetDateTime finishedAt,
        Long secondsToUsable, InstanceView lostInstance, InstanceView newInstance) {

    public static FailoverView of(Failover f, io.snapgpu.instance.Instance lost, io.snapgpu.instance.Instance fresh) {
        return f == null ? null : new FailoverView(f.id.toString(), f.instanceId.toString(), f.trigger, f.status,
                f.detail, s(f.preSnapshotId), s(f.snapshotId), s(f.restoreJobId), s(f.newInstanceId), f.attempts,
                f.maxAttempts, f.nextAttemptAt, f.error, f.lostPricePerHour, f.newPricePerHour, f.createdAt, f.usableAt,
                f.finishedAt, f.usableAt == null ? null : java.time.Duration.between(f.createdAt, f.usableAt).toSeconds(),
                InstanceView.of(lost), InstanceView.of(fresh));
    }

    private static String s(java.util.UUID id) {
        return id == null ? null : id.toString();
    }
}
