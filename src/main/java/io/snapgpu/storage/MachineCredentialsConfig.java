package io.snapgpu.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Which storage credentials a machine's restic gets (env SNAPGPU_MACHINE_CREDENTIALS_...). A rented
 * machine belongs to a stranger who can read its processes' environment, so by default it gets
 * credentials scoped to its tenant's prefix that expire, never the bucket's own key.
 */
@ConfigMapping(prefix = "snapgpu.machine-credentials")
public interface MachineCredentialsConfig {
    /**
     * {@code auto} (default): the bucket's key when the store is on this computer (embedded or
     * loopback, so only this computer's machines can reach it), else R2 temporary credentials when
     * the R2 settings are given, else STS when a role is given, else none (backups and restores on
     * machines are refused). {@code r2}, {@code sts}: that back end. {@code bucket-key-on-machines}:
     * hand the bucket's own key to every machine (an operator's explicit choice).
     */
    @WithDefault("auto")
    String mode();

    /** The shortest life of a credential (and the part of every TTL not explained by the data). */
    @WithDefault("15M")
    Duration minTtl();

    /** The longest life of a credential (R2 allows up to 7 days). */
    @WithDefault("12H")
    Duration maxTtl();

    /** The throughput assumed when sizing a credential's life from an operation's bytes (slow, so it rarely runs out). */
    @WithDefault("5")
    int assumedMegabytesPerSecond();

    R2 r2();

    Sts sts();

    interface R2 {
        /** SNAPGPU_MACHINE_CREDENTIALS_R2_ACCOUNT_ID: the Cloudflare account that holds the bucket. */
        Optional<String> accountId();

        /** SNAPGPU_MACHINE_CREDENTIALS_R2_API_TOKEN: a Cloudflare API token with R2 rights (a secret). */
        Optional<String> apiToken();

        /** SNAPGPU_MACHINE_CREDENTIALS_R2_API_URL. */
        @WithDefault("https://api.cloudflare.com/client/v4")
        String apiUrl();
    }

    interface Sts {
        /** SNAPGPU_MACHINE_CREDENTIALS_STS_ROLE_ARN: the role assumed, narrowed by a session policy per operation. */
        Optional<String> roleArn();

        /** SNAPGPU_MACHINE_CREDENTIALS_STS_ENDPOINT: for S3-compatible stores with their own STS; unset = AWS. */
        Optional<String> endpoint();

        /** The longest session the role allows (AWS: 1 hour unless the role says more). */
        @WithDefault("1H")
        Duration maxDuration();
    }
}
