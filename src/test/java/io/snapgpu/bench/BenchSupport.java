package io.snapgpu.bench;

import io.snapgpu.support.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared plumbing of the benchmarks: the packaged app as a process, its REST API, the workspace data. */
final class BenchSupport {
    static final String KEY = "sgk_bench_admin_key_0123456789abcdefghijklmnop";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BenchSupport() {
    }

    static AppProcess startApp(Path dataDir, Map<String, String> extraEnv) throws Exception {
        Files.createDirectories(dataDir);
        var env = new java.util.HashMap<String, String>(Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_ADMIN_API_KEY", KEY, "SNAPGPU_LOCAL_TIME_SCALE", "0.01",
                "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.05S", "QUARKUS_LOG_LEVEL", "WARN"));
        env.putAll(extraEnv);
        return AppProcess.start(dataDir.resolve("app.log"), env).awaitHealthy(Duration.ofSeconds(120));
    }

    static String post(AppProcess app, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(AppProcess app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)\"?").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Polls GET path until field {@code name} is one of {@code done}; returns the last body. */
    static String awaitField(AppProcess app, String path, String name, List<String> done, Duration timeout,
            Duration poll) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String body = get(app, path);
            if (done.contains(field(body, name))) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " not done: " + body);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** A ready machine of the embedded marketplace; returns {id, workspace path}. */
    static String[] readyInstance(AppProcess app, Path dataDir) throws Exception {
        String offers = get(app, "/api/v1/offers?sort=price&limit=500");
        Matcher m = Pattern.compile("\"offer_id\":\"(offer-local-h\\d+)\"").matcher(offers);
        while (m.find()) {
            String offer = m.group(1);
            String hostId = offer.substring("offer-".length());
            var host = io.snapgpu.provider.local.LocalMarket.generate("marketplace", 42, 40).stream()
                    .filter(h -> h.hostId().equals(hostId)).findFirst().orElseThrow();
            if (host.boot().kind() != io.snapgpu.provider.local.BootProfile.Kind.BOOTS || host.boot().baseSeconds() > 30) {
                continue;
            }
            String id;
            try {
                id = field(post(app, "/api/v1/instances", "{\"provider\":\"local\",\"offer_id\":\"" + offer + "\"}"), "id");
            } catch (IllegalStateException rented) {
                continue; // taken by others since the listing (SNAPGPU_LOCAL_OTHERS_SHARE)
            }
            String body = awaitField(app, "/api/v1/instances/" + id, "status", List.of("READY", "FAILED", "DESTROYED"),
                    Duration.ofSeconds(60), Duration.ofMillis(50));
            String machine = field(body, "provider_instance_id");
            return new String[] { id, dataDir.resolve("local-instances").resolve(machine).resolve("root/workspace").toString() };
        }
        throw new IllegalStateException("no fast host offered");
    }

    static Properties s3Credentials(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("s3/credentials.properties"))) {
            p.load(in);
        }
        return p;
    }

    static String s3Endpoint(AppProcess app) throws Exception {
        Matcher m = Pattern.compile("bucket 'snapgpu' at (http://127\\.0\\.0\\.1:\\d+)").matcher(get(app, "/api/v1/system"));
        if (!m.find()) {
            throw new IllegalStateException("no embedded S3 endpoint");
        }
        return m.group(1);
    }

    /**
     * Re-wraps the master key of the restic repository under {@code prefix} in the app's bucket with
     * SnapGPU's light scrypt parameters, as SnapGPU does for its own repositories.
     */
    static void lightenKeys(AppProcess app, Properties s3, String prefix, String password) throws Exception {
        try (var client = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(URI.create(s3Endpoint(app)))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(s3.getProperty("access-key-id"),
                                s3.getProperty("secret-access-key"))))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            for (var o : client.listObjectsV2(b -> b.bucket("snapgpu").prefix(prefix + "/keys/")).contents()) {
                byte[] file = client.getObjectAsBytes(b -> b.bucket("snapgpu").key(o.key())).asByteArray();
                byte[] light = io.snapgpu.restic.ResticKeys.lightened(file, password);
                client.putObject(b -> b.bucket("snapgpu").key(prefix + "/keys/" + io.snapgpu.restic.ResticKeys.id(light)),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(light));
                client.deleteObject(b -> b.bucket("snapgpu").key(o.key()));
            }
        }
    }

    /** One subscription of the app's GraphQL API until it completes; each `next` message to {@code each} as it arrives. */
    static java.util.List<String> subscribe(AppProcess app, String query, java.util.function.Consumer<String> each)
            throws Exception {
        return io.snapgpu.support.GraphQLWs.subscribe(URI.create("http://127.0.0.1:" + app.httpPort + "/graphql"), KEY,
                query, Duration.ofMinutes(30), each);
    }

    /** App settings given as {@code -Dbench.env=K=V,K=V} (e.g. SNAPGPU_RESTORE_PARALLEL_PROCESSES=2), printed. */
    static Map<String, String> settingsFromCommandLine() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String kv : System.getProperty("bench.env", "").split(",")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
            }
        }
        if (!env.isEmpty()) {
            System.out.println("app settings: " + env);
        }
        return env;
    }

    /** A snapshot of the instance through the API, once SUCCEEDED with its restic id; returns {id, restic id}. */
    static String[] snapshot(AppProcess app, String instanceId) throws Exception {
        String id = field(post(app, "/api/v1/snapshots", "{\"instance_id\":\"" + instanceId + "\"}"), "id");
        String s = awaitField(app, "/api/v1/snapshots/" + id, "status", List.of("SUCCEEDED", "FAILED"),
                Duration.ofMinutes(20), Duration.ofMillis(100));
        while (!s.contains("\"restic_id\":\"")) { // the restic id follows the summary
            Thread.sleep(100);
            s = get(app, "/api/v1/snapshots/" + id);
        }
        return new String[] { id, field(s, "restic_id") };
    }

    /** Destroys an instance (the answer is not looked at: tearing down after a figure is taken). */
    static void delete(AppProcess app, String instanceId) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort + "/api/v1/instances/" + instanceId))
                .header("Authorization", "Bearer " + KEY).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The app's settings for an S3 server of the benchmark's own (reached at {@code port}: the server or a throttle). */
    static Map<String, String> s3Settings(int port, io.snapgpu.embedded.EmbeddedS3Server.Endpoint s3) {
        return Map.of("SNAPGPU_S3_ENDPOINT", "http://127.0.0.1:" + port, "SNAPGPU_S3_ACCESS_KEY_ID", s3.accessKeyId(),
                "SNAPGPU_S3_SECRET_ACCESS_KEY", s3.secretAccessKey(), "SNAPGPU_S3_REGION", "us-east-1");
    }

    interface Body {
        void run() throws Exception;
    }

    /** A benchmark's main: its body, and an exit either way (the embedded S3 server's threads would keep the JVM waiting). */
    static void runThenExit(Body body) {
        try {
            body.run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
