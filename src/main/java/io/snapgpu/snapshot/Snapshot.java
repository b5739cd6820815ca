package io.snapgpu.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A restic snapshot of a workspace, as SnapGPU knows it. Reported SUCCEEDED only after restic's summary. */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "snapshot")
public class Snapshot extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "restic_id")
    public String resticId;
    @Column(name = "tree_hash")
    public String treeHash;
    @Enumerated(EnumType.STRING)
    public SnapshotKind kind;
    @Enumerated(EnumType.STRING)
    public SnapshotStatus status;
    public String description;
    @Column(name = "total_bytes")
    public Long totalBytes;
    @Column(name = "added_bytes")
    public Long addedBytes;
    @Column(name = "file_count")
    public Long fileCount;
    public String error;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;
    /** The replica running it while RUNNING (its work is ended if that replica goes away). */
    public String owner;
    /** Its last restore drill (null: never drilled). */
    @Column(name = "drilled_at")
    public OffsetDateTime drilledAt;
    @Column(name = "drill_id")
    public UUID drillId;
    @Column(name = "drill_status")
    public String drillStatus;
    @Column(name = "drill_duration_ms")
    public Long drillDurationMs;
    @Column(name = "drill_bytes_fetched")
    public Long drillBytesFetched;
    @Column(name = "drill_download_cost")
    public java.math.BigDecimal drillDownloadCost;
    @Column(name = "drill_error")
    public String drillError;
}
