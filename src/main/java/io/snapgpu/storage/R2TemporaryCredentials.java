package io.snapgpu.storage;

import io.snapgpu.config.UtcClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloudflare R2 temporary access credentials: {@code POST /accounts/{account}/r2/temp-access-credentials}
 * with the bucket, the parent access key (the bucket's key, whose id only is sent), a permission, a TTL
 * and the prefixes; the answer's {@code result} holds an access key, its secret and a session token.
 */
final class R2TemporaryCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiToken;
    private final String bucket;
    private final String parentAccessKeyId;

    R2TemporaryCredentials(String apiUrl, String accountId, String apiToken, String bucket, String parentAccessKeyId) {
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.endpoint = URI.create(base + "/accounts/" + accountId + "/r2/temp-access-credentials");
        this.apiToken = apiToken;
        this.bucket = bucket;
        this.parentAccessKeyId = parentAccessKeyId;
    }

    static String permission(StorageAccess access) {
        return access == StorageAccess.READ_ONLY ? "object-read-only" : "object-read-write";
    }

    Uni<ScopedCredentials> issue(String prefix, StorageAccess access, Duration ttl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bucket", bucket);
        body.put("parentAccessKeyId", parentAccessKeyId);
        body.put("permission", permission(access));
        body.put("ttlSeconds", ttl.toSeconds());
        body.put("prefixes", List.of(prefix));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
                    .header("Authorization", "Bearer " + apiToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Instant asked = UtcClock.instant();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> {
                    JsonNode answer = parse(response);
                    JsonNode result = answer.path("result");
                    if (response.statusCode() / 100 != 2 || !answer.path("success").asBoolean(false)
                            || !result.hasNonNull("accessKeyId") || !result.hasNonNull("secretAccessKey")
                            || !result.hasNonNull("sessionToken")) {
                        throw new StorageCredentialsException("Cloudflare refused temporary R2 credentials (HTTP "
                                + response.statusCode() + errors(answer) + ")");
                    }
                    return new ScopedCredentials(CredentialMode.R2_TEMPORARY, result.get("accessKeyId").asText(),
                            result.get("secretAccessKey").asText(), result.get("sessionToken").asText(), prefix, access,
                            asked.plus(ttl));
                })
                .onFailure(e -> !(e instanceof StorageCredentialsException))
                .transform(e -> new StorageCredentialsException("Cloudflare's API did not answer for temporary R2"
                        + " credentials: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage())));
    }

    private static JsonNode parse(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** Cloudflare's own messages (they name what is wrong; they carry no secret). */
    private static String errors(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        answer.path("errors").forEach(e -> messages.add(e.path("message").asText()));
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }
}
