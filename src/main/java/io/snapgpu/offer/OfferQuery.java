package io.snapgpu.offer;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What a person asks of offers; every field is optional (null or empty = no constraint).
 * Providers translate what they can into their own query and the offer service filters the rest.
 * {@code gpuModels} holds SnapGPU's names ({@link GpuModels}); {@code diskGb} is the disk the machine
 * will be created with (null: the provider's default), which prices and filters offers.
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
        int limit,
        Integer diskGb) {

    /** A query without the disk the machine will get; providers then price for their default disk. */
    public OfferQuery(Set<String> providers, Set<String> gpuModels, Integer gpuCountMin, Integer gpuRamMbMin,
            BigDecimal maxPricePerHour, String region, Double reliabilityMin, Double inetDownMbpsMin,
            Double cudaVersionMin, Boolean verified, Double diskGbMin, int limit) {
        this(providers, gpuModels, gpuCountMin, gpuRamMbMin, maxPricePerHour, region, reliabilityMin, inetDownMbpsMin,
                cudaVersionMin, verified, diskGbMin, limit, null);
    }

    public static OfferQuery any() {
        return new OfferQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, null, null, 100);
    }

    /**
     * The same query for machines that will be created with {@code diskGb} of disk: vast.ai prices an
     * offer for the disk asked for (5 GB when none is), and a host with less free disk cannot take it.
     */
    public OfferQuery withDiskGb(int diskGb) {
        return new OfferQuery(providers, gpuModels, gpuCountMin, gpuRamMbMin, maxPricePerHour, region, reliabilityMin,
                inetDownMbpsMin, cudaVersionMin, verified, diskGbMin, limit, diskGb);
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
                && (diskGbMin == null || (o.diskGb() != null && o.diskGb() >= diskGbMin))
                && (diskGb == null || o.diskGb() == null || o.diskGb() >= diskGb);
    }
}
