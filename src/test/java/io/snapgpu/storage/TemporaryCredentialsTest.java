package io.snapgpu.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapgpu.restic.ResticRepository;
import io.snapgpu.support.FakeR2;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two back ends of scoped credentials against a local R2 (Cloudflare's API and an S3 endpoint that
 * enforces what it issued) and a local STS, with the real restic: the request each sends, and that the
 * credentials they return do what their scope says and no more.
 */
class TemporaryCredentialsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "feedfacefeedfacefeedfacefeedface";
    static final String TOKEN = "cf-token-for-the-credentials-test";
    static FakeR2 r2;

    @BeforeAll
    static void start() {
        r2 = FakeR2.start(ACCOUNT, TOKEN);
    }

    @AfterAll
    static void stop() {
        r2.close();
    }

    private static ResticRepository repo(String prefix) {
        return new ResticRepository("s3:" + r2.url() + "/snapgpu/" + prefix, "repo-password-1", r2.parentKeyId(),
                r2.parentSecret(), "us-east-1");
    }

    /** Runs the control plane's restic with {@code repo}'s environment only; its exit status. */
    private static int restic(ResticRepository repo, Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("restic"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("RESTIC_"));
        pb.environment().putAll(repo.environment());
        pb.environment().put("RESTIC_CACHE_DIR", dir.resolve(".cache").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("restic " + String.join(" ", args) + " -> " + rc + ": " + out);
        }
        return rc;
    }

    private static software.amazon.awssdk.services.s3.S3Client s3(software.amazon.awssdk.auth.credentials.AwsCredentials c) {
        return software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(URI.create(r2.url()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(c)).build();
    }

    /** The S3 status of a PUT under {@code key} with credentials {@code c} (200 when it was written). */
    private static int put(ScopedCredentials c, String key) {
        try (var s3 = s3(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(),
                c.secretAccessKey(), c.sessionToken()))) {
            s3.putObject(b -> b.bucket("snapgpu").key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            return 200;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return e.statusCode();
        }
    }

    private static void createBucket() throws Exception {
        var s3 = s3(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(r2.parentKeyId(), r2.parentSecret()));
        try {
            s3.createBucket(b -> b.bucket("snapgpu"));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    private static List<JsonNode> apiRequests() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(r2.url()
                + "/__fake/api-requests")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    @Test
    void r2TemporaryCredentialsAreAskedForExactlyAndHoldToTheirScope() throws Exception {
        createBucket();
        Path dir = Files.createTempDirectory("snapgpu-r2-creds");
        Files.writeString(dir.resolve("a.txt"), "alpha\n");
        String prefix = "tenants/t-1/restic";
        assertEquals(0, restic(repo(prefix), dir, "init"), "the control plane initialises with the bucket key");
        restic(repo("tenants/t-2/restic"), dir, "init");

        R2TemporaryCredentials api = new R2TemporaryCredentials(r2.apiUrl(), ACCOUNT, TOKEN, "snapgpu", r2.parentKeyId());
        int before = apiRequests().size();
        ScopedCredentials rw = api.issue(prefix + "/", StorageAccess.READ_WRITE, Duration.ofMinutes(20)).await().indefinitely();
        ScopedCredentials ro = api.issue(prefix + "/", StorageAccess.READ_ONLY, Duration.ofMinutes(15)).await().indefinitely();
        List<JsonNode> asked = apiRequests().subList(before, before + 2);
        assertEquals(Map.of("bucket", "snapgpu", "parentAccessKeyId", r2.parentKeyId(), "permission", "object-read-write",
                "ttlSeconds", 1200, "prefixes", List.of(prefix + "/")), JSON.convertValue(asked.get(0).get("body"), Map.class));
        assertEquals("object-read-only", asked.get(1).path("body").path("permission").asText());
        assertEquals(900, asked.get(1).path("body").path("ttlSeconds").asInt());
        assertNotEquals(r2.parentKeyId(), rw.accessKeyId());
        assertTrue(rw.sessionToken() != null && rw.expiresAt() != null, rw.toString());

        ResticRepository writing = repo(prefix).withCredentials(rw.accessKeyId(), rw.secretAccessKey(), rw.sessionToken());
        ResticRepository reading = repo(prefix).withCredentials(ro.accessKeyId(), ro.secretAccessKey(), ro.sessionToken());
        assertEquals(0, restic(writing, dir, "backup", "--host", "h", "a.txt"), "read-write backs up");
        assertEquals(0, restic(reading, dir, "--no-lock", "snapshots"), "read-only lists without a lock");
        Path target = dir.resolve("restored");
        assertEquals(0, restic(reading, dir, "--no-lock", "restore", "latest", "--target", target.toString()),
                "read-only restores without a lock");
        assertEquals("alpha\n", Files.readString(target.resolve("a.txt")));
        assertEquals(403, put(ro, prefix + "/locks/x"), "read-only cannot write");
        assertEquals(200, put(rw, prefix + "/locks/x"), "read-write can");
        assertEquals(403, put(rw, "tenants/t-2/restic/locks/x"), "not outside its prefix");
        assertNotEquals(0, restic(repo("tenants/t-2/restic").withCredentials(rw.accessKeyId(), rw.secretAccessKey(),
                rw.sessionToken()), dir, "--no-lock", "snapshots"), "another tenant's prefix is out of scope");
        assertNotEquals(0, restic(repo(prefix).withCredentials(rw.accessKeyId(), rw.secretAccessKey(), null), dir,
                "--no-lock", "snapshots"), "without the session token the key is refused");
        assertNotEquals(0, restic(repo(prefix).withCredentials(rw.accessKeyId(), "not-the-secret", rw.sessionToken()), dir,
                "--no-lock", "snapshots"), "a wrong secret fails the signature");
    }

    @Test
    void aPresignedLinkOfTheBucketKeyFetchesAnObject() throws Exception {
        createBucket();
        var s3 = s3(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(r2.parentKeyId(), r2.parentSecret()));
        byte[] blob = new byte[2_000_000];
        new java.util.Random(3).nextBytes(blob);
        s3.putObject(b -> b.bucket("snapgpu").key("tools/restic/abc"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(blob));
        try (var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                .endpointOverride(URI.create(r2.url())).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(r2.parentKeyId(), r2.parentSecret())))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            String link = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("snapgpu").key("tools/restic/abc"))).url().toString();
            Process curl = new ProcessBuilder("curl", "-fsS", "--max-time", "30", link).start();
            byte[] got = curl.getInputStream().readAllBytes();
            assertEquals(0, curl.waitFor(), new String(curl.getErrorStream().readAllBytes()));
            assertTrue(java.util.Arrays.equals(blob, got), "the object came through whole: " + got.length + " bytes");
        }
    }

    @Test
    void aRefusedTokenSaysWhatCloudflareSaid() {
        R2TemporaryCredentials api = new R2TemporaryCredentials(r2.apiUrl(), ACCOUNT, "wrong-token", "snapgpu", r2.parentKeyId());
        var e = org.junit.jupiter.api.Assertions.assertThrows(StorageCredentialsException.class,
                () -> api.issue("tenants/x/restic/", StorageAccess.READ_ONLY, Duration.ofMinutes(15)).await().indefinitely());
        assertTrue(e.getMessage().contains("Authentication error") && e.getMessage().contains("403"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong-token"), "the token is not in the message");
    }

    @Test
    void stsAssumeRoleCarriesASessionPolicyScopedToThePrefix() throws Exception {
        createBucket();
        Path dir = Files.createTempDirectory("snapgpu-sts-creds");
        Files.writeString(dir.resolve("b.txt"), "beta\n");
        String prefix = "tenants/t-3/restic";
        restic(repo(prefix), dir, "init");
        try (StsCredentials sts = new StsCredentials(Optional.of(r2.stsUrl()), "us-east-1",
                "arn:aws:iam::123456789012:role/snapgpu-machines", "snapgpu", r2.parentKeyId(), r2.parentSecret())) {
            int before = apiRequests().size();
            ScopedCredentials ro = sts.issue(prefix + "/", StorageAccess.READ_ONLY, Duration.ofMinutes(15), "snapgpu-restore-1")
                    .await().indefinitely();
            JsonNode form = apiRequests().get(before).path("form");
            assertEquals("AssumeRole", form.path("Action").asText());
            assertEquals("arn:aws:iam::123456789012:role/snapgpu-machines", form.path("RoleArn").asText());
            assertEquals("900", form.path("DurationSeconds").asText());
            assertEquals("parent", apiRequests().get(before).path("signedBy").asText(), "signed with the bucket's key");
            JsonNode policy = JSON.readTree(form.path("Policy").asText());
            List<String> resources = new ArrayList<>();
            List<String> actions = new ArrayList<>();
            policy.path("Statement").forEach(st -> {
                st.path("Resource").forEach(r -> resources.add(r.asText()));
                st.path("Action").forEach(a -> actions.add(a.asText()));
                st.path("Condition").path("StringLike").path("s3:prefix").forEach(p -> assertEquals(prefix + "/*", p.asText()));
            });
            assertTrue(resources.contains("arn:aws:s3:::snapgpu/" + prefix + "/*"), resources.toString());
            assertTrue(resources.stream().allMatch(r -> r.equals("arn:aws:s3:::snapgpu") || r.startsWith("arn:aws:s3:::snapgpu/" + prefix + "/")),
                    "nothing outside the prefix: " + resources);
            assertTrue(!actions.contains("s3:PutObject") && !actions.contains("s3:DeleteObject"), "read-only: " + actions);

            ScopedCredentials rw = sts.issue(prefix + "/", StorageAccess.READ_WRITE, Duration.ofMinutes(30), "snapgpu-backup-1")
                    .await().indefinitely();
            assertTrue(JSON.readTree(apiRequests().get(before + 1).path("form").path("Policy").asText()).toString()
                    .contains("s3:PutObject"));
            assertEquals(0, restic(repo(prefix).withCredentials(rw.accessKeyId(), rw.secretAccessKey(), rw.sessionToken()),
                    dir, "backup", "--host", "h", "b.txt"), "STS read-write backs up");
            assertEquals(403, put(ro, prefix + "/locks/y"), "STS read-only cannot write");
        }
    }
}
