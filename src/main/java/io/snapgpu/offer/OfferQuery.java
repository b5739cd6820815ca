package io.snapgpu.offer;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What a person asks of offers; every field is optional (null or empty = no constraint).
 * Providers translate what they can into their own query and the offer service filters the rest.
 */
public record OfferQuery(
        Set<String> providers,
        Set<String> gpuModels,
        Integer gpuCountMin,
        Integer gpuRamMbMin,
        BigDecimal maxPricePerHour,
        String region,
        Double reliabilityMin,
        Double inetDownMbpsMin,
        Double cudaVersionMin,
        Boolean verified,
        Double diskGbMin,
        int limit) {

    public static OfferQuery any() {
        return new OfferQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, null, null, 100);
    }

    /** Whether an offer satisfies every constraint (used after a provider's own, coarser search). */
    public boolean matches(Offer o) {
        return (providers == null || providers.isEmpty() || providers.contains(o.provider()))
                && (gpuModels == null || gpuModels.isEmpty() || gpuModels.stream().anyMatch(m -> m.equalsIgnoreCase(o.gpuModel())))
                && (gpuCountMin == null || o.gpuCount() >= gpuCountMin)
                && (gpuRamMbMin == null || (o.gpuRamMb() != null && o.gpuRamMb() >= gpuRamMbMin))
                && (maxPricePerHour == null || o.pricePerHour().compareTo(maxPricePerHour) <= 0)
                && (region == null || region.isBlank() || (o.region() != null && o.region().toLowerCase().contains(region.toLowerCase())))
                && (reliabilityMin == null || (o.reliability() != null && o.reliability() >= reliabilityMin))
                && (inetDownMbpsMin == null || (o.inetDownMbps() != null && o.inetDownMbps() >= inetDownMbpsMin))
                && (cudaVersionMin == null || (o.cudaVersion() != null && o.cudaVersion() >= cudaVersionMin))
                && (verified == null || !verified || o.verified())
                && (diskGbMin == null || (o.diskGb() != null && o.diskGb() >= diskGbMin));
    }
}
