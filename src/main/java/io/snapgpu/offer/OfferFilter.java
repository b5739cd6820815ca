package io.snapgpu.offer;

import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Offer filters as a person sends them; {@link #toQuery} validates every field. */
public record OfferFilter(List<String> providers, List<String> gpuModels, Integer gpuCountMin, Integer gpuRamGbMin,
        BigDecimal maxPricePerHour, String region, Double reliabilityMin, Double inetDownMbpsMin,
        Double cudaVersionMin, Boolean verified, Double diskGbMin) {

    public static OfferFilter none() {
        return new OfferFilter(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * These filters with a price cap of the caller's on top: the lower of the two caps holds. A race's
     * max $/h per machine becomes part of the filter it stores, so a recovered race keeps it too.
     */
    public OfferFilter withMaxPricePerHour(BigDecimal cap) {
        BigDecimal price = cap == null ? maxPricePerHour
                : maxPricePerHour == null || cap.compareTo(maxPricePerHour) < 0 ? cap : maxPricePerHour;
        return new OfferFilter(providers, gpuModels, gpuCountMin, gpuRamGbMin, price, region, reliabilityMin,
                inetDownMbpsMin, cudaVersionMin, verified, diskGbMin);
    }

    /** Every field checked; a refusal names each bad one as {@code filter.<field>}. */
    public OfferQuery toQuery(List<String> knownProviders, int limit) {
        FieldErrors errors = Inputs.check();
        Set<String> ps = new LinkedHashSet<>();
        errors.run(() -> Inputs.maxItems("filter.providers", providers, 10));
        if (providers != null && !errors.refused("filter.providers")) {
            for (String p : providers) {
                errors.run(() -> ps.add(Inputs.oneOf("filter.providers", p, knownProviders)));
            }
        }
        Set<String> models = new LinkedHashSet<>();
        errors.run(() -> Inputs.maxItems("filter.gpuModels", gpuModels, 30));
        if (gpuModels != null && !errors.refused("filter.gpuModels")) {
            for (String m : gpuModels) {
                Set<String> meant = GpuModels.resolve(m);
                if (meant.isEmpty()) {
                    // a short hint, not the whole catalogue: a word or part of a name is enough
                    errors.add("filter.gpuModels", "no GPU model matches '"
                            + (m == null ? "" : m.length() > 40 ? m.substring(0, 40) : m)
                            + "' (give a model or part of its name, e.g. H100, 4090, A100 80GB)");
                }
                models.addAll(meant);
            }
        }
        if (gpuCountMin != null) {
            errors.run(() -> Inputs.range("filter.gpuCountMin", gpuCountMin, 1, 16));
        }
        if (gpuRamGbMin != null) {
            errors.run(() -> Inputs.range("filter.gpuRamGbMin", gpuRamGbMin, 1, 1024));
        }
        errors.run(() -> Inputs.money("filter.maxPricePerHour", maxPricePerHour, 1000, "$/h"));
        String r = region == null || region.isBlank() ? null : errors.get(() -> Inputs.name("filter.region", region, 40));
        errors.run(() -> Inputs.between("filter.reliabilityMin", reliabilityMin, 0, 1));
        errors.run(() -> Inputs.between("filter.inetDownMbpsMin", inetDownMbpsMin, 0, 1_000_000));
        errors.run(() -> Inputs.between("filter.cudaVersionMin", cudaVersionMin, 0, 100));
        errors.run(() -> Inputs.between("filter.diskGbMin", diskGbMin, 0, 100_000));
        return errors.orThrow(new OfferQuery(ps, models, gpuCountMin, gpuRamGbMin == null ? null : gpuRamGbMin * 1024,
                maxPricePerHour, r, reliabilityMin, inetDownMbpsMin, cudaVersionMin, verified, diskGbMin, limit));
    }
}
