package io.snapgpu.provider.http;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The one profile all provider adapter tests share (each profile boots the app again, with its
 * embedded PostgreSQL and S3 server): base URLs on local mock APIs, test keys, and timeouts and
 * back-offs short enough for tests yet long enough to measure. Tests read the ports back from the
 * config rather than from here, so it does not matter which class loader ran this.
 */
public class ProviderTestProfile implements QuarkusTestProfile {
    public static final String VAST_KEY = "vast-test-key-7f3c9a51e2";
    public static final String RUNPOD_KEY = "runpod-test-key-41d2e8b06c";
    private static final int VAST_PORT = freePort();
    private static final int RUNPOD_PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        // the reaper would call the mock APIs on its own and upset the request counts
        config.put("snapgpu.instances.reaper-enabled", "false");
        config.put("snapgpu.vastai.base-url", "http://127.0.0.1:" + VAST_PORT);
        config.put("snapgpu.vastai.api-key", VAST_KEY);
        config.put("snapgpu.runpod.base-url", "http://127.0.0.1:" + RUNPOD_PORT + "/graphql");
        config.put("snapgpu.runpod.api-key", RUNPOD_KEY);
        for (String p : new String[] { "snapgpu.vastai.", "snapgpu.runpod." }) {
            config.put(p + "connect-timeout", "1s");
            config.put(p + "call-timeout", "500ms");
            config.put(p + "create-timeout", "500ms");
            config.put(p + "retry.max-retries", "2");
            config.put(p + "retry.initial-backoff", "60ms");
            config.put(p + "retry.max-backoff", "400ms");
            config.put(p + "retry.jitter", "0s");
            config.put(p + "retry.max-duration", "10s");
            config.put(p + "circuit-breaker.request-volume-threshold", "4");
            config.put(p + "circuit-breaker.failure-ratio", "1.0");
            config.put(p + "circuit-breaker.delay", "5s");
        }
        // the retry log lines must be produced for the "key never logged" check to mean something
        config.put("quarkus.log.category.\"io.snapgpu.provider\".level", "DEBUG");
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
