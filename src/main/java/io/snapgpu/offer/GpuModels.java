package io.snapgpu.offer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GPU models under SnapGPU's own names, and what each marketplace calls them: vast.ai's
 * {@code gpu_name} and RunPod's GPU type ids differ from each other and from ours, so a filter is
 * translated per provider and offers come back under our names (docs/providers.md, "GPU names").
 * A name vast uses for two of ours (an A100 SXM4 has 40 or 80 GB) is told apart by the GPU memory.
 */
public final class GpuModels {

    /** One model: our name, its memory when two of ours share a provider name, and the providers' names. */
    public record Model(String name, Integer ramGb, List<String> vast, List<String> runpod) {
    }

    // vast names and RunPod ids marked in docs/providers.md as checked; the rest follow the same patterns
    static final List<Model> MODELS = List.of(
            m("RTX 3090", null, List.of("RTX 3090"), List.of("NVIDIA GeForce RTX 3090")),
            m("RTX 4080", null, List.of("RTX 4080"), List.of("NVIDIA GeForce RTX 4080")),
            m("RTX 4090", null, List.of("RTX 4090"), List.of("NVIDIA GeForce RTX 4090")),
            m("RTX 5090", null, List.of("RTX 5090"), List.of("NVIDIA GeForce RTX 5090")),
            m("RTX A4000", null, List.of("RTX A4000"), List.of("NVIDIA RTX A4000")),
            m("RTX A5000", null, List.of("RTX A5000"), List.of("NVIDIA RTX A5000")),
            m("RTX A6000", null, List.of("RTX A6000"), List.of("NVIDIA RTX A6000")),
            m("RTX 6000 Ada", null, List.of("RTX 6000Ada"), List.of("NVIDIA RTX 6000 Ada Generation")),
            m("A10", null, List.of("A10"), List.of()),
            m("A40", null, List.of("A40"), List.of("NVIDIA A40")),
            m("A100 40GB", 40, List.of("A100 SXM4", "A100 PCIE"), List.of()),
            m("A100 80GB", 80, List.of("A100 SXM4", "A100 PCIE", "A100X"),
                    List.of("NVIDIA A100-SXM4-80GB", "NVIDIA A100 80GB PCIe")),
            m("H100 80GB", 80, List.of("H100 SXM", "H100 PCIE"), List.of("NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe")),
            m("H100 NVL", 94, List.of("H100 NVL"), List.of("NVIDIA H100 NVL")),
            m("H200", null, List.of("H200"), List.of("NVIDIA H200")),
            m("B200", null, List.of("B200"), List.of("NVIDIA B200")),
            m("L4", null, List.of("L4"), List.of("NVIDIA L4")),
            m("L40", null, List.of("L40"), List.of("NVIDIA L40")),
            m("L40S", null, List.of("L40S"), List.of("NVIDIA L40S")),
            m("T4", null, List.of("Tesla T4"), List.of()),
            m("V100", null, List.of("Tesla V100"), List.of()));

    /** Our names, in catalogue order (validation messages list them). */
    public static final List<String> NAMES = MODELS.stream().map(Model::name).toList();

    private GpuModels() {
    }

    private static Model m(String name, Integer ramGb, List<String> vast, List<String> runpod) {
        return new Model(name, ramGb, vast, runpod);
    }

    public static Optional<Model> model(String name) {
        return MODELS.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The models a person's filter word means. An exact name (ignoring case, spaces, dashes and
     * underscores) of ours or of a provider's wins; otherwise every model whose names contain the word:
     * {@code H100} is both H100 models, {@code a100} both A100s. Empty when nothing matches.
     */
    public static Set<String> resolve(String filter) {
        String key = squash(filter);
        Set<String> found = new LinkedHashSet<>();
        if (key.length() < 2) {
            return found; // one character matches half the catalogue: surely not what was meant
        }
        for (Model m : MODELS) {
            if (names(m).stream().anyMatch(n -> squash(n).equals(key))) {
                found.add(m.name());
            }
        }
        if (!found.isEmpty()) {
            return found;
        }
        for (Model m : MODELS) {
            if (names(m).stream().anyMatch(n -> squash(n).contains(key))) {
                found.add(m.name());
            }
        }
        return found;
    }

    /** vast's names for these models (for {@code gpu_name: {in: [...]}}), sorted and without repeats. */
    public static List<String> vastNames(Set<String> models) {
        return models.stream().flatMap(n -> model(n).stream()).flatMap(m -> m.vast().stream()).distinct().sorted().toList();
    }

    /**
     * The GPU memory (MB) every one of these models has at least, with 10 % slack for how providers
     * count it; null when one of them has no memory of its own in the catalogue (no filter needed).
     */
    public static Integer minGpuRamMb(Set<String> models) {
        Integer min = null;
        for (String n : models) {
            Integer gb = model(n).map(Model::ramGb).orElse(null);
            if (gb == null) {
                return null;
            }
            int mb = (int) Math.floor(gb * 1024 * 0.9);
            min = min == null ? mb : Math.min(min, mb);
        }
        return min;
    }

    /** RunPod GPU type ids of these models; a model RunPod has no id for adds none. */
    public static Set<String> runpodIds(Set<String> models) {
        Set<String> ids = new LinkedHashSet<>();
        models.stream().flatMap(n -> model(n).stream()).forEach(m -> ids.addAll(m.runpod()));
        return ids;
    }

    /**
     * Our name for a vast {@code gpu_name}; {@code gpuRamMb} picks between models vast names alike
     * (the one whose memory is nearest). A name we do not know is kept as vast sent it.
     */
    public static String fromVast(String vastName, Integer gpuRamMb) {
        if (vastName == null) {
            return null;
        }
        List<Model> candidates = new ArrayList<>();
        for (Model m : MODELS) {
            if (m.vast().stream().anyMatch(v -> v.equalsIgnoreCase(vastName.trim()))) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            return vastName;
        }
        if (candidates.size() == 1 || gpuRamMb == null) {
            return candidates.get(candidates.size() - 1).name(); // without memory: the larger, today's common one
        }
        double gb = gpuRamMb / 1024.0;
        Model nearest = candidates.get(0);
        for (Model m : candidates) {
            if (m.ramGb() != null && (nearest.ramGb() == null || Math.abs(m.ramGb() - gb) < Math.abs(nearest.ramGb() - gb))) {
                nearest = m;
            }
        }
        return nearest.name();
    }

    /** Our name for a RunPod GPU type id; an id we do not know is kept as RunPod sent it. */
    public static String fromRunPod(String gpuTypeId) {
        if (gpuTypeId == null) {
            return null;
        }
        return MODELS.stream().filter(m -> m.runpod().stream().anyMatch(id -> id.equalsIgnoreCase(gpuTypeId.trim())))
                .map(Model::name).findFirst().orElse(gpuTypeId);
    }

    private static List<String> names(Model m) {
        List<String> all = new ArrayList<>(m.vast().size() + m.runpod().size() + 1);
        all.add(m.name());
        all.addAll(m.vast());
        all.addAll(m.runpod());
        return all;
    }

    private static String squash(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
}
