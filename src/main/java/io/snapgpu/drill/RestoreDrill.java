package io.snapgpu.drill;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One restore drill of a tenant's repository: {@code restic check} with a read-data subset, then a
 * trial restore of the newest snapshot of each machine on the control plane. PASSED only when the
 * check and every trial restore passed; each snapshot keeps its own result ({@code snapshot.drill_*}).
 */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "restore_drill")
public class RestoreDrill extends PanacheEntityBase {
    @org.eclipse.microprofile.graphql.Name("RestoreDrillTrigger")
    public enum Trigger { SCHEDULED, MANUAL }

    @org.eclipse.microprofile.graphql.Name("RestoreDrillStatus")
    public enum Status { RUNNING, PASSED, FAILED }

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Enumerated(EnumType.STRING)
    public Trigger trigger;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "check_subset")
    public String checkSubset;
    @Column(name = "check_ok")
    public Boolean checkOk;
    @Column(name = "check_error")
    public String checkError;
    @Column(name = "snapshots_drilled")
    public int snapshotsDrilled;
    @Column(name = "snapshots_failed")
    public int snapshotsFailed;
    @Column(name = "bytes_fetched")
    public long bytesFetched;
    @Column(name = "download_cost")
    public BigDecimal downloadCost;
    public String error;
    public String owner;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
