package io.snapgpu.offer;

import io.snapgpu.validation.InputException;
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

    public OfferQuery toQuery(List<String> knownProviders, int limit) {
        Set<String> ps = new LinkedHashSet<>();
        if (providers != null) {
            Inputs.maxItems("filter.providers", providers, 10);
            for (String p : providers) {
                ps.add(Inputs.oneOf("filter.providers", p, knownProviders));
            }
        }
        Set<String> models = new LinkedHashSet<>();
        if (gpuModels != null) {
            Inputs.maxItems("filter.gpuModels", gpuModels, 30);
            for (String m : gpuModels) {
                Set<String> meant = GpuModels.resolve(m);
                if (meant.isEmpty()) {
                    // a short hint, not the whole catalogue: a word or part of a name is enough
                    throw new InputException("filter.gpuModels", "no GPU model matches '"
                            + (m == null ? "" : m.length() > 40 ? m.substring(0, 40) : m)
                            + "' (give a model or part of its name, e.g. H100, 4090, A100 80GB)");
                }
                models.addAll(meant);
            }
        }
        if (gpuCountMin != null) {
            Inputs.range("filter.gpuCountMin", gpuCountMin, 1, 16);
        }
        if (gpuRamGbMin != null) {
            Inputs.range("filter.gpuRamGbMin", gpuRamGbMin, 1, 1024);
        }
        if (maxPricePerHour != null && (maxPricePerHour.signum() <= 0 || maxPricePerHour.compareTo(BigDecimal.valueOf(1000)) > 0)) {
            throw new InputException("filter.maxPricePerHour", "must be more than 0 and at most 1000 ($/h) (got "
                    + maxPricePerHour.toPlainString() + ")");
        }
        String r = region == null || region.isBlank() ? null : Inputs.name("filter.region", region, 40);
        fraction("filter.reliabilityMin", reliabilityMin);
        nonNegative("filter.inetDownMbpsMin", inetDownMbpsMin, 1_000_000);
        nonNegative("filter.cudaVersionMin", cudaVersionMin, 100);
        nonNegative("filter.diskGbMin", diskGbMin, 100_000);
        return new OfferQuery(ps, models, gpuCountMin, gpuRamGbMin == null ? null : gpuRamGbMin * 1024,
                maxPricePerHour, r, reliabilityMin, inetDownMbpsMin, cudaVersionMin, verified, diskGbMin, limit);
    }

    private static void fraction(String field, Double v) {
        if (v != null && (v.isNaN() || v < 0 || v > 1)) {
            throw new InputException(field, "must be between 0 and 1 (got " + v + ")");
        }
    }

    private static void nonNegative(String field, Double v, double max) {
        if (v != null && (v.isNaN() || v < 0 || v > max)) {
            throw new InputException(field, "must be between 0 and " + (long) max + " (got " + v + ")");
        }
    }
}
