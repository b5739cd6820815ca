package io.snapgpu.restore;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A snapshot being restored onto a machine. DONE only after the restored tree matched the snapshot. */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "restore_job")
public class RestoreJob extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(name = "snapshot_id")
    public UUID snapshotId;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "race_id")
    public UUID raceId;
    @Enumerated(EnumType.STRING)
    public RestorePhase phase;
    @Column(name = "bytes_done")
    public long bytesDone;
    @Column(name = "bytes_total")
    public Long bytesTotal;
    @Column(name = "files_done")
    public long filesDone;
    @Column(name = "files_total")
    public Long filesTotal;
    public int attempts;
    @Column(name = "usable_at")
    public OffsetDateTime usableAt;
    public String error;
    public String owner;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
