package io.snapgpu.offer;

import java.util.List;

/** One page of offers from every enabled provider; a provider that failed is listed in {@code errors}. */
public record OfferPage(List<RankedOffer> items, int total, int offset, int limit, List<ProviderError> errors) {
    public record ProviderError(String provider, String message) {
    }
}
