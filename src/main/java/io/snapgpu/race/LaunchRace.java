package io.snapgpu.race;

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
import org.hibernate.annotations.DynamicUpdate;

/**
 * One launch race. Inserted by {@link LaunchRaceRepository#insert} (with its request as JSON), then
 * updated here; only changed columns are written, so the lease columns one replica renews are never
 * overwritten by another's stale copy.
 */
@Entity
@Table(name = "launch_race")
@DynamicUpdate
public class LaunchRace extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Enumerated(EnumType.STRING)
    public RaceStatus status;
    @Column(name = "wave_size")
    public int waveSize;
    @Column(name = "wave_interval_ms")
    public int waveIntervalMs;
    @Column(name = "max_waves")
    public int maxWaves;
    @Column(name = "timeout_ms")
    public long timeoutMs;
    @Column(name = "snapshot_id")
    public UUID snapshotId;
    @Column(name = "winner_candidate_id")
    public UUID winnerCandidateId;
    @Column(name = "losers_cost")
    public BigDecimal losersCost;
    public String error;
    public String owner;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    @Column(name = "winner_observed_at")
    public OffsetDateTime winnerObservedAt;
    @Column(name = "reaction_ms")
    public Double reactionMs;
    @Column(name = "cancel_requested_at")
    public OffsetDateTime cancelRequestedAt;
    @Column(name = "waves_launched")
    public int wavesLaunched;
}
