package io.snapgpu.support;

import io.snapgpu.embedded.EmbeddedPostgresServer;
import io.snapgpu.embedded.EmbeddedS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What several SnapGPU replicas share, started in this JVM: one PostgreSQL, one S3 server, one
 * master key, one admin API key and one local marketplace directory. {@link #env()} is the
 * environment of a replica; each adds its own data directory.
 */
public final class SharedServices {
    public final String jdbcUrl;
    public final Path marketplace;
    private final Map<String, String> env;

    private SharedServices(String jdbcUrl, Path marketplace, Map<String, String> env) {
        this.jdbcUrl = jdbcUrl;
        this.marketplace = marketplace;
        this.env = env;
    }

    /** Starts them under {@code root} (they stop with this JVM). */
    public static SharedServices start(Path root, String adminKey) {
        Path services = root.resolve("shared");
        EmbeddedPostgresServer.Endpoint pg = EmbeddedPostgresServer.start(services, 0);
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(services, 0);
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        Path marketplace = root.resolve("marketplace");
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(),
                "SNAPGPU_S3_ENDPOINT", s3.url(),
                "SNAPGPU_S3_ACCESS_KEY_ID", s3.accessKeyId(),
                "SNAPGPU_S3_SECRET_ACCESS_KEY", s3.secretAccessKey(),
                "SNAPGPU_MASTER_KEY", Base64.getEncoder().encodeToString(master),
                "SNAPGPU_ADMIN_API_KEY", adminKey,
                "SNAPGPU_LOCAL_SANDBOX_DIR", marketplace.toString()));
        return new SharedServices(pg.jdbcUrl(), marketplace, env);
    }

    public Map<String, String> env() {
        return new HashMap<>(env);
    }

    /** The machines alive at the local marketplace (their sandbox directories). */
    public static Set<String> machinesIn(Path marketplace) throws IOException {
        if (!Files.isDirectory(marketplace)) {
            return Set.of();
        }
        try (var s = Files.list(marketplace)) {
            return s.filter(p -> Files.exists(p.resolve("instance.properties"))).map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }
}
