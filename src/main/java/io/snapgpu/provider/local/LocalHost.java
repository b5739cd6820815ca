package io.snapgpu.provider.local;

import java.math.BigDecimal;

/** A simulated marketplace host: its hardware, price and how it boots. Identities are stable per seed. */
public record LocalHost(String hostId, String gpuModel, int gpuCount, int gpuRamMb, BigDecimal pricePerHour,
        String region, double reliability, double inetDownMbps, double cudaVersion, BootProfile boot) {
}
