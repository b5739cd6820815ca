package io.snapgpu.api;

import io.snapgpu.snapshot.BackupPolicy;
import io.snapgpu.snapshot.Snapshot;
import io.snapgpu.snapshot.SnapshotCursor;
import io.snapgpu.snapshot.SnapshotKind;
import io.snapgpu.snapshot.SnapshotService;
import io.snapgpu.snapshot.SnapshotStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

@Type("Snapshot")
public record SnapshotView(@Id String id, String instanceId, SnapshotKind kind, SnapshotStatus status,
        String description, String resticId, String treeHash, Long totalBytes, Long addedBytes, Long fileCount,
        String error, OffsetDateTime createdAt, OffsetDateTime finishedAt, OffsetDateTime expiresAt,
        int sameContentCount, Drill drill,
        @org.eclipse.microprofile.graphql.Description("pass as after to list the snapshots older than this one")
        String cursor) {

    /** The snapshot's last restore drill. */
    @Type("SnapshotDrill")
    public record Drill(@Id String drillId, OffsetDateTime drilledAt, String status, Long durationMs, Long bytesFetched,
            java.math.BigDecimal downloadCost, String error) {
    }

    public static SnapshotView of(Snapshot s, int sameContentCount) {
        return s == null ? null : new SnapshotView(s.id.toString(), s.instanceId == null ? null : s.instanceId.toString(),
                s.kind, s.status, s.description, s.resticId, s.treeHash, s.totalBytes, s.addedBytes, s.fileCount, s.error,
                s.createdAt, s.finishedAt, s.expiresAt, sameContentCount, s.drilledAt == null ? null
                        : new Drill(s.drillId == null ? null : s.drillId.toString(), s.drilledAt, s.drillStatus,
                                s.drillDurationMs, s.drillBytesFetched, s.drillDownloadCost, s.drillError),
                s.createdAt == null ? null : SnapshotCursor.of(s));
    }

    public static SnapshotView of(SnapshotService.Listed l) {
        return of(l.snapshot(), l.sameContentCount());
    }

    @Type("BackupPolicy")
    public record Policy(String instanceId, int frequencyMinutes,
            @org.eclipse.microprofile.graphql.Description("how long the automatic snapshots of this policy are kept") int retentionDays,
            List<String> includePaths, List<String> excludePaths, boolean enabled, OffsetDateTime nextRunAt,
            @org.eclipse.microprofile.graphql.Description("snapshots taken by hand are kept this long, whatever the policy says") int manualRetentionDays,
            @org.eclipse.microprofile.graphql.Description("safety snapshots (before a restore or a failover) are kept this long") int safetyRetentionDays) {
        public static Policy of(BackupPolicy p) {
            return p == null ? null : new Policy(p.instanceId.toString(), p.frequencyMinutes, p.retentionDays,
                    List.of(p.includePaths), List.of(p.excludePatterns), p.enabled, p.nextRunAt,
                    (int) SnapshotKind.MANUAL.defaultRetention.toDays(),
                    (int) SnapshotKind.PRE_RESTORE.defaultRetention.toDays());
        }
    }
}
