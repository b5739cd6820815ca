package io.snapgpu.api;

import io.snapgpu.restore.RestoreJob;
import io.snapgpu.restore.RestorePhase;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

@Type("RestoreJob")
public record RestoreView(@Id String id, String snapshotId, String instanceId, String raceId, RestorePhase phase, long bytesDone,
        Long bytesTotal, long filesDone, Long filesTotal, int attempts, OffsetDateTime usableAt, String error,
        OffsetDateTime createdAt, OffsetDateTime finishedAt) {

    public static RestoreView of(RestoreJob j) {
        return j == null ? null : new RestoreView(j.id.toString(), j.snapshotId.toString(),
                j.instanceId == null ? null : j.instanceId.toString(), j.raceId == null ? null : j.raceId.toString(), j.phase, j.bytesDone, j.bytesTotal, j.filesDone,
                j.filesTotal, j.attempts, j.usableAt, j.error, j.createdAt, j.finishedAt);
    }
}
