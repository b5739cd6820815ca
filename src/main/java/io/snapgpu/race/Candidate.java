package io.snapgpu.race;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.snapgpu.instance.TerminationReason;
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

/** One machine a race launched: stored with its instance row, before the provider is asked for it. */
@Entity
@Table(name = "race_candidate")
@DynamicUpdate
public class Candidate extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "race_id")
    public UUID raceId;
    public int wave;
    public String provider;
    @Column(name = "offer_id")
    public String offerId;
    @Column(name = "host_id")
    public String hostId;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Enumerated(EnumType.STRING)
    public CandidateStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "termination_reason")
    public TerminationReason terminationReason;
    @Column(name = "price_per_hour")
    public BigDecimal pricePerHour;
    @Column(name = "launched_at")
    public OffsetDateTime launchedAt;
    @Column(name = "ready_at")
    public OffsetDateTime readyAt;
    @Column(name = "destroyed_at")
    public OffsetDateTime destroyedAt;
    public BigDecimal cost;
    @Column(name = "provider_state")
    public String providerState;
    @Column(name = "destroy_called_at")
    public OffsetDateTime destroyCalledAt;
    @Column(name = "boot_seconds")
    public Double bootSeconds;
    public String error;
}
