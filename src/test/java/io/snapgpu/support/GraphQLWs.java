package io.snapgpu.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A graphql-transport-ws client: connection_init, one subscribe, the `next` messages until `complete`. */
public final class GraphQLWs {
    private GraphQLWs() {
    }

    /** The raw `next` messages of one subscription; fails if it does not complete within {@code timeout}. */
    public static List<String> subscribe(URI graphqlHttp, String bearer, String query, Duration timeout) throws Exception {
        return subscribe(graphqlHttp, bearer, query, timeout, m -> { });
    }

    /** As {@link #subscribe(URI, String, String, Duration)}, and each `next` message to {@code each} as it arrives. */
    public static List<String> subscribe(URI graphqlHttp, String bearer, String query, Duration timeout,
            java.util.function.Consumer<String> each) throws Exception {
        List<String> nexts = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> completed = new CompletableFuture<>();
        CompletableFuture<WebSocket> initSent = new CompletableFuture<>();
        String escaped = query.replace("\\", "\\\\").replace("\"", "\\\"");
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + bearer)
                .buildAsync(URI.create(graphqlHttp.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String msg = partial.toString();
                            partial.setLength(0);
                            if (msg.contains("\"connection_ack\"")) {
                                // one send at a time on a WebSocket: after connection_init's has completed
                                initSent.thenCompose(x -> s.sendText("{\"id\":\"1\",\"type\":\"subscribe\","
                                        + "\"payload\":{\"query\":\"" + escaped + "\"}}", true))
                                        .exceptionally(e -> {
                                            completed.completeExceptionally(e);
                                            return null;
                                        });
                            } else if (msg.contains("\"next\"")) {
                                nexts.add(msg);
                                each.accept(msg);
                            } else if (msg.contains("\"complete\"") || msg.contains("\"error\"")) {
                                nexts.add(msg.contains("\"error\"") ? msg : "");
                                completed.complete(null);
                            }
                        }
                        s.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"connection_init\"}", true).whenComplete((w, e) -> {
            if (e == null) {
                initSent.complete(w);
            } else {
                initSent.completeExceptionally(e);
            }
        });
        completed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        nexts.removeIf(String::isEmpty);
        return nexts;
    }
}
