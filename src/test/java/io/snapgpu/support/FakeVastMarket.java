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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vast.ai-shaped marketplace behind {@link MockApiServer}, answering in vast's real shapes (offers
 * search, create, instance status, the v1 listing 25 per page with after_token, SSH key attach,
 * destroy), whose machines are real Debian OpenSSH sshds: each with its own home and /workspace,
 * starting without restic, reachable only with the key SnapGPU attached through vast's endpoint.
 */
public final class FakeVastMarket implements FakeMarket {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ASK = Pattern.compile("/api/v0/asks/(\\d+)/");
    private static final Pattern INSTANCE = Pattern.compile("/api/v0/instances/(\\d+)/");
    private static final Pattern ATTACH = Pattern.compile("/api/v0/instances/(\\d+)/ssh/");

    private final MockApiServer api;
    private final Path dir;
    private final Map<String, Integer> offers;
    private final long bootMillis;
    private final AtomicLong ids = new AtomicLong(300_000_000L + (System.nanoTime() % 100_000) * 1000);
    private final Map<Long, FakeMachine> machines = new ConcurrentHashMap<>();

    /** @param offers offer id → its host id; every offer an RTX 4090 */
    public FakeVastMarket(MockApiServer api, Path dir, Map<String, Integer> offers, long bootMillis) {
        this.api = api;
        this.dir = dir;
        this.offers = offers;
        this.bootMillis = bootMillis;
        api.answer(route("POST", "/api/v0/bundles/"), r -> Reply.ok(offersJson()));
        api.answer(route("PUT", "/api/v0/asks/"), this::create);
        api.answer(r -> r.method().equals("POST") && ATTACH.matcher(r.path()).matches(), this::attach);
        api.answer(r -> r.method().equals("GET") && r.path().startsWith("/api/v1/instances"), this::list);
        api.answer(r -> r.method().equals("GET") && INSTANCE.matcher(r.path()).matches(), this::status);
        api.answer(r -> r.method().equals("DELETE") && INSTANCE.matcher(r.path()).matches(), this::destroy);
    }

    @Override
    public List<FakeMachine> alive() {
        return List.copyOf(machines.values());
    }

    @Override
    public FakeMachine machine(String providerInstanceId) {
        return machines.get(Long.parseLong(providerInstanceId));
    }

    private final Map<Long, List<String>> keys = new ConcurrentHashMap<>();

    private String offersJson() {
        ArrayNode list = JSON.createArrayNode();
        offers.forEach((id, host) -> {
            if (machines.values().stream().noneMatch(m -> m.offerId.equals(id))) {
                list.addObject().put("id", Long.parseLong(id)).put("host_id", host).put("machine_id", host * 10)
                        .put("gpu_name", "RTX 4090").put("num_gpus", 1).put("gpu_ram", 24564).put("disk_space", 200)
                        .put("dph_total", 0.40 + host / 1000.0).put("reliability2", 0.99).put("inet_down", 900)
                        .put("verified", true).put("rentable", true);
            }
        });
        ObjectNode root = JSON.createObjectNode();
        root.set("offers", list);
        return root.toString();
    }

    private synchronized Reply create(Recorded r) {
        Matcher m = ASK.matcher(r.path());
        if (!m.matches() || !offers.containsKey(m.group(1))
                || machines.values().stream().anyMatch(x -> x.offerId.equals(m.group(1)))) {
            return Reply.json(400, "{\"success\": false, \"error\": \"no_such_ask\", \"msg\": \"offer unavailable\"}");
        }
        long id = ids.incrementAndGet();
        JsonNode body = r.json();
        FakeMachine machine = new FakeMachine(String.valueOf(id), m.group(1), body.path("label").asText(),
                dir.resolve("m" + id), bootMillis);
        keys.put(id, new java.util.concurrent.CopyOnWriteArrayList<>());
        machines.put(id, machine);
        return Reply.ok("{\"success\": true, \"new_contract\": " + id + "}");
    }

    private Reply attach(Recorded r) {
        Matcher m = ATTACH.matcher(r.path());
        m.matches();
        List<String> attached = keys.get(Long.parseLong(m.group(1)));
        if (attached == null || !machines.containsKey(Long.parseLong(m.group(1)))) {
            return Reply.json(404, "{\"success\": false, \"error\": \"no_such_instance\"}");
        }
        attached.add(r.json().path("ssh_key").asText().strip());
        return Reply.ok("{\"success\": true}");
    }

    private Reply status(Recorded r) {
        Matcher m = INSTANCE.matcher(r.path());
        m.matches();
        FakeMachine machine = machines.get(Long.parseLong(m.group(1)));
        if (machine == null) {
            return Reply.ok("{\"instances\": null}");
        }
        return Reply.ok("{\"instances\": " + instanceJson(machine) + "}");
    }

    private Reply list(Recorded r) {
        ArrayNode all = JSON.createArrayNode();
        for (FakeMachine machine : machines.values()) {
            all.add(instanceJson(machine));
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("instances", all); // fewer than a page here: no next_token
        return Reply.ok(root.toString());
    }

    /** Running once booted and its key is attached (vast installs attached keys): then sshd answers. */
    private ObjectNode instanceJson(FakeMachine machine) {
        ObjectNode o = JSON.createObjectNode().put("id", Long.parseLong(machine.id)).put("label", machine.label)
                .put("host_id", offers.get(machine.offerId)).put("dph_total", 0.41);
        List<String> attached = keys.getOrDefault(Long.parseLong(machine.id), List.of());
        if (!machine.booted() || attached.isEmpty() && !machine.running()) {
            return o.putNull("actual_status").put("status_msg", machine.booted() ? "waiting for a key" : "loading");
        }
        try {
            Integer port = machine.sshPort(attached);
            if (port == null) {
                return o.put("actual_status", "loading").put("status_msg", "starting the container");
            }
            o.put("actual_status", "running").put("ssh_host", "127.0.0.1").put("ssh_port", port)
                    .put("public_ipaddr", "127.0.0.1\n"); // vast's own trailing newline
            // vast's port map: SSH, and a Jupyter the image would serve on 8080
            ObjectNode ports = o.putObject("ports");
            ports.putArray("22/tcp").addObject().put("HostIp", "0.0.0.0").put("HostPort", String.valueOf(port));
            ports.putArray("8080/tcp").addObject().put("HostIp", "0.0.0.0").put("HostPort", String.valueOf(40_000 + port % 20_000));
            return o;
        } catch (IOException e) {
            return o.put("actual_status", "loading").put("status_msg", "sshd: " + e.getMessage());
        }
    }

    private Reply destroy(Recorded r) {
        Matcher m = INSTANCE.matcher(r.path());
        m.matches();
        FakeMachine machine = machines.remove(Long.parseLong(m.group(1)));
        if (machine == null) {
            return Reply.json(404, "{\"success\": false, \"error\": \"no_such_instance\"}");
        }
        machine.destroy();
        return Reply.ok("{\"success\": true}");
    }

    @Override
    public void close() {
        machines.values().forEach(FakeMachine::destroy);
        machines.clear();
    }
}
