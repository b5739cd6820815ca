package io.snapgpu.instance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.snapgpu.shell.ssh.SshKeys;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A machine SnapGPU rented. Recorded before the provider is asked for it. */
@Entity
@Table(name = "instance")
public class Instance extends PanacheEntityBase {
    /** Labels at providers: the orphan reaper finds SnapGPU's machines by this prefix. */
    public static final String LABEL_PREFIX = "snapgpu-";

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public UUID tenantId;
    public String provider;
    @Column(name = "provider_instance_id")
    public String providerInstanceId;
    @Column(name = "offer_id")
    public String offerId;
    @Column(name = "host_id")
    public String hostId;
    @Column(name = "gpu_model")
    public String gpuModel;
    @Column(name = "gpu_count")
    public Integer gpuCount;
    @Column(name = "price_per_hour")
    public BigDecimal pricePerHour;
    public String label;
    @Enumerated(EnumType.STRING)
    public InstanceStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "termination_reason")
    public TerminationReason terminationReason;
    @Column(name = "ssh_host")
    public String sshHost;
    @Column(name = "ssh_port")
    public Integer sshPort;
    /** The machine's own restic, installed by the bootstrap (null until then). */
    /** The user SSH logs in as, and what else the machine exposes (JSON, see ExposedPort): recorded when it became ready. */
    @Column(name = "ssh_user")
    public String sshUser;
    @Column(name = "exposed_ports")
    public String exposedPorts;
    @Column(name = "restic_path")
    public String resticPath;
    @Column(name = "restic_version")
    public String resticVersion;
    /**
     * The SSH host key the machine presented first (an OpenSSH public-key line), pinned for every later
     * connection; null until SnapGPU first logged in. Written only by
     * {@link InstanceRepository#recordHostKey} (first recorded wins), never by saving the entity.
     */
    @Column(name = "host_key", insertable = false, updatable = false)
    public String hostKey;
    /** Failover on loss: null = on when the machine has a backup policy. */
    @Column(name = "failover_enabled")
    public Boolean failoverEnabled;
    /** The machine watch: since when SSH has failed (while the provider says running); null while it answers. */
    @Column(name = "ssh_failing_since")
    public OffsetDateTime sshFailingSince;
    @Column(name = "watched_at")
    public OffsetDateTime watchedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "booting_at")
    public OffsetDateTime bootingAt;
    @Column(name = "ready_at")
    public OffsetDateTime readyAt;
    @Column(name = "restoring_at")
    public OffsetDateTime restoringAt;
    @Column(name = "running_at")
    public OffsetDateTime runningAt;
    @Column(name = "destroying_at")
    public OffsetDateTime destroyingAt;
    @Column(name = "destroyed_at")
    public OffsetDateTime destroyedAt;
    @Column(name = "failed_at")
    public OffsetDateTime failedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** The pinned host key's fingerprint as OpenSSH prints it ({@code SHA256:...}); null while none is pinned. */
    public String hostKeyFingerprint() {
        return hostKey == null ? null
                : SshKeys.fingerprint(SshKeys.parsePublicKeyLine(hostKey));
    }

    public static String labelFor(UUID id) {
        return LABEL_PREFIX + id;
    }

    /** Moves to {@code next}, stamping its time; a transition the status machine forbids is a bug. */
    public void transition(InstanceStatus next, OffsetDateTime at) {
        if (status == next) {
            return;
        }
        if (status != null && !status.canBecome(next)) {
            throw new IllegalStateException("instance " + id + " cannot go from " + status + " to " + next);
        }
        status = next;
        updatedAt = at;
        switch (next) {
            case BOOTING -> bootingAt = at;
            case READY -> readyAt = at;
            case RESTORING -> restoringAt = at;
            case RUNNING -> runningAt = at;
            case DESTROYING -> destroyingAt = at;
            case DESTROYED -> destroyedAt = at;
            case FAILED -> failedAt = at;
            default -> { }
        }
    }

    /**
     * $/h × time alive: from create until destroyed (or failed), or until now. A create that failed rented
     * nothing and costs nothing, the figure its race candidate books too.
     */
    public BigDecimal costSoFar(OffsetDateTime now) {
        if (pricePerHour == null || createdAt == null || terminationReason == TerminationReason.CREATE_FAILED) {
            return BigDecimal.ZERO;
        }
        OffsetDateTime end = destroyedAt != null ? destroyedAt : failedAt != null ? failedAt : now;
        long millis = Math.max(0, Duration.between(createdAt, end).toMillis());
        return pricePerHour.multiply(BigDecimal.valueOf(millis)).divide(BigDecimal.valueOf(3_600_000L), 6,
                RoundingMode.HALF_UP);
    }
}
