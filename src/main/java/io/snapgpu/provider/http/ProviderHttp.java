package io.snapgpu.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.ProviderException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One provider's HTTP API over the JDK's non-blocking client. The API key goes into the
 * Authorization header and nowhere else: not into URLs (some tools log those), and every body or
 * error text that reaches a message is redacted first, in case a server echoes the header back.
 * Answers of any status come back as {@link HttpAnswer}, because what a status means depends on
 * the call (404 on a destroy is success); {@link #failure} gives the usual reading.
 */
public final class ProviderHttp {
    private static final int SNIPPET_CHARS = 300;
    private static final String REDACTED = "[redacted]";

    private final String provider;
    private final String baseUrl;
    private final String apiKey;
    private final HttpClient client;
    private final ObjectMapper json;

    public ProviderHttp(String provider, String baseUrl, Optional<String> apiKey, Duration connectTimeout, ObjectMapper json) {
        this.provider = provider;
        this.baseUrl = stripTrailingSlash(URI.create(baseUrl.trim()).toString());
        this.apiKey = apiKey.map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
        this.json = json;
        // HTTP/1.1: no h2c upgrade dance with plain-http test servers and proxies
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    public String provider() {
        return provider;
    }

    /** Sends {@code body} (null for none) as JSON to base URL + {@code path}; fails only when no answer came. */
    public Uni<HttpAnswer> send(String method, String path, JsonNode body, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            if (apiKey == null) {
                return Uni.createFrom().failure(ProviderCallException.answered(provider, Kind.UNAUTHORIZED,
                        "no API key configured (set SNAPGPU_" + provider.toUpperCase() + "_API_KEY)", 0, null, false));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "snapgpu")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(write(body)))
                    .build();
            String what = method + " " + path;
            return exchange(request)
                    // the client's own timeout stops waiting for headers only; this bounds the body too
                    .ifNoItem().after(timeout).failWith(() -> timedOut(what, timeout, null))
                    .onFailure(e -> !(e instanceof ProviderCallException))
                    .transform(e -> transportFailure(what, timeout, e))
                    .map(response -> new HttpAnswer(response.statusCode(), redact(response.body()),
                            RetryBackoff.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null))));
        });
    }

    /**
     * The exchange as a Uni. Cancelling it (our timeout) aborts the exchange, and a result that arrives
     * afterwards (the client's own timeout firing a moment later) is ignored rather than reported by
     * Mutiny as a dropped exception.
     */
    private Uni<HttpResponse<String>> exchange(HttpRequest request) {
        return Uni.createFrom().emitter(emitter -> {
            CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            emitter.onTermination(() -> future.cancel(true));
            // after cancellation the emitter ignores these quietly
            future.whenComplete((response, failure) -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(response);
                }
            });
        });
    }

    /** The usual reading of a non-2xx answer: 401/403 refused key, 429 rate limit, 5xx backend, other 4xx bad request. */
    public ProviderCallException failure(String what, HttpAnswer answer) {
        int status = answer.status();
        String detail = what + " failed: HTTP " + status + snippet(answer.body());
        if (status == 401 || status == 403) {
            return ProviderCallException.answered(provider, Kind.UNAUTHORIZED,
                    what + " failed: HTTP " + status + ", the API key was refused", status, null, false);
        }
        if (status == 429) {
            // a rate-limited request is turned away before anything is done, so even a create may be repeated
            return ProviderCallException.answered(provider, Kind.RATE_LIMITED, detail, status, answer.retryAfter(), false);
        }
        if (status >= 500) {
            return ProviderCallException.answered(provider, Kind.BACKEND, detail, status, null, true);
        }
        if (status >= 400) {
            return ProviderCallException.answered(provider, Kind.BAD_REQUEST, detail, status, null, false);
        }
        return ProviderCallException.answered(provider, Kind.BACKEND, detail + " (unexpected status)", status, null, true);
    }

    /** Parses an answer's JSON body; an unreadable one is a backend failure whose effect is unknown. */
    public JsonNode parse(String what, HttpAnswer answer) {
        try {
            JsonNode node = json.readTree(answer.body() == null ? "" : answer.body());
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw ProviderCallException.answered(provider, Kind.BACKEND,
                    what + ": unreadable answer (HTTP " + answer.status() + ")" + snippet(answer.body()),
                    answer.status(), null, true);
        }
    }

    public ObjectMapper json() {
        return json;
    }

    /** Removes the API key from text that may end up in a message or log. */
    public String redact(String text) {
        if (text == null || apiKey == null) {
            return text;
        }
        return text.replace(apiKey, REDACTED);
    }

    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > SNIPPET_CHARS ? flat.substring(0, SNIPPET_CHARS) + "…" : flat);
    }

    private ProviderCallException transportFailure(String what, Duration timeout, Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return ProviderCallException.noAnswer(provider, what + " failed: could not connect in time", false, null);
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut(what, timeout, null);
        }
        if (e instanceof ConnectException) {
            // refused before anything was sent: safe to repeat even a create
            return ProviderCallException.noAnswer(provider, what + " failed: connection refused", false, null);
        }
        // the JDK's messages name host and path, never headers; redacted anyway
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + redact(e.getMessage()));
        return ProviderCallException.noAnswer(provider, what + " failed: " + reason, true, null);
    }

    private ProviderCallException timedOut(String what, Duration timeout, Throwable cause) {
        return ProviderCallException.noAnswer(provider,
                what + " failed: no answer within " + timeout.toMillis() + " ms (timed out)", true, cause);
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unserialisable request body", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
