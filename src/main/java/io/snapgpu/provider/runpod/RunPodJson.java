package io.snapgpu.provider.runpod;

import static io.snapgpu.provider.http.JsonFields.bool;
import static io.snapgpu.provider.http.JsonFields.decimal;
import static io.snapgpu.provider.http.JsonFields.integer;
import static io.snapgpu.provider.http.JsonFields.present;
import static io.snapgpu.provider.http.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapgpu.offer.GpuModels;
import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferQuery;
import io.snapgpu.provider.ExposedPort;
import io.snapgpu.provider.LaunchSpec;
import io.snapgpu.provider.ProviderInstance.State;
import io.snapgpu.provider.ProviderInstance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RunPod's GraphQL shapes to and from SnapGPU's types. */
final class RunPodJson {
    static final String PROVIDER = "runpod";
    static final List<String> CLOUD_TYPES = List.of("SECURE", "COMMUNITY");
    private static final int DEFAULT_LIMIT = 100;
    /**
     * Start command for images without RunPod's start script: install sshd if missing, authorise the
     * key from PUBLIC_KEY, run sshd, keep the container alive. Fixed text: the key arrives through the
     * environment and is never part of the command, so nothing a person sends reaches a shell here.
     */
    static final String SSHD_START = "bash -c 'set -e;"
            + " if ! command -v sshd >/dev/null 2>&1 && [ ! -x /usr/sbin/sshd ]; then"
            + " apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server; fi;"
            + " mkdir -p /root/.ssh /run/sshd && chmod 700 /root/.ssh;"
            + " printf \"%s\\n\" \"$PUBLIC_KEY\" >> /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys;"
            + " ssh-keygen -A >/dev/null; /usr/sbin/sshd; exec sleep infinity'";

    private RunPodJson() {
    }

    /**
     * One offer per GPU type and cloud that has an on-demand price. RunPod has no host at offer time,
     * so the offer id ({@code <gpuTypeId>:<SECURE|COMMUNITY>}) stands in as host id. Prices are per
     * GPU there, so they are multiplied by the count. A {@code lowestPrice} without an
     * uninterruptable price means no machine has that many of the GPU free right now. Secure cloud
     * counts as "verified" (RunPod vets those data centres; community hosts are anyone's).
     */
    static List<Offer> offers(JsonNode data, OfferQuery q) {
        int count = q.gpuCountMin() == null ? 1 : Math.max(1, q.gpuCountMin());
        List<Offer> offers = new ArrayList<>();
        JsonNode types = data == null ? null : data.get("gpuTypes");
        if (types == null || !types.isArray()) {
            return offers;
        }
        for (JsonNode t : types) {
            String id = text(t, "id");
            String canonical = GpuModels.fromRunPod(id);
            // under SnapGPU's name when the catalogue knows the type, else as RunPod shows it
            String name = canonical != null && !canonical.equals(id) ? canonical
                    : text(t, "displayName") != null ? text(t, "displayName") : id;
            Integer maxCount = integer(t, "maxGpuCount");
            Integer memoryGb = integer(t, "memoryInGb");
            Integer gpuRamMb = memoryGb == null ? null : memoryGb * 1024;
            JsonNode lowest = t.get("lowestPrice");
            if (id == null
                    || (maxCount != null && maxCount < count)
                    || !modelWanted(q, id, name)
                    || (q.gpuRamMbMin() != null && (gpuRamMb == null || gpuRamMb < q.gpuRamMbMin()))
                    || (present(lowest) && decimal(lowest, "uninterruptablePrice") == null)) {
                continue;
            }
            for (String cloud : CLOUD_TYPES) {
                boolean secure = cloud.equals("SECURE");
                BigDecimal perGpu = decimal(t, secure ? "securePrice" : "communityPrice");
                if (perGpu == null || perGpu.signum() <= 0 || (Boolean.TRUE.equals(q.verified()) && !secure)) {
                    continue;
                }
                BigDecimal price = perGpu.multiply(BigDecimal.valueOf(count));
                if (q.maxPricePerHour() != null && price.compareTo(q.maxPricePerHour()) > 0) {
                    continue;
                }
                String offerId = id + ":" + cloud;
                offers.add(new Offer(PROVIDER, offerId, offerId, null, name, count, gpuRamMb, null, null, null, price,
                        null, null, null, null, null, secure));
            }
        }
        offers.sort(Comparator.comparing(Offer::pricePerHour));
        int limit = q.limit() <= 0 ? DEFAULT_LIMIT : q.limit();
        return offers.size() > limit ? List.copyOf(offers.subList(0, limit)) : offers;
    }

    /** RunPod's query has no GPU filter: the type ids of the wanted models are picked here. */
    private static boolean modelWanted(OfferQuery q, String id, String name) {
        return q.gpuModels() == null || q.gpuModels().isEmpty()
                || GpuModels.runpodIds(q.gpuModels()).contains(id)
                || q.gpuModels().stream().anyMatch(m -> m.equalsIgnoreCase(id) || m.equalsIgnoreCase(name));
    }

    /**
     * The deploy input; the SSH key travels as PUBLIC_KEY, which RunPod's images install for sshd. An
     * image that is not RunPod's gets {@link #SSHD_START} as its start command. {@code sshPublicKey}
     * must already be checked ({@link io.snapgpu.provider.SshKeyLine}).
     */
    static ObjectNode deployInput(ObjectMapper json, String gpuTypeId, String cloudType, int gpuCount, LaunchSpec spec) {
        ObjectNode input = json.createObjectNode();
        input.put("cloudType", cloudType);
        input.put("gpuTypeId", gpuTypeId);
        input.put("gpuCount", Math.max(1, gpuCount));
        input.put("containerDiskInGb", spec.diskGb());
        input.put("volumeInGb", 0);
        input.put("imageName", spec.image());
        input.put("name", spec.label());
        input.put("ports", "22/tcp");
        input.put("startSsh", true);
        if (!startsItsOwnSshd(spec.image())) {
            input.put("dockerArgs", SSHD_START);
        }
        // SnapGPU's shell connects straight to the machine, which needs a public IP port mapping
        input.put("supportPublicIp", true);
        ArrayNode env = input.putArray("env");
        spec.env().entrySet().stream()
                .filter(e -> !e.getKey().equals("PUBLIC_KEY"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.addObject().put("key", e.getKey()).put("value", e.getValue()));
        env.addObject().put("key", "PUBLIC_KEY").put("value", spec.sshPublicKey());
        return input;
    }

    /** RunPod's own images start sshd and install PUBLIC_KEY themselves (their /start.sh). */
    static boolean startsItsOwnSshd(String image) {
        return image != null && image.startsWith("runpod/");
    }

    static ProviderInstance instance(JsonNode pod) {
        String desired = text(pod, "desiredStatus");
        JsonNode runtime = pod.get("runtime");
        boolean started = present(runtime);
        String podHostId = text(pod.path("machine"), "podHostId");
        JsonNode ssh = started ? publicSshPort(runtime) : null;
        State state = state(desired, started, podHostId != null || text(pod, "machineId") != null);
        String message = desired == null ? "no status" : desired;
        if (state == State.RUNNING && ssh == null) {
            message += " (no public SSH port yet)";
        } else if (!started && state != State.GONE && state != State.STOPPED && state != State.FAILED) {
            message += " (container not started yet)";
        }
        return new ProviderInstance(PROVIDER, text(pod, "id"), text(pod, "name"), state, podHostId,
                ssh == null ? null : text(ssh, "ip"), ssh == null ? null : integer(ssh, "publicPort"),
                decimal(pod, "costPerHr"), message, started ? ports(text(pod, "id"), runtime) : java.util.List.of());
    }

    /**
     * What a pod exposes besides SSH: its HTTP ports through RunPod's proxy
     * ({@code https://<pod>-<port>.proxy.runpod.net}, e.g. Jupyter on 8888) and its public TCP ports.
     */
    static java.util.List<ExposedPort> ports(String podId, JsonNode runtime) {
        JsonNode ports = runtime.get("ports");
        if (ports == null || !ports.isArray()) {
            return java.util.List.of();
        }
        java.util.List<ExposedPort> out = new java.util.ArrayList<>();
        for (JsonNode p : ports) {
            Integer privatePort = integer(p, "privatePort");
            if (privatePort == null || privatePort == 22) {
                continue;
            }
            if ("http".equalsIgnoreCase(text(p, "type")) && podId != null && podId.matches("[A-Za-z0-9]+")) {
                out.add(new ExposedPort(privatePort, "http", null, null,
                        "https://" + podId + "-" + privatePort + ".proxy.runpod.net"));
            } else if (Boolean.TRUE.equals(bool(p, "isIpPublic")) && text(p, "ip") != null) {
                out.add(new ExposedPort(privatePort, "tcp", text(p, "ip"), integer(p, "publicPort"), null));
            }
        }
        out.sort(java.util.Comparator.comparingInt(ExposedPort::privatePort));
        return out;
    }

    static State state(String desiredStatus, boolean runtimePresent, boolean placed) {
        String desired = desiredStatus == null ? "" : desiredStatus.toUpperCase(Locale.ROOT);
        return switch (desired) {
            case "TERMINATED" -> State.GONE;
            // SnapGPU never stops a pod: one that exited (its container ended or never started) will not
            // run, and still bills for its disk until it is terminated
            case "EXITED", "DEAD" -> State.FAILED;
            case "RUNNING", "CREATED", "RESTARTING", "" ->
                    runtimePresent ? State.RUNNING : placed ? State.LOADING : State.PROVISIONING;
            default -> State.UNKNOWN;
        };
    }

    private static JsonNode publicSshPort(JsonNode runtime) {
        JsonNode ports = runtime.get("ports");
        if (ports == null || !ports.isArray()) {
            return null;
        }
        for (JsonNode p : ports) {
            if (Integer.valueOf(22).equals(integer(p, "privatePort")) && Boolean.TRUE.equals(bool(p, "isIpPublic"))
                    && text(p, "ip") != null && integer(p, "publicPort") != null) {
                return p;
            }
        }
        return null;
    }
}
