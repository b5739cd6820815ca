package io.snapgpu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The image tarball that {@code mvn verify -Pimage} writes (target/snapgpu-image.tar, `docker save`
 * format): it must start the packaged app, with a JRE and restic in it, as a non-root user. Skipped
 * when no image was built (a plain {@code mvn verify} does not build one).
 */
class ContainerImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("snapgpu.image.tar", "target/snapgpu-image.tar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImageRunsTheAppWithAJreAndRestic() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(IMAGE), "no image built (mvn verify -Pimage builds one)");
        Map<String, byte[]> small = new HashMap<>();
        Set<String> files = new HashSet<>();
        List<String> layers = new ArrayList<>();
        try (TarArchiveInputStream outer = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(IMAGE)))) {
            TarArchiveEntry e;
            while ((e = outer.getNextEntry()) != null) {
                if (e.getName().endsWith(".json")) {
                    small.put(e.getName(), outer.readAllBytes());
                } else if (e.isFile()) {
                    layers.add(e.getName());
                    files.addAll(entries(e.getName().endsWith(".gz") ? new GZIPInputStream(outer) : outer));
                }
            }
        }
        JsonNode manifest = JSON.readTree(small.get("manifest.json")).get(0);
        assertEquals(layers.size(), manifest.get("Layers").size());
        JsonNode config = JSON.readTree(small.get(manifest.get("Config").asText())).get("config");

        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertEquals("java", entrypoint.get(0), entrypoint.toString());
        assertEquals("quarkus-run.jar", entrypoint.get(entrypoint.size() - 1), entrypoint.toString());
        String workDir = config.get("WorkingDir").asText().replaceFirst("^/", "");
        assertTrue(files.contains(workDir + "/quarkus-run.jar"), "no quarkus-run.jar in " + workDir);
        assertTrue(files.contains(workDir + "/quarkus/quarkus-application.dat"));
        assertTrue(config.get("ExposedPorts").has("8080/tcp"), config.toString());
        assertEquals("185", config.get("User").asText(), "runs as the base image's non-root user");
        String env = config.get("Env").toString();
        assertTrue(env.contains("SNAPGPU_DATA_DIR=/var/lib/snapgpu"), env);

        // what the entrypoint and SnapGPU run: `java` on PATH, and restic
        assertTrue(files.contains("usr/bin/restic"), "restic is not in the image");
        assertTrue(files.stream().anyMatch(f -> f.matches("usr/lib/jvm/java-17-openjdk-[a-z0-9]+/bin/java")),
                "no Java 17 runtime in the image");
        assertTrue(files.contains("etc/ssl/certs/java/cacerts"), "the JRE has no CA certificates (S3, provider APIs)");
    }

    private static List<String> entries(InputStream layer) throws Exception {
        List<String> names = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(layer); // not closed: it wraps the outer stream
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            names.add(e.getName().replaceFirst("^\\./", "").replaceFirst("/$", ""));
        }
        return names;
    }
}
