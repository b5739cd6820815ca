package io.snapgpu.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A provider API stand-in on 127.0.0.1: answers scripted replies and records every request, so
 * tests can check what was sent (headers, JSON) as well as what the adapter made of the answer.
 * One server per port for the whole test run (the Quarkus app under test keeps its base URLs).
 */
public final class MockApiServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, MockApiServer> RUNNING = new ConcurrentHashMap<>();

    /** A request as received; header names are lower case. */
    public record Recorded(String method, URI uri, Map<String, String> headers, String body, long receivedNanos) {
        public String path() {
            return uri.getPath();
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scripted answer; {@code delayMillis} holds it back to provoke client timeouts. */
    public record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), 0);
        }

        public static Reply ok(String body) {
            return json(200, body);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delayMillis);
        }

        public Reply delayed(long millis) {
            return new Reply(status, body, headers, millis);
        }
    }

    /** Scripted replies in order, or (when {@code answer} is set) an answer computed from each request. */
    private record Stub(Predicate<Recorded> when, Deque<Reply> replies, Function<Recorded, Reply> answer) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Stub> stubs = new CopyOnWriteArrayList<>();

    private MockApiServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mock-api-" + port);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static MockApiServer on(int port) {
        return RUNNING.computeIfAbsent(port, p -> {
            try {
                return new MockApiServer(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start mock API on port " + p, e);
            }
        });
    }

    public static Predicate<Recorded> route(String method, String pathPrefix) {
        return r -> r.method().equals(method) && r.path().startsWith(pathPrefix);
    }

    public static Predicate<Recorded> bodyContains(String text) {
        return r -> r.body() != null && r.body().contains(text);
    }

    public void reset() {
        stubs.clear();
        requests.clear();
    }

    /** Replies in order to matching requests, the last one repeating; later stubs win over earlier ones. */
    public void stub(Predicate<Recorded> when, Reply... replies) {
        stubs.add(0, new Stub(when, new ArrayDeque<>(List.of(replies)), null));
    }

    /** Answers matching requests with what {@code answer} makes of each (a stateful fake of an endpoint). */
    public void answer(Predicate<Recorded> when, Function<Recorded, Reply> answer) {
        stubs.add(0, new Stub(when, null, answer));
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(Predicate<Recorded> which) {
        return requests.stream().filter(which).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body,
                    System.nanoTime());
            requests.add(request);
            Reply reply = replyFor(request);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGaveUp) {
            // the adapter timed out and closed the connection: expected in timeout tests
        }
    }

    private Reply replyFor(Recorded request) {
        for (Stub stub : new ArrayList<>(stubs)) {
            if (stub.when().test(request)) {
                if (stub.answer() != null) {
                    return stub.answer().apply(request);
                }
                synchronized (stub.replies()) {
                    return stub.replies().size() > 1 ? stub.replies().poll() : stub.replies().peek();
                }
            }
        }
        return Reply.json(404, "{\"error\":\"no stub for " + request.method() + " " + request.uri() + "\"}");
    }
}
