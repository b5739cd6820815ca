package io.snapgpu.embedded;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Connection settings of the embedded parts, computed (and the parts started) on first read. */
final class EmbeddedDefaultsConfigSource implements ConfigSource {
    private static final Set<String> POSTGRES_KEYS = Set.of(
            "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url");
    private static final Set<String> S3_KEYS = Set.of(
            "snapgpu.s3.endpoint", "snapgpu.s3.access-key-id", "snapgpu.s3.secret-access-key");

    private final boolean postgres;
    private final boolean s3;
    private final Path dataDir;
    private final int pgPort;
    private final int s3Port;
    private final Set<String> names = new HashSet<>();
    private CompletableFuture<EmbeddedS3Server.Endpoint> s3Start;

    EmbeddedDefaultsConfigSource(boolean postgres, boolean s3, Path dataDir, int pgPort, int s3Port) {
        this.postgres = postgres;
        this.s3 = s3;
        this.dataDir = dataDir;
        this.pgPort = pgPort;
        this.s3Port = s3Port;
        // Only the flags are listed. The connection settings are answered when asked for by name but
        // never listed: Quarkus' build reads every listed property, and listing them would start the
        // embedded servers during the build.
        names.add("snapgpu.embedded.postgres.active");
        names.add("snapgpu.embedded.s3.active");
    }

    @Override
    public Set<String> getPropertyNames() {
        return names;
    }

    @Override
    public String getValue(String name) {
        switch (name) {
            case "snapgpu.embedded.postgres.active":
                return Boolean.toString(postgres);
            case "snapgpu.embedded.s3.active":
                return Boolean.toString(s3);
            default:
                break;
        }
        if (postgres && POSTGRES_KEYS.contains(name)) {
            if (s3) {
                s3(); // the S3 server starts beside PostgreSQL (both take a good part of a second): asked for next
            }
            EmbeddedPostgresServer.Endpoint pg = EmbeddedPostgresServer.start(dataDir, pgPort);
            return name.equals("quarkus.datasource.jdbc.url") ? pg.jdbcUrl() : pg.reactiveUrl();
        }
        if (s3 && S3_KEYS.contains(name)) {
            EmbeddedS3Server.Endpoint endpoint = join(s3());
            return switch (name) {
                case "snapgpu.s3.endpoint" -> endpoint.url();
                case "snapgpu.s3.access-key-id" -> endpoint.accessKeyId();
                default -> endpoint.secretAccessKey();
            };
        }
        return null;
    }

    /** The S3 server's start, begun on a thread of its own the first time either part is asked for. */
    private synchronized CompletableFuture<EmbeddedS3Server.Endpoint> s3() {
        if (s3Start == null) {
            s3Start = new CompletableFuture<>();
            Thread starter = new Thread(() -> {
                try {
                    s3Start.complete(EmbeddedS3Server.start(dataDir, s3Port));
                } catch (RuntimeException | Error e) {
                    s3Start.completeExceptionally(e);
                }
            }, "snapgpu-s3-start");
            starter.setDaemon(true);
            starter.start();
        }
        return s3Start;
    }

    private static EmbeddedS3Server.Endpoint join(CompletableFuture<EmbeddedS3Server.Endpoint> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public String getName() {
        return "SnapGPU embedded defaults";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
