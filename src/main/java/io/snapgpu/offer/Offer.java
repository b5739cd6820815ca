package io.snapgpu.offer;

import java.math.BigDecimal;

/**
 * A rentable machine at a provider, in SnapGPU's units: RAM in MB, disk in GB, price in $/h,
 * bandwidth in Mbit/s. {@code hostId} is the physical host, which is what boot statistics follow.
 */
public record Offer(
        String provider,
        String offerId,
        String hostId,
        String machineId,
        String gpuModel,
        int gpuCount,
        Integer gpuRamMb,
        Double cpuCores,
        Integer ramMb,
        Double diskGb,
        BigDecimal pricePerHour,
        String region,
        Double reliability,
        Double inetDownMbps,
        Double inetUpMbps,
        Double cudaVersion,
        boolean verified) {
}
