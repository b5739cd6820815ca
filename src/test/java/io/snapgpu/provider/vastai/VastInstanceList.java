package io.snapgpu.provider.vastai;

import io.snapgpu.provider.http.MockApiServer.Recorded;
import io.snapgpu.provider.http.MockApiServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * vast's v1 instance listing as vast answers it: at most 25 instances a page, an opaque
 * {@code next_token} while more follow, and the next page only for {@code ?after_token=<that token>}.
 * Any other query parameter is ignored, as vast ignores it: such a request gets page one again.
 */
final class VastInstanceList implements Function<Recorded, Reply> {
    static final int PAGE = 25;

    private final List<String> instances;

    /** {@code count} of our machines labelled {@code <labelPrefix><n>}, every fourth machine someone else's. */
    static VastInstanceList of(int count, String labelPrefix) {
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String label = n % 4 == 0 ? "someone-else-" + n : labelPrefix + n;
            all.add("{\"id\": " + (900_000 + n) + ", \"label\": \"" + label + "\", \"actual_status\": \"running\","
                    + " \"host_id\": " + n + ", \"ssh_host\": \"ssh" + (n % 9) + ".vast.ai\", \"ssh_port\": " + (20_000 + n)
                    + ", \"dph_total\": 0.31}");
        }
        return new VastInstanceList(all);
    }

    private VastInstanceList(List<String> instances) {
        this.instances = List.copyOf(instances);
    }

    @Override
    public Reply apply(Recorded request) {
        int from = 0;
        String query = request.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("after_token=")) {
                    from = decode(URLDecoder.decode(pair.substring("after_token=".length()), StandardCharsets.UTF_8));
                }
            }
        }
        if (from < 0) {
            return Reply.json(400, "{\"success\": false, \"error\": \"invalid_token\"}");
        }
        int to = Math.min(from + PAGE, instances.size());
        String next = to < instances.size() ? "\"" + token(to) + "\"" : "null";
        return Reply.ok("{\"success\": true, \"next_token\": " + next + ", \"instances\": ["
                + String.join(",", instances.subList(Math.min(from, to), to)) + "]}");
    }

    /** Opaque to clients, with characters that must be URL-encoded. */
    private static String token(int index) {
        return "pg/" + index + "=+";
    }

    private static int decode(String token) {
        if (!token.startsWith("pg/") || !token.endsWith("=+")) {
            return -1;
        }
        try {
            return Integer.parseInt(token.substring(3, token.length() - 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
