package io.snapgpu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Cloudflare R2 as SnapGPU meets it, on this computer: the Cloudflare API's temporary-credentials
 * endpoint ({@code POST /client/v4/accounts/{account}/r2/temp-access-credentials}, Bearer token,
 * R2's request and answer shapes) and an S3 endpoint that honours what it issued the way R2 does:
 * a temporary key works only with its session token ({@code X-Amz-Security-Token}), only until it
 * expires, only under its prefixes, and only for reading when it is read-only. Signatures (seed and
 * chunk signatures too) are checked by s3proxy behind it, with each key's own secret. Also AWS STS
 * {@code AssumeRole} (Query API, XML) under {@code /sts}, whose session policy becomes the scope.
 *
 * <p>State is read over HTTP ({@code GET /__fake/api-requests}, {@code GET /__fake/s3-requests}), so
 * tests and the profile that started it need not share a class loader.
 */
public final class FakeR2 implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "expect", "proxy-connection");

    record Grant(String keyId, String secret, String token, String bucket, List<String> prefixes, boolean readOnly,
            Instant expiresAt) {
    }

    private final String account;
    private final String apiToken;
    private final String parentKeyId = "R2PARENT" + hex(8).toUpperCase(Locale.ROOT);
    private final String parentSecret = hex(24);
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<ObjectNode> apiRequests = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> s3Requests = new CopyOnWriteArrayList<>();
    private final S3Proxy backing;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer front;
    private final HttpClient client;

    private FakeR2(String account, String apiToken, Path dir) throws Exception {
        this.account = account;
        this.apiToken = apiToken;
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("blobs")).toString());
        BlobStore store = BlobStores.create("filesystem", props);
        backing = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, parentKeyId, parentSecret)
                .ignoreUnknownHeaders(true).build();
        backing.setBlobStoreLocator((identity, container, blob) -> {
            if (parentKeyId.equals(identity)) {
                return new AccessGrant(parentSecret, store);
            }
            Grant g = grants.get(identity);
            return g == null ? null : new AccessGrant(g.secret(), store);
        });
        backing.start();
        while (!"STARTED".equals(backing.getState())) {
            Thread.sleep(5);
        }
        client = vertx.createHttpClient();
        front = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHandle100ContinueAutomatically(true)).requestHandler(this::handle);
        front.listen().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    public static FakeR2 start(String account, String apiToken) {
        try {
            return new FakeR2(account, apiToken, Files.createTempDirectory("snapgpu-fake-r2"));
        } catch (Exception e) {
            throw new IllegalStateException("the fake R2 did not start: " + e, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + front.actualPort();
    }

    public String apiUrl() {
        return url() + "/client/v4";
    }

    public String stsUrl() {
        return url() + "/sts";
    }

    public String parentKeyId() {
        return parentKeyId;
    }

    public String parentSecret() {
        return parentSecret;
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.startsWith("/client/v4/")) {
            req.body().onSuccess(body -> cloudflare(req, body));
        } else if (path.startsWith("/sts") || (req.method().name().equals("POST") && String.valueOf(
                req.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded"))) {
            req.body().onSuccess(body -> sts(req, body));
        } else if (path.equals("/__fake/api-requests")) {
            req.response().putHeader("Content-Type", "application/json").end(JSON.valueToTree(apiRequests).toString());
        } else if (path.equals("/__fake/s3-requests")) {
            req.response().putHeader("Content-Type", "application/json").end(JSON.valueToTree(s3Requests).toString());
        } else {
            s3(req);
        }
    }

    // --- Cloudflare's API ---------------------------------------------------------------------------------

    private void cloudflare(HttpServerRequest req, Buffer body) {
        ObjectNode recorded = JSON.createObjectNode().put("method", req.method().name()).put("path", req.path())
                .put("authorization", req.getHeader("Authorization") == null ? "" : "present");
        String expectedPath = "/client/v4/accounts/" + account + "/r2/temp-access-credentials";
        if (!("Bearer " + apiToken).equals(req.getHeader("Authorization"))) {
            recorded.put("outcome", "unauthenticated");
            apiRequests.add(recorded);
            cloudflareError(req, 403, 10000, "Authentication error");
            return;
        }
        JsonNode asked;
        try {
            asked = JSON.readTree(body.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            cloudflareError(req, 400, 10001, "invalid JSON");
            return;
        }
        recorded.set("body", asked);
        apiRequests.add(recorded);
        String permission = asked.path("permission").asText();
        long ttl = asked.path("ttlSeconds").asLong(-1);
        if (!req.method().name().equals("POST") || !req.path().equals(expectedPath)) {
            cloudflareError(req, 404, 7003, "no route for that URI");
        } else if (!parentKeyId.equals(asked.path("parentAccessKeyId").asText())) {
            cloudflareError(req, 400, 10042, "parentAccessKeyId is not a key of this account");
        } else if (!List.of("admin-read-write", "admin-read-only", "object-read-write", "object-read-only")
                .contains(permission)) {
            cloudflareError(req, 400, 10043, "permission must be one of admin-read-write, admin-read-only,"
                    + " object-read-write, object-read-only");
        } else if (ttl <= 0 || ttl > 604800) {
            cloudflareError(req, 400, 10044, "ttlSeconds must be between 1 and 604800");
        } else {
            List<String> prefixes = new java.util.ArrayList<>();
            asked.path("prefixes").forEach(p -> prefixes.add(p.asText()));
            Grant g = new Grant("R2TMP" + hex(12).toUpperCase(Locale.ROOT), hex(32), "r2st." + hex(48),
                    asked.path("bucket").asText(), List.copyOf(prefixes), permission.endsWith("read-only"),
                    Instant.now().plusSeconds(ttl));
            grants.put(g.keyId(), g);
            TestAuth.remember(g.secret());
            TestAuth.remember(g.token());
            ObjectNode result = JSON.createObjectNode().put("accessKeyId", g.keyId())
                    .put("secretAccessKey", g.secret()).put("sessionToken", g.token());
            ObjectNode answer = JSON.createObjectNode();
            answer.set("result", result);
            answer.set("errors", JSON.createArrayNode());
            answer.set("messages", JSON.createArrayNode());
            answer.put("success", true);
            req.response().putHeader("Content-Type", "application/json").end(answer.toString());
        }
    }

    private static void cloudflareError(HttpServerRequest req, int status, int code, String message) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode errors = answer.putArray("errors");
        errors.addObject().put("code", code).put("message", message);
        answer.putArray("messages");
        answer.putNull("result");
        answer.put("success", false);
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(answer.toString());
    }

    // --- AWS STS (Query API) ------------------------------------------------------------------------------

    private void sts(HttpServerRequest req, Buffer body) {
        Map<String, String> form = new java.util.TreeMap<>();
        for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String auth = req.getHeader("Authorization");
        ObjectNode recorded = JSON.createObjectNode().put("method", req.method().name()).put("path", req.path())
                .put("signedBy", auth != null && auth.contains("Credential=" + parentKeyId + "/") ? "parent" : "other");
        recorded.set("form", JSON.valueToTree(form));
        apiRequests.add(recorded);
        if (!"AssumeRole".equals(form.get("Action")) || auth == null || !auth.contains("Credential=" + parentKeyId + "/")) {
            req.response().setStatusCode(403).putHeader("Content-Type", "text/xml").end("<ErrorResponse><Error>"
                    + "<Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>");
            return;
        }
        JsonNode policy;
        try {
            policy = JSON.readTree(form.getOrDefault("Policy", "{}"));
        } catch (Exception e) {
            policy = JSON.createObjectNode();
        }
        String bucket = null;
        List<String> prefixes = new java.util.ArrayList<>();
        boolean writes = false;
        for (JsonNode st : policy.path("Statement")) {
            for (JsonNode action : st.path("Action")) {
                writes |= action.asText().equals("s3:PutObject");
            }
            for (JsonNode r : st.path("Resource")) {
                String arn = r.asText();
                if (arn.startsWith("arn:aws:s3:::") && arn.contains("/") && arn.endsWith("*")) {
                    String rest = arn.substring("arn:aws:s3:::".length());
                    bucket = rest.substring(0, rest.indexOf('/'));
                    prefixes.add(rest.substring(rest.indexOf('/') + 1, rest.length() - 1));
                }
            }
        }
        long duration = Long.parseLong(form.getOrDefault("DurationSeconds", "3600"));
        Grant g = new Grant("ASIA" + hex(8).toUpperCase(Locale.ROOT), hex(20), "sts." + hex(40), bucket,
                List.copyOf(prefixes), !writes, Instant.now().plusSeconds(duration));
        grants.put(g.keyId(), g);
        TestAuth.remember(g.secret());
        TestAuth.remember(g.token());
        req.response().putHeader("Content-Type", "text/xml").end("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials><AccessKeyId>" + g.keyId() + "</AccessKeyId><SecretAccessKey>"
                + g.secret() + "</SecretAccessKey><SessionToken>" + g.token() + "</SessionToken><Expiration>"
                + g.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAFAKE:" + form.get("RoleSessionName") + "</AssumedRoleId><Arn>"
                + form.get("RoleArn") + "/" + form.get("RoleSessionName") + "</Arn></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>" + hex(8) + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>");
    }

    // --- the S3 endpoint ----------------------------------------------------------------------------------

    private void s3(HttpServerRequest req) {
        String keyId = keyId(req);
        String token = req.getHeader("x-amz-security-token") != null ? req.getHeader("x-amz-security-token")
                : req.getParam("X-Amz-Security-Token");
        ObjectNode recorded = JSON.createObjectNode().put("method", req.method().name()).put("path", req.path())
                .put("key", keyId == null ? "" : parentKeyId.equals(keyId) ? "parent" : keyId);
        String denial = denial(req, keyId, token);
        recorded.put("denied", denial == null ? "" : denial);
        s3Requests.add(recorded);
        if (denial != null) {
            req.response().setStatusCode(403).putHeader("Content-Type", "application/xml")
                    .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + denial + "</Code><Message>" + denial
                            + "</Message></Error>");
            return;
        }
        req.pause();
        String host = req.getHeader("Host");
        RequestOptions options = new RequestOptions().setMethod(req.method()).setURI(req.uri())
                .setServer(SocketAddress.inetSocketAddress(backing.getPort(), "127.0.0.1"));
        client.request(options).onFailure(e -> req.response().setStatusCode(502).end()).onSuccess(out -> {
            req.headers().forEach(h -> {
                if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT)) && !h.getKey().equalsIgnoreCase("host")) {
                    out.headers().add(h.getKey(), h.getValue());
                }
            });
            out.authority(io.vertx.core.net.HostAndPort.parseAuthority(host, 80));
            if (req.getHeader("Content-Length") == null && req.getHeader("Transfer-Encoding") != null) {
                out.setChunked(true);
            }
            out.send(req).onFailure(e -> {
                if (!req.response().ended()) {
                    req.response().setStatusCode(502).end();
                }
            }).onSuccess(in -> {
                var resp = req.response().setStatusCode(in.statusCode());
                in.headers().forEach(h -> {
                    if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                        resp.headers().add(h.getKey(), h.getValue());
                    }
                });
                if (in.getHeader("Content-Length") == null) {
                    resp.setChunked(true);
                }
                in.pipeTo(resp);
            });
        });
    }

    private static String keyId(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        String credential = null;
        if (auth != null && auth.contains("Credential=")) {
            credential = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
        } else if (req.getParam("X-Amz-Credential") != null) {
            credential = req.getParam("X-Amz-Credential");
        }
        if (credential == null) {
            return null;
        }
        int slash = credential.indexOf('/');
        return slash < 0 ? credential : credential.substring(0, slash);
    }

    /** Why R2 would refuse this request, or null when it would serve it. */
    private String denial(HttpServerRequest req, String keyId, String token) {
        if (keyId == null) {
            return "AccessDenied";
        }
        if (parentKeyId.equals(keyId)) {
            return null;
        }
        Grant g = grants.get(keyId);
        if (g == null) {
            return "InvalidAccessKeyId";
        }
        if (token == null || !token.equals(g.token())) {
            return "InvalidToken";
        }
        if (Instant.now().isAfter(g.expiresAt())) {
            return "ExpiredToken";
        }
        String method = req.method().name();
        if (g.readOnly() && !method.equals("GET") && !method.equals("HEAD")) {
            return "AccessDenied";
        }
        String path = req.path().startsWith("/") ? req.path().substring(1) : req.path();
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
        if (!bucket.equals(g.bucket())) {
            return "AccessDenied";
        }
        if (key.isEmpty()) { // a bucket request: its location, or a listing under the prefix
            if (req.params().contains("location")) {
                return null;
            }
            String prefix = req.getParam("prefix") == null ? "" : req.getParam("prefix");
            return method.equals("GET") && g.prefixes().stream().anyMatch(prefix::startsWith) ? null : "AccessDenied";
        }
        return g.prefixes().stream().anyMatch(key::startsWith) ? null : "AccessDenied";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        try {
            backing.stop();
        } catch (Exception ignored) {
            // going away
        }
        vertx.close();
    }
}
