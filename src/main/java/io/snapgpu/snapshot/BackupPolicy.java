package io.snapgpu.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How an instance's workspace is backed up. Paths are absolute within the workspace ("/" = all of it). */
@Entity
@Table(name = "backup_policy")
public class BackupPolicy extends PanacheEntityBase {
    @Id
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(name = "frequency_minutes")
    public int frequencyMinutes;
    @Column(name = "retention_days")
    public int retentionDays;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "include_paths")
    public String[] includePaths;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exclude_patterns")
    public String[] excludePatterns;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "critical_patterns")
    public String[] criticalPatterns;
    public boolean enabled;
    @Column(name = "next_run_at")
    public OffsetDateTime nextRunAt;
    /** The replica taking its due snapshot now (see AutoSnapshotJob); null between turns. */
    public String owner;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
