package io.snapgpu.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.jboss.logging.Logger;

/**
 * The zero-configuration object store: s3proxy in this JVM, backed by files under the data
 * directory, listening on loopback, with credentials generated once and kept beside the data.
 */
public final class EmbeddedS3Server {
    private static final Logger LOG = Logger.getLogger(EmbeddedS3Server.class);
    private static final String ENDPOINT_PROPERTY = "io.snapgpu.embedded.s3.endpoint@";

    private EmbeddedS3Server() {
    }

    public record Endpoint(String url, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Endpoint[" + url + "]";
        }
    }

    public static synchronized Endpoint start(Path dataDir, int requestedPort) {
        DataDirectory.ensure(dataDir);
        Path s3Dir = dataDir.resolve("s3");
        Properties credentials = credentials(s3Dir.resolve("credentials.properties"));
        String access = credentials.getProperty("access-key-id");
        String secret = credentials.getProperty("secret-access-key");
        String key = ENDPOINT_PROPERTY + dataDir;
        String known = System.getProperty(key);
        if (known != null) {
            return new Endpoint(known, access, secret);
        }
        DataDirectoryLock.acquire(dataDir);
        long started = System.nanoTime();
        try {
            Path blobs = Files.createDirectories(s3Dir.resolve("blobs"));
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", blobs.toString());
            int port = requestedPort > 0 ? requestedPort : freePort();
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", props))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IOException("s3proxy failed to start on port " + port);
                }
                Thread.sleep(5);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is going away anyway
                }
            }, "snapgpu-s3-stop"));
            String url = "http://127.0.0.1:" + proxy.getPort();
            LOG.infof("Embedded S3 server ready on %s (data in %s) in %d ms", url, blobs,
                    (System.nanoTime() - started) / 1_000_000);
            System.setProperty(key, url);
            return new Endpoint(url, access, secret);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedFailure("Interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new EmbeddedFailure("The embedded S3 server did not start in " + s3Dir + ": " + e.getMessage()
                    + ". Or point SnapGPU at your own bucket with SNAPGPU_S3_ENDPOINT, SNAPGPU_S3_BUCKET,"
                    + " SNAPGPU_S3_ACCESS_KEY_ID and SNAPGPU_S3_SECRET_ACCESS_KEY.", e);
        }
    }

    /** Generated on first start, then read back: restic repositories in the bucket outlive restarts. */
    private static Properties credentials(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                if (p.getProperty("access-key-id") != null && p.getProperty("secret-access-key") != null) {
                    return p;
                }
            }
            Files.createDirectories(file.getParent());
            SecureRandom random = new SecureRandom();
            p.setProperty("access-key-id", "SNAPGPU" + hex(random, 8).toUpperCase());
            p.setProperty("secret-access-key", hex(random, 24));
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                p.store(out, "Embedded S3 server credentials (generated by SnapGPU)");
            }
            return p;
        } catch (IOException e) {
            throw new EmbeddedFailure("Cannot read or write the embedded S3 credentials " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
