package io.snapgpu.offer;

/** An offer with what SnapGPU has observed of its host (null when never seen). */
public record RankedOffer(Offer offer, Double hostBootP50Seconds, Integer hostBoots, Double hostFailureRate) {
}
