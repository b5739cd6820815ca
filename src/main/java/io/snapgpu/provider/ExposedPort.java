package io.snapgpu.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A port of a machine that its provider makes reachable: vast.ai's port map (the container's port,
 * the host's public address and port), RunPod's HTTP proxy URLs ({@code https://<pod>-<port>.proxy.runpod.net})
 * or its public TCP ports. {@code url} is set where the provider serves it over HTTP(S).
 */
public record ExposedPort(int privatePort, String protocol, String host, Integer publicPort, String url) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static String toJson(List<ExposedPort> ports) {
        if (ports == null || ports.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(ports);
        } catch (Exception e) {
            return null;
        }
    }

    public static List<ExposedPort> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<ExposedPort>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }
}
