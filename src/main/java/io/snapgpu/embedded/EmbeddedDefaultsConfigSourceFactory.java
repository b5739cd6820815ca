package io.snapgpu.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides, from what is configured, which embedded parts SnapGPU runs: PostgreSQL when no datasource
 * URL is set, the S3 server when no S3 endpoint is set. The parts start lazily, the first time the
 * runtime asks for their connection settings, so building the application never starts them.
 */
public class EmbeddedDefaultsConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean postgres = isUnset(context, "quarkus.datasource.reactive.url")
                && isUnset(context, "quarkus.datasource.jdbc.url")
                && !"false".equals(value(context, "snapgpu.embedded.postgres.enabled"));
        boolean s3 = isUnset(context, "snapgpu.s3.endpoint")
                && !"false".equals(value(context, "snapgpu.embedded.s3.enabled"));
        Path dataDir = DataDirectory.resolve(value(context, DataDirectory.PROPERTY));
        int pgPort = intValue(context, "snapgpu.embedded.postgres.port");
        int s3Port = intValue(context, "snapgpu.embedded.s3.port");
        return List.of(new EmbeddedDefaultsConfigSource(postgres, s3, dataDir, pgPort, s3Port));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    private static boolean isUnset(ConfigSourceContext context, String name) {
        String v = value(context, name);
        return v == null || v.isBlank();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null ? null : v.getValue();
    }

    private static int intValue(ConfigSourceContext context, String name) {
        String v = value(context, name);
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.trim());
    }
}
