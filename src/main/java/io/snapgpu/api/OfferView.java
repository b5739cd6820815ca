package io.snapgpu.api;

import io.snapgpu.offer.Offer;
import io.snapgpu.offer.OfferPage;
import io.snapgpu.offer.RankedOffer;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.graphql.Type;

@Type("Offer")
public record OfferView(String provider, String offerId, String hostId, String gpuModel, int gpuCount, Integer gpuRamMb,
        Double cpuCores, Integer ramMb, Double diskGb, BigDecimal pricePerHour, String region, Double reliability,
        Double inetDownMbps, Double inetUpMbps, Double cudaVersion, boolean verified, Double hostBootP50Seconds,
        Integer hostBoots, Double hostFailureRate) {

    public static OfferView of(RankedOffer r) {
        Offer o = r.offer();
        return new OfferView(o.provider(), o.offerId(), o.hostId(), o.gpuModel(), o.gpuCount(), o.gpuRamMb(),
                o.cpuCores(), o.ramMb(), o.diskGb(), o.pricePerHour(), o.region(), o.reliability(), o.inetDownMbps(),
                o.inetUpMbps(), o.cudaVersion(), o.verified(), r.hostBootP50Seconds(), r.hostBoots(), r.hostFailureRate());
    }

    @Type("OfferPage")
    public record Page(List<OfferView> items, int total, int offset, int limit, List<OfferPage.ProviderError> errors) {
        public static Page of(OfferPage p) {
            return new Page(p.items().stream().map(OfferView::of).toList(), p.total(), p.offset(), p.limit(), p.errors());
        }
    }
}
