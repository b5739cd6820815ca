package io.snapgpu.api;

import io.snapgpu.offer.RankedOffer;
import io.snapgpu.race.RacePreview;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("LaunchRacePreview")
@Description("What a race would start, wave by wave, and its worst-case cost; nothing is started")
public record LaunchRacePreviewView(List<Wave> waves, int matchingOffers, int machines,
        @Description("seconds each machine may bill at most: the candidate timeout") int billedSecondsPerMachine,
        @Description("every machine of every wave billed for billedSecondsPerMachine, in $") BigDecimal worstCaseCost,
        @Description("how offers are ranked within the filter") String rankedBy,
        BigDecimal maxPricePerHour, BigDecimal maxRaceCost,
        @Description("false when worstCaseCost is above maxRaceCost: starting this race is refused") boolean withinCap) {

    @Type("LaunchRacePreviewWave")
    public record Wave(int wave, @Description("seconds after the start, at the latest") double startsAfterSeconds,
            List<OfferView> offers, @Description("$/h of the wave's machines together") BigDecimal pricePerHour) {
    }

    public static LaunchRacePreviewView of(RacePreview p) {
        return new LaunchRacePreviewView(p.waves().stream().map(w -> new Wave(w.wave(), w.startsAfterSeconds(),
                w.offers().stream().map(o -> OfferView.of(new RankedOffer(o, null, null, null))).toList(),
                w.pricePerHour())).toList(), p.matchingOffers(), p.machines(), p.billedSecondsPerMachine(),
                p.worstCaseCost(), p.rankedBy(), p.maxPricePerHour(), p.maxRaceCost(), p.withinCap());
    }
}
