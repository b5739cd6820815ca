package io.snapgpu.provider;

import io.snapgpu.validation.InputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every provider SnapGPU knows, and which of them are configured. */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, GpuProvider> all;

    public ProviderRegistry(@Any Instance<GpuProvider> providers) {
        this.all = providers.stream().collect(Collectors.toMap(GpuProvider::name, p -> p, (a, b) -> a, TreeMap::new));
    }

    public List<GpuProvider> enabled() {
        return all.values().stream().filter(GpuProvider::enabled).toList();
    }

    public List<String> names() {
        return List.copyOf(all.keySet());
    }

    /** The enabled provider of that name, or an error naming {@code field} and what is allowed. */
    public GpuProvider require(String field, String name) {
        GpuProvider p = all.get(name);
        if (p == null) {
            throw new InputException(field, "must be one of " + names() + (name == null ? "" : " (got '" + name + "')"));
        }
        if (!p.enabled()) {
            throw new InputException(field, "provider '" + name + "' is not enabled: set SNAPGPU_"
                    + name.toUpperCase() + "_API_KEY (enabled: " + enabled().stream().map(GpuProvider::name).toList() + ")");
        }
        return p;
    }
}
