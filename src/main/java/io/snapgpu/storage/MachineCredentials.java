package io.snapgpu.storage;

import io.smallrye.mutiny.Uni;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.config.UtcClock;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.security.Caller;
import io.snapgpu.security.ForbiddenException;
import io.snapgpu.validation.Inputs;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The storage credentials a machine's restic gets: scoped to its tenant's repository prefix, read-only
 * or read-write as the operation needs, expiring after the operation's expected length, and recorded
 * in the audit trail ({@link CredentialGrantRepository}). Where they come from is decided once, at
 * start ({@link MachineCredentialsConfig#mode()}); the bucket's own key reaches a machine only when the
 * store is on this computer or an operator chose {@code bucket-key-on-machines}.
 */
@ApplicationScoped
public class MachineCredentials {
    private static final Logger LOG = Logger.getLogger(MachineCredentials.class);
    static final String MODE_SETTING = "SNAPGPU_MACHINE_CREDENTIALS_MODE";
    /** A credential with less life left than this is replaced before the next restic run starts. */
    static final Duration RENEW_MARGIN = Duration.ofMinutes(3);

    private final MachineCredentialsConfig config;
    private final ObjectStore store;
    private final CredentialGrantRepository grants;
    private final CredentialMode mode;
    private final String why;
    private final R2TemporaryCredentials r2;
    private final StsCredentials sts;
    private final String bucketSecret;

    public MachineCredentials(MachineCredentialsConfig config, SnapgpuConfig snapgpu, ObjectStore store,
            CredentialGrantRepository grants) {
        this.config = config;
        this.store = store;
        this.grants = grants;
        this.bucketSecret = snapgpu.s3().secretAccessKey();
        String asked = config.mode().strip().toLowerCase(Locale.ROOT);
        boolean r2Configured = config.r2().accountId().isPresent() && config.r2().apiToken().isPresent();
        boolean stsConfigured = config.sts().roleArn().isPresent();
        switch (asked) {
            case "auto" -> {
                if (store.onThisComputer()) {
                    mode = CredentialMode.BUCKET_KEY;
                    why = "the bucket's key, since the object store is on this computer (loopback) and so are the"
                            + " machines that can reach it";
                } else if (r2Configured) {
                    mode = CredentialMode.R2_TEMPORARY;
                    why = "Cloudflare R2 temporary credentials per operation, scoped to the tenant's prefix";
                } else if (stsConfigured) {
                    mode = CredentialMode.STS;
                    why = "STS AssumeRole per operation with a session policy scoped to the tenant's prefix";
                } else {
                    mode = CredentialMode.NONE;
                    why = "none configured: backups and restores on machines are refused. " + howToConfigure();
                }
            }
            case "r2" -> {
                require(r2Configured, "r2", "SNAPGPU_MACHINE_CREDENTIALS_R2_ACCOUNT_ID and"
                        + " SNAPGPU_MACHINE_CREDENTIALS_R2_API_TOKEN");
                mode = CredentialMode.R2_TEMPORARY;
                why = "Cloudflare R2 temporary credentials per operation, scoped to the tenant's prefix";
            }
            case "sts" -> {
                require(stsConfigured, "sts", "SNAPGPU_MACHINE_CREDENTIALS_STS_ROLE_ARN");
                mode = CredentialMode.STS;
                why = "STS AssumeRole per operation with a session policy scoped to the tenant's prefix";
            }
            case "bucket-key-on-machines" -> {
                mode = CredentialMode.BUCKET_KEY;
                why = "the bucket's own key on every machine (" + MODE_SETTING + "=bucket-key-on-machines): whoever"
                        + " controls a machine can read, overwrite and delete every tenant's repository";
            }
            default -> throw new io.quarkus.runtime.configuration.ConfigurationException(MODE_SETTING + " is `" + config.mode() + "`: allowed are"
                    + " auto, r2, sts and bucket-key-on-machines");
        }
        this.r2 = mode == CredentialMode.R2_TEMPORARY ? new R2TemporaryCredentials(config.r2().apiUrl(),
                config.r2().accountId().get(), config.r2().apiToken().get(), store.bucket(), store.accessKeyId()) : null;
        this.sts = mode == CredentialMode.STS ? new StsCredentials(config.sts().endpoint(), store.region(),
                config.sts().roleArn().get(), store.bucket(), store.accessKeyId(), bucketSecret) : null;
        if (mode == CredentialMode.BUCKET_KEY && !store.onThisComputer()) {
            LOG.warnf("Machines get the bucket's own key: %s", why);
        } else {
            LOG.infof("Storage credentials for machines: %s", why);
        }
    }

    private static void require(boolean present, String mode, String settings) {
        if (!present) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(MODE_SETTING + "=" + mode + " needs " + settings);
        }
    }

    private static String howToConfigure() {
        return "Set SNAPGPU_MACHINE_CREDENTIALS_R2_ACCOUNT_ID and SNAPGPU_MACHINE_CREDENTIALS_R2_API_TOKEN (Cloudflare R2),"
                + " or SNAPGPU_MACHINE_CREDENTIALS_STS_ROLE_ARN (AWS STS), or " + MODE_SETTING
                + "=bucket-key-on-machines to hand the bucket's own key to every machine";
    }

    public CredentialMode mode() {
        return mode;
    }

    /** What the health page and the system status say about the mode in force. */
    public String describe() {
        return why;
    }

    /**
     * The audit trail: the credentials handed to the tenant's machines, newest first (optionally of
     * one machine); for the tenant's admins only.
     */
    public Uni<java.util.List<CredentialGrant>> grants(Caller caller, String instanceId,
            Integer limit) {
        if (!caller.admin()) {
            return Uni.createFrom().failure(new ForbiddenException(
                    "only the tenant's admins see which credentials went to machines"));
        }
        UUID instance = instanceId == null || instanceId.isBlank() ? null
                : Inputs.uuid("instance_id", instanceId);
        int n = limit == null ? 100 : Inputs.range("limit", limit, 1, 1000);
        return grants.list(caller.tenantId(), instance, n);
    }

    /** What one operation on one machine is, for the scope, the TTL and the audit trail. */
    public record Operation(UUID tenantId, UUID instanceId, CredentialGrant.Purpose purpose, UUID operationId,
            StorageAccess access, Long expectedBytes) {
    }

    /**
     * Credentials for one operation that may run restic several times (retries, parallel parts): each
     * {@link #repository()} gives the current ones, replaced by fresh ones when they are about to expire.
     */
    public final class Lease {
        private final ResticRepository base;
        private final Operation op;
        private Uni<ScopedCredentials> pending; // guarded by this
        private ScopedCredentials held; // guarded by this

        private Lease(ResticRepository base, Operation op) {
            this.base = base;
            this.op = op;
        }

        /** The repository opened with this operation's credentials (issued, or renewed, when needed). */
        public Uni<ResticRepository> repository() {
            return Uni.createFrom().deferred(this::current)
                    .map(c -> base.withCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }

        private synchronized Uni<ScopedCredentials> current() {
            if (held != null && !stale(held)) {
                return Uni.createFrom().item(held);
            }
            if (pending == null) { // parallel runs share one request
                Uni<ScopedCredentials> asking = issue(op).memoize().indefinitely();
                pending = asking;
                asking.subscribe().with(c -> settle(asking, c), e -> settle(asking, null));
            }
            return pending;
        }

        private synchronized void settle(Uni<ScopedCredentials> asked, ScopedCredentials got) {
            if (pending == asked) {
                pending = null;
                if (got != null) {
                    held = got;
                }
            }
        }
    }

    private static boolean stale(ScopedCredentials c) {
        return c.expiresAt() != null && UtcClock.instant().plus(RENEW_MARGIN).isAfter(c.expiresAt());
    }

    /** Credentials for {@code op}, renewed as needed while it runs. */
    public Lease lease(ResticRepository repo, Operation op) {
        return new Lease(repo, op);
    }

    /** How long an operation's credential lives: the minimum, plus twice the time its bytes take at a slow rate. */
    Duration ttl(Long expectedBytes) {
        long bytes = expectedBytes == null ? 0 : Math.max(0, expectedBytes);
        long rate = Math.max(1, config.assumedMegabytesPerSecond()) * 1_000_000L;
        Duration ttl = config.minTtl().plusSeconds(2 * (bytes / rate));
        Duration max = mode == CredentialMode.STS ? config.sts().maxDuration() : config.maxTtl();
        if (ttl.compareTo(max) > 0) {
            ttl = max;
        }
        Duration floor = Duration.ofMinutes(15); // R2's default and STS's minimum
        return ttl.compareTo(floor) < 0 ? floor : ttl;
    }

    private Uni<ScopedCredentials> issue(Operation op) {
        String prefix = ObjectStore.resticPrefix(op.tenantId()) + "/";
        Duration ttl = ttl(op.expectedBytes());
        Uni<ScopedCredentials> issued = switch (mode) {
            case BUCKET_KEY -> Uni.createFrom().item(new ScopedCredentials(CredentialMode.BUCKET_KEY, store.accessKeyId(),
                    bucketSecret, null, prefix, op.access(), null));
            case R2_TEMPORARY -> r2.issue(prefix, op.access(), ttl);
            case STS -> sts.issue(prefix, op.access(), ttl, sessionName(op));
            case NONE -> Uni.createFrom().failure(new StorageCredentialsException("No storage credentials for machines"
                    + " are configured, so SnapGPU cannot let a machine read or write its repository. " + howToConfigure()));
        };
        return issued.call(c -> grants.insert(new CredentialGrant(UUID.randomUUID(), op.tenantId(), op.instanceId(),
                op.purpose(), op.operationId(), c.mode(), c.accessKeyId(), c.prefix(), c.access(), UtcClock.instant(),
                c.expiresAt())))
                .invoke(c -> LOG.debugf("Machine %s gets %s for %s %s", op.instanceId(), c, op.purpose(), op.operationId()));
    }

    private static String sessionName(Operation op) {
        return "snapgpu-" + op.purpose().name().toLowerCase(Locale.ROOT) + "-" + op.instanceId().toString().substring(0, 8);
    }

    @PreDestroy
    void close() {
        if (sts != null) {
            sts.close();
        }
    }
}
