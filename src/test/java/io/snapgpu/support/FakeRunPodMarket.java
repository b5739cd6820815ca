package io.snapgpu.support;

import static io.snapgpu.provider.http.MockApiServer.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapgpu.provider.http.MockApiServer;
import io.snapgpu.provider.http.MockApiServer.Recorded;
import io.snapgpu.provider.http.MockApiServer.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A RunPod-shaped GraphQL API behind {@link MockApiServer} (gpuTypes, podFindAndDeployOnDemand, pod,
 * myself.pods, podTerminate, in RunPod's shapes), whose pods are real OpenSSH sshds that install
 * the {@code PUBLIC_KEY} of the deploy's environment, as RunPod's images do, and start without restic.
 */
public final class FakeRunPodMarket implements FakeMarket {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final long bootMillis;
    private final Map<String, FakeMachine> pods = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keys = new ConcurrentHashMap<>();

    public FakeRunPodMarket(MockApiServer api, Path dir, long bootMillis) {
        this.dir = dir;
        this.bootMillis = bootMillis;
        api.answer(route("POST", "/graphql"), this::graphql);
    }

    @Override
    public List<FakeMachine> alive() {
        return List.copyOf(pods.values());
    }

    @Override
    public FakeMachine machine(String providerInstanceId) {
        return pods.get(providerInstanceId);
    }

    private Reply graphql(Recorded r) {
        JsonNode body = r.json();
        String query = body.path("query").asText();
        JsonNode input = body.path("variables").path("input");
        ObjectNode data = JSON.createObjectNode();
        if (query.contains("gpuTypes")) {
            data.putArray("gpuTypes").addObject().put("id", "NVIDIA GeForce RTX 4090").put("displayName", "RTX 4090")
                    .put("memoryInGb", 24).put("maxGpuCount", 8).put("securePrice", 0.69).put("communityPrice", 0.44)
                    .put("secureSpotPrice", 0.40).put("communitySpotPrice", 0.30).putObject("lowestPrice")
                    .put("minimumBidPrice", 0.30).put("uninterruptablePrice", 0.44);
        } else if (query.contains("podFindAndDeployOnDemand")) {
            String id = "pod" + UUID.randomUUID().toString().substring(0, 10);
            FakeMachine pod = new FakeMachine(id, input.path("gpuTypeId").asText(), input.path("name").asText(),
                    dir.resolve(id), bootMillis);
            List<String> env = new java.util.ArrayList<>();
            input.path("env").forEach(e -> {
                if ("PUBLIC_KEY".equals(e.path("key").asText())) {
                    env.add(e.path("value").asText().strip());
                }
            });
            keys.put(id, env);
            pods.put(id, pod);
            data.set("podFindAndDeployOnDemand", podJson(pod));
        } else if (query.contains("podTerminate")) {
            FakeMachine pod = pods.remove(input.path("podId").asText());
            if (pod != null) {
                pod.destroy();
            }
            data.putNull("podTerminate");
        } else if (query.contains("myself")) {
            ArrayNode list = data.putObject("myself").putArray("pods");
            pods.values().forEach(p -> list.add(podJson(p)));
        } else if (query.contains("pod(input")) {
            FakeMachine pod = pods.get(input.path("podId").asText());
            if (pod == null) {
                data.putNull("pod");
            } else {
                data.set("pod", podJson(pod));
            }
        } else {
            return Reply.ok("{\"errors\": [{\"message\": \"unknown operation\"}]}");
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("data", data);
        return Reply.ok(root.toString());
    }

    /** RUNNING with a public port 22 once booted (its sshd installed PUBLIC_KEY); no runtime before. */
    private ObjectNode podJson(FakeMachine pod) {
        ObjectNode o = JSON.createObjectNode().put("id", pod.id).put("name", pod.label).put("desiredStatus", "RUNNING")
                .put("costPerHr", 0.44).put("machineId", "m-" + pod.id);
        o.putObject("machine").put("podHostId", "host-" + pod.id).put("gpuDisplayName", "RTX 4090");
        if (!pod.booted()) {
            o.putNull("runtime");
            return o;
        }
        try {
            Integer port = pod.sshPort(keys.getOrDefault(pod.id, List.of()));
            if (port == null) {
                o.putNull("runtime"); // the container is still starting
                return o;
            }
            ObjectNode runtime = o.putObject("runtime").put("uptimeInSeconds", 1);
            runtime.putArray("ports").addObject().put("ip", "127.0.0.1").put("isIpPublic", true).put("privatePort", 22)
                    .put("publicPort", port).put("type", "tcp");
        } catch (IOException e) {
            o.putNull("runtime");
        }
        return o;
    }

    @Override
    public void close() {
        pods.values().forEach(FakeMachine::destroy);
        pods.clear();
    }
}
