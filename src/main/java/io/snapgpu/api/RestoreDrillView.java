package io.snapgpu.api;

import io.snapgpu.drill.RestoreDrill;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

@Type("RestoreDrill")
public record RestoreDrillView(@Id String id, RestoreDrill.Trigger trigger, RestoreDrill.Status status,
        String checkSubset, Boolean checkOk, String checkError, int snapshotsDrilled, int snapshotsFailed,
        long bytesFetched, BigDecimal downloadCost, String error, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        Long durationMs) {

    public static RestoreDrillView of(RestoreDrill d) {
        return d == null ? null : new RestoreDrillView(d.id.toString(), d.trigger, d.status, d.checkSubset, d.checkOk,
                d.checkError, d.snapshotsDrilled, d.snapshotsFailed, d.bytesFetched, d.downloadCost, d.error,
                d.startedAt, d.finishedAt, d.finishedAt == null ? null
                        : java.time.Duration.between(d.startedAt, d.finishedAt).toMillis());
    }
}
