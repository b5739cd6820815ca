package io.snapgpu.provider.vastai;

import static io.snapgpu.provider.http.JsonFields.bool;
import static io.snapgpu.provider.http.JsonFields.dbl;
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
import java.util.List;
import java.util.Map;

/** vast.ai's JSON shapes to and from SnapGPU's types (units: RAM MB, disk GB, $/h, Mbit/s on both sides). */
final class VastAiJson {
    static final String PROVIDER = "vastai";
    /** Environment variable that carries the SSH key to the onstart script, so no key text is spliced into shell. */
    static final String SSH_KEY_ENV = "SNAPGPU_SSH_PUBLIC_KEY";
    /**
     * The fallback when attaching the key through the API fails: installs it from the environment once,
     * with the permissions sshd insists on. {@code ~/.no_auto_tmux} stops vast's images from starting
     * tmux on every SSH login, which would swallow non-interactive commands.
     */
    static final String ONSTART = "touch ~/.no_auto_tmux && mkdir -p ~/.ssh && chmod 700 ~/.ssh && touch ~/.ssh/authorized_keys"
            + " && chmod 600 ~/.ssh/authorized_keys"
            + " && (grep -qxF \"$" + SSH_KEY_ENV + "\" ~/.ssh/authorized_keys"
            + " || printf '%s\\n' \"$" + SSH_KEY_ENV + "\" >> ~/.ssh/authorized_keys)";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private VastAiJson() {
    }

    /**
     * The search body. The fixed filters are vast-cli's defaults (rentable, not rented, not external);
     * verified machines only unless the query explicitly allows unverified ones (vast-cli's default too).
     * Region is left to the caller: vast's geolocation is free text like "Texas, US". GPU models go out
     * under vast's names; {@code allocated_storage} makes vast price the disk the machine will get
     * ({@code defaultDiskGb} when the query names none) instead of 5 GB, and hosts with less free disk
     * are left out.
     */
    static ObjectNode searchQuery(ObjectMapper json, OfferQuery q, int defaultDiskGb) {
        ObjectNode body = rentable(json, q);
        if (q.gpuModels() != null && !q.gpuModels().isEmpty()) {
            ArrayNode names = body.putObject("gpu_name").putArray("in");
            GpuModels.vastNames(q.gpuModels()).forEach(names::add);
            // vast has one name for A100s of 40 and 80 GB: their memory tells them apart
            Integer modelRam = GpuModels.minGpuRamMb(q.gpuModels());
            Integer ram = modelRam == null ? q.gpuRamMbMin()
                    : q.gpuRamMbMin() == null ? modelRam : Integer.valueOf(Math.max(modelRam, q.gpuRamMbMin()));
            if (ram != null) {
                body.putObject("gpu_ram").put("gte", ram);
            }
        } else if (q.gpuRamMbMin() != null) {
            body.putObject("gpu_ram").put("gte", q.gpuRamMbMin());
        }
        if (q.gpuCountMin() != null) {
            body.putObject("num_gpus").put("gte", q.gpuCountMin());
        }
        if (q.maxPricePerHour() != null) {
            body.putObject("dph_total").put("lte", q.maxPricePerHour());
        }
        if (q.reliabilityMin() != null) {
            // vast-cli's alias: "reliability" in a query means the reliability2 column
            body.putObject("reliability2").put("gte", q.reliabilityMin());
        }
        if (q.inetDownMbpsMin() != null) {
            body.putObject("inet_down").put("gte", q.inetDownMbpsMin());
        }
        if (q.cudaVersionMin() != null) {
            body.putObject("cuda_max_good").put("gte", q.cudaVersionMin());
        }
        int disk = q.diskGb() != null ? q.diskGb() : defaultDiskGb;
        double diskMin = q.diskGbMin() == null ? disk : Math.max(disk, q.diskGbMin());
        body.putObject("disk_space").put("gte", diskMin);
        body.put("allocated_storage", disk);
        body.putArray("order").addArray().add("dph_total").add("asc");
        body.put("limit", q.limit() <= 0 ? DEFAULT_LIMIT : Math.min(q.limit(), MAX_LIMIT));
        return body;
    }

    /** The search for one offer by its id, with the filters that keep it rentable. */
    static ObjectNode offerByIdQuery(ObjectMapper json, long offerId, int diskGb) {
        ObjectNode body = rentable(json, OfferQuery.any());
        body.putObject("id").put("eq", offerId);
        body.put("allocated_storage", diskGb);
        body.put("limit", 1);
        return body;
    }

    private static ObjectNode rentable(ObjectMapper json, OfferQuery q) {
        ObjectNode body = json.createObjectNode();
        if (!Boolean.FALSE.equals(q.verified())) {
            body.putObject("verified").put("eq", true);
        }
        body.putObject("rentable").put("eq", true);
        body.putObject("rented").put("eq", false);
        body.putObject("external").put("eq", false);
        body.put("type", "on-demand");
        return body;
    }

    /** Offers from {@code {"offers":[...]}}; entries without an id or a price cannot be rented and are skipped. */
    static List<Offer> offers(JsonNode root) {
        JsonNode list = root.get("offers");
        List<Offer> offers = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return offers;
        }
        for (JsonNode o : list) {
            String id = text(o, "id");
            BigDecimal price = decimal(o, "dph_total");
            if (id == null || price == null) {
                continue;
            }
            Double reliability = dbl(o, "reliability2") != null ? dbl(o, "reliability2") : dbl(o, "reliability");
            Integer gpus = integer(o, "num_gpus");
            Integer gpuRam = integer(o, "gpu_ram");
            offers.add(new Offer(PROVIDER, id, text(o, "host_id"), text(o, "machine_id"),
                    GpuModels.fromVast(text(o, "gpu_name"), gpuRam), gpus == null ? 1 : gpus, gpuRam, dbl(o, "cpu_cores_effective"), integer(o, "cpu_ram"),
                    dbl(o, "disk_space"), price, text(o, "geolocation"), reliability, dbl(o, "inet_down"),
                    dbl(o, "inet_up"), dbl(o, "cuda_max_good"), verified(o)));
        }
        return offers;
    }

    static boolean verified(JsonNode offer) {
        return Boolean.TRUE.equals(bool(offer, "verified")) || "verified".equalsIgnoreCase(text(offer, "verification"));
    }

    /** vast-cli's {@code attach ssh}: the key for this one instance, which vast installs for its sshd. */
    static ObjectNode attachSshBody(ObjectMapper json, String sshPublicKey) {
        ObjectNode body = json.createObjectNode();
        body.put("ssh_key", sshPublicKey);
        return body;
    }

    static ObjectNode createBody(ObjectMapper json, LaunchSpec spec) {
        ObjectNode body = json.createObjectNode();
        body.put("client_id", "me");
        body.put("image", spec.image());
        body.put("disk", spec.diskGb());
        ObjectNode env = body.putObject("env");
        spec.env().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> env.put(e.getKey(), e.getValue()));
        env.put(SSH_KEY_ENV, spec.sshPublicKey());
        body.put("onstart", ONSTART);
        body.put("runtype", "ssh");
        body.put("label", spec.label());
        // fail instead of leaving a stopped (and disk-billed) instance when the offer is gone
        body.put("cancel_unavail", true);
        return body;
    }

    /** An instance object as in {@code {"instances": {...}}} and the v1 list. */
    static ProviderInstance instance(JsonNode inst) {
        String status = text(inst, "actual_status");
        return new ProviderInstance(PROVIDER, text(inst, "id"), text(inst, "label"), state(status),
                text(inst, "host_id"), text(inst, "ssh_host"), integer(inst, "ssh_port"), decimal(inst, "dph_total"),
                text(inst, "status_msg") != null ? text(inst, "status_msg") : status, ports(inst));
    }

    /**
     * vast's port map ({@code "ports": {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41234"}]}}) on
     * the machine's public address; SSH (22) is left out, the connection shows it.
     */
    static java.util.List<ExposedPort> ports(JsonNode inst) {
        JsonNode map = inst.get("ports");
        if (map == null || !map.isObject()) {
            return java.util.List.of();
        }
        String ip = text(inst, "public_ipaddr");
        String host = ip != null && !ip.isBlank() ? ip.strip() : text(inst, "ssh_host");
        java.util.List<ExposedPort> out = new java.util.ArrayList<>();
        map.fields().forEachRemaining(e -> {
            String[] kp = e.getKey().split("/", 2);
            int privatePort;
            try {
                privatePort = Integer.parseInt(kp[0]);
            } catch (NumberFormatException ex) {
                return;
            }
            if (privatePort == 22 || !e.getValue().isArray() || e.getValue().isEmpty()) {
                return;
            }
            JsonNode binding = e.getValue().get(0);
            Integer publicPort = null;
            try {
                publicPort = Integer.valueOf(binding.path("HostPort").asText());
            } catch (NumberFormatException ex) {
                return;
            }
            out.add(new ExposedPort(privatePort, kp.length > 1 ? kp[1] : "tcp", host, publicPort, null));
        });
        out.sort(java.util.Comparator.comparingInt(ExposedPort::privatePort));
        return out;
    }

    static State state(String actualStatus) {
        if (actualStatus == null) {
            return State.PROVISIONING;
        }
        return switch (actualStatus.toLowerCase()) {
            case "loading", "created", "rebooting" -> State.LOADING;
            case "running" -> State.RUNNING;
            case "stopped", "frozen" -> State.STOPPED;
            // a machine in these never reaches running (vast's advice: destroy it and rent another)
            case "exited", "offline", "unknown" -> State.FAILED;
            default -> State.UNKNOWN; // whatever vast adds next
        };
    }

    /** The single instance of a show-instance answer, or null when vast no longer has it. */
    static JsonNode singleInstance(JsonNode root) {
        JsonNode inst = root.get("instances");
        if (inst != null && inst.isArray()) {
            inst = inst.isEmpty() ? null : inst.get(0);
        }
        return present(inst) && inst.isObject() && inst.size() > 0 ? inst : null;
    }
}
