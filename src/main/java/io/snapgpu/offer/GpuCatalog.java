package io.snapgpu.offer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** GPU models SnapGPU knows by name, so a typo in a filter is an error and not an empty result. */
public final class GpuCatalog {
    public static final List<String> MODELS = List.of("RTX 3090", "RTX 4080", "RTX 4090", "RTX 5090", "RTX A4000",
            "RTX A5000", "RTX A6000", "RTX 6000 Ada", "A10", "A40", "A100 40GB", "A100 80GB", "H100 80GB", "H100 NVL",
            "H200", "B200", "L4", "L40", "L40S", "T4", "V100");

    private GpuCatalog() {
    }

    /** The catalog's spelling of {@code name}, ignoring case, spaces and underscores. */
    public static Optional<String> canonical(String name) {
        String key = squash(name);
        return MODELS.stream().filter(m -> squash(m).equals(key)).findFirst();
    }

    private static String squash(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
}
