package io.snapgpu.failover;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Moving a lost machine's workspace onto a new one: DETECTED → SNAPSHOTTING (a PRE_FAILOVER snapshot
 * while the machine still answers) → REPLACING (a race for a replacement and the restore of the
 * newest snapshot onto it, retried with back-off a bounded number of times) → RETIRING (the lost
 * machine destroyed, its policy moved) → DONE; or FAILED, or CANCELLED (the machine came back). At
 * most one active failover per machine (a partial unique index); {@code owner} is the replica driving it.
 */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "failover")
public class Failover extends PanacheEntityBase {
    @org.eclipse.microprofile.graphql.Name("FailoverTrigger")
    public enum Trigger { PROVIDER_GONE, PROVIDER_EXITED, PROVIDER_OFFLINE, SSH_DEAD, USER }

    @org.eclipse.microprofile.graphql.Name("FailoverStatus")
    public enum Status {
        DETECTED, SNAPSHOTTING, REPLACING, RETIRING, DONE, FAILED, CANCELLED;

        public static final Set<Status> ACTIVE = EnumSet.of(DETECTED, SNAPSHOTTING, REPLACING, RETIRING);

        public boolean active() {
            return ACTIVE.contains(this);
        }
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Enumerated(EnumType.STRING)
    public Trigger trigger;
    public String detail;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "pre_snapshot_id")
    public UUID preSnapshotId;
    @Column(name = "snapshot_id")
    public UUID snapshotId;
    @Column(name = "restore_job_id")
    public UUID restoreJobId;
    @Column(name = "new_instance_id")
    public UUID newInstanceId;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    /** The lost machine answered again while a replacement was under way: that one is ended, not used. */
    @Column(name = "cancel_requested_at")
    public OffsetDateTime cancelRequestedAt;
    public String error;
    public String owner;
    @Column(name = "lost_price_per_hour")
    public BigDecimal lostPricePerHour;
    @Column(name = "new_price_per_hour")
    public BigDecimal newPricePerHour;
    @Column(name = "usable_at")
    public OffsetDateTime usableAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
