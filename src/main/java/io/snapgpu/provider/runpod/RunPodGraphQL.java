package io.snapgpu.provider.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.ProviderException.Kind;
import io.snapgpu.provider.http.HttpAnswer;
import io.snapgpu.provider.http.JsonFields;
import io.snapgpu.provider.http.ProviderCallException;
import io.snapgpu.provider.http.ProviderHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * RunPod's GraphQL endpoint: documents and their variables (never values spliced into the query
 * text), and the reading of an answer's {@code errors}, which RunPod sends with HTTP 200.
 */
final class RunPodGraphQL {
    static final String GPU_TYPES = """
            query GpuTypes($lowestPrice: GpuLowestPriceInput!) {
              gpuTypes {
                id displayName memoryInGb maxGpuCount
                securePrice communityPrice secureSpotPrice communitySpotPrice
                lowestPrice(input: $lowestPrice) { minimumBidPrice uninterruptablePrice }
              }
            }""";
    static final String DEPLOY = """
            mutation Deploy($input: PodFindAndDeployOnDemandInput!) {
              podFindAndDeployOnDemand(input: $input) {
                id name desiredStatus imageName machineId costPerHr machine { podHostId }
              }
            }""";
    private static final String POD_FIELDS = """
            id name desiredStatus lastStatusChange costPerHr machineId
                machine { podHostId gpuDisplayName location }
                runtime { uptimeInSeconds ports { ip isIpPublic privatePort publicPort type } }""";
    static final String POD = "query Pod($input: PodFilter!) {\n  pod(input: $input) {\n    " + POD_FIELDS + "\n  }\n}";
    static final String MY_PODS = "query MyPods {\n  myself {\n    pods {\n      " + POD_FIELDS + "\n    }\n  }\n}";
    static final String TERMINATE = """
            mutation Terminate($input: PodTerminateInput!) {
              podTerminate(input: $input)
            }""";

    /** Words in RunPod's error messages that mean "this GPU type / cloud has no machine for you now". */
    private static final List<String> UNAVAILABLE = List.of("no longer any instances available", "no instances available",
            "not enough", "unavailable", "not available", "could not find any pods", "out of stock", "insufficient capacity");
    private static final List<String> UNAUTHORIZED = List.of("unauthorized", "unauthenticated", "not authorized",
            "forbidden", "api key", "permission denied");
    private static final List<String> BAD_INPUT_CODES = List.of("GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED",
            "BAD_USER_INPUT");

    /** An answer that arrived and was JSON; {@code errors} is empty when there were none. */
    record Answer(int status, JsonNode data, List<JsonNode> errors) {
        boolean failed() {
            return !errors.isEmpty();
        }

        JsonNode field(String name) {
            JsonNode node = data == null ? null : data.get(name);
            return JsonFields.present(node) ? node : null;
        }

        String messages() {
            return errors.stream().map(e -> JsonFields.text(e, "message"))
                    .map(m -> m == null ? "(no message)" : m).distinct().collect(Collectors.joining("; "));
        }

        boolean mentions(String... words) {
            String text = messages().toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (text.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final ProviderHttp http;

    RunPodGraphQL(ProviderHttp http) {
        this.http = http;
    }

    /** One POST; fails for answers that carry no GraphQL result (refused key, 429, 5xx, unreadable body). */
    Uni<Answer> execute(String operation, String document, ObjectNode variables, Duration timeout) {
        ObjectNode body = http.json().createObjectNode();
        body.put("query", document);
        body.set("variables", variables == null ? http.json().createObjectNode() : variables);
        return http.send("POST", "", body, timeout).map(answer -> read(operation, answer));
    }

    private Answer read(String operation, HttpAnswer answer) {
        int status = answer.status();
        if (status == 401 || status == 403 || status == 429 || status >= 500) {
            throw http.failure(operation, answer);
        }
        JsonNode root;
        try {
            root = http.parse(operation, answer);
        } catch (ProviderCallException unreadable) {
            throw answer.successful() ? unreadable : http.failure(operation, answer);
        }
        List<JsonNode> errors = new ArrayList<>();
        JsonNode list = root.get("errors");
        if (list != null && list.isArray()) {
            list.forEach(errors::add);
        }
        if (!answer.successful() && errors.isEmpty()) {
            throw http.failure(operation, answer);
        }
        return new Answer(status, root.get("data"), errors);
    }

    /**
     * The failure for an answer with errors. {@code mutation}: the call may have changed something,
     * so a backend-side error leaves the outcome unknown; every other kind is a definite refusal.
     */
    ProviderCallException failure(String operation, Answer answer, boolean mutation) {
        Kind kind = kind(answer, mutation);
        return ProviderCallException.answered(http.provider(), kind, operation + " failed: " + answer.messages(),
                answer.status(), null, mutation && kind == Kind.BACKEND);
    }

    static Kind kind(Answer answer, boolean creating) {
        List<String> codes = answer.errors().stream()
                .map(e -> JsonFields.text(e.path("extensions"), "code"))
                .filter(c -> c != null).map(c -> c.toUpperCase(Locale.ROOT)).toList();
        if (codes.contains("UNAUTHENTICATED") || codes.contains("FORBIDDEN")
                || answer.mentions(UNAUTHORIZED.toArray(String[]::new))) {
            return Kind.UNAUTHORIZED;
        }
        if (codes.contains("RATE_LIMITED") || codes.contains("TOO_MANY_REQUESTS")
                || answer.mentions("rate limit", "too many requests")) {
            return Kind.RATE_LIMITED;
        }
        if (creating && answer.mentions(UNAVAILABLE.toArray(String[]::new))) {
            return Kind.OFFER_UNAVAILABLE;
        }
        if (codes.stream().anyMatch(BAD_INPUT_CODES::contains) || answer.status() == 400) {
            return Kind.BAD_REQUEST;
        }
        // RunPod labels most resolver errors INTERNAL_SERVER_ERROR; treat unknown ones as retryable
        return Kind.BACKEND;
    }

    static boolean notFound(Answer answer) {
        return answer.mentions("not found", "does not exist", "no pod with", "could not find pod");
    }
}
