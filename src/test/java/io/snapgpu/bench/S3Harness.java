package io.snapgpu.bench;

import io.snapgpu.embedded.EmbeddedS3Server;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * For trying restore variants by hand: the embedded S3 server with the R2-like throttle in front of
 * it, a generated workspace, and the endpoint written to DIR/endpoint.env. The throttle is on while
 * DIR/throttle exists, with DIR/mbps MB/s per connection (25 without it). DIR/downloaded holds the bytes
 * that have crossed the link towards its clients so far (rewritten every 100 ms), for counting what a run fetched.
 *
 *   ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.snapgpu.bench.S3Harness -Dexec.args="DIR GB"
 */
public final class S3Harness {
    private S3Harness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        double gb = Double.parseDouble(args[1]);
        Path ws = dir.resolve("workspace");
        if (!Files.exists(ws)) {
            long bytes = RestoreBenchmark.generate(ws, (long) (gb * 1e9), new Random(3));
            System.out.printf("workspace: %.2f GB%n", bytes / 1e9);
        }
        EmbeddedS3Server.Endpoint s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        ThrottleProxy link = new ThrottleProxy(URI.create(s3.url()).getPort(), 30, 25L * 1024 * 1024);
        Files.writeString(dir.resolve("endpoint.env"), "export PROXY=" + link.port() + " DIRECT="
                + URI.create(s3.url()).getPort() + " AWS_ACCESS_KEY_ID=" + s3.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                + s3.secretAccessKey() + "\n");
        System.out.println("ready");
        while (true) {
            link.throttled = Files.exists(dir.resolve("throttle"));
            Path bw = dir.resolve("mbps");
            link.bytesPerSecond = (Files.exists(bw) ? Long.parseLong(Files.readString(bw).strip()) : 25) * 1024 * 1024;
            Path count = dir.resolve("downloaded.tmp");
            Files.writeString(count, link.downloaded.get() + "\n");
            Files.move(count, dir.resolve("downloaded"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(100);
        }
    }
}
