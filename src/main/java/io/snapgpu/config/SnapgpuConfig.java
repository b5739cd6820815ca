package io.snapgpu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Everything a SnapGPU deployment sets (env: SNAPGPU_...). Unset parts fall back to embedded defaults. */
@ConfigMapping(prefix = "snapgpu")
public interface SnapgpuConfig {

    /** SNAPGPU_DATA_DIR: where the embedded defaults keep their data (default ~/.snapgpu). */
    Optional<String> dataDir();

    Embedded embedded();

    /** SNAPGPU_MASTER_KEY: base64 of 32 bytes; encrypts stored secrets (generated in the data dir when embedded). */
    Optional<String> masterKey();

    Admin admin();

    interface Admin {
        /** SNAPGPU_ADMIN_API_KEY: an API key for the first admin, for automation (at least 32 characters). */
        Optional<String> apiKey();

        /** SNAPGPU_ADMIN_PASSWORD: the first admin's password; unset = generated and printed once. */
        Optional<String> password();

        /** SNAPGPU_ADMIN_USERNAME. */
        @WithDefault("admin")
        String username();
    }

    Auth auth();

    interface Auth {
        /** Hours a browser login stays valid. */
        @WithDefault("12")
        int sessionHours();

        /** Failed logins allowed per username (and per client address) per minute. */
        @WithDefault("5")
        int loginAttemptsPerMinute();
    }

    S3 s3();

    Restic restic();

    interface Embedded {
        Part postgres();

        Part s3();

        interface Part {
            /** false: never start this embedded part, even when nothing else is configured. */
            @WithDefault("true")
            boolean enabled();

            /** 0: a free port. */
            @WithDefault("0")
            int port();

            /** Set by SnapGPU itself: whether this part is the embedded one. */
            @WithDefault("false")
            boolean active();
        }
    }

    interface S3 {
        /** SNAPGPU_S3_ENDPOINT, e.g. https://ACCOUNT.r2.cloudflarestorage.com; unset = embedded server. */
        String endpoint();

        /** SNAPGPU_S3_REGION ("auto" suits R2). */
        @WithDefault("auto")
        String region();

        /** SNAPGPU_S3_BUCKET. */
        @WithDefault("snapgpu")
        String bucket();

        /** SNAPGPU_S3_ACCESS_KEY_ID. */
        String accessKeyId();

        /** SNAPGPU_S3_SECRET_ACCESS_KEY. */
        String secretAccessKey();

        /** Create the bucket at start when it does not exist (SNAPGPU_S3_CREATE_BUCKET). */
        @WithDefault("true")
        boolean createBucket();
    }

    interface Restic {
        /** SNAPGPU_RESTIC_BINARY: a name on PATH or an absolute path. */
        @WithDefault("restic")
        String binary();

        /** Seconds a short restic command (version, snapshots, stats) may take. */
        @WithDefault("120")
        int commandTimeoutSeconds();
    }
}
