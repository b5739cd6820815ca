package io.snapgpu.api.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.api.OfferView;
import io.snapgpu.offer.OfferFilter;
import io.snapgpu.offer.OfferService;
import io.snapgpu.offer.OfferSort;
import io.snapgpu.validation.FieldErrors;
import io.snapgpu.validation.Inputs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** GET /api/v1/offers?gpu_models=RTX 4090,A100 80GB&max_price_per_hour=1.5&sort=BOOT_TIME&limit=20 */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {
    private final OfferService offers;
    private final SecurityIdentity identity;

    public OfferResource(OfferService offers, SecurityIdentity identity) {
        this.offers = offers;
        this.identity = identity;
    }

    @Authenticated
    @GET
    public Uni<OfferView.Page> search(@QueryParam("providers") String providers, @QueryParam("gpu_models") String gpuModels,
            @QueryParam("gpu_count_min") String gpuCountMin, @QueryParam("gpu_ram_gb_min") String gpuRamGbMin,
            @QueryParam("max_price_per_hour") String maxPrice, @QueryParam("region") String region,
            @QueryParam("reliability_min") String reliabilityMin, @QueryParam("inet_down_mbps_min") String inetDown,
            @QueryParam("cuda_version_min") String cudaMin, @QueryParam("verified") String verified,
            @QueryParam("disk_gb_min") String diskMin, @QueryParam("sort") String sort,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        FieldErrors unreadable = Inputs.check(); // every parameter that is not what it must be, at once
        OfferFilter filter = new OfferFilter(list(providers), list(gpuModels),
                parse(unreadable, "gpu_count_min", gpuCountMin, Integer::valueOf, "an integer"),
                parse(unreadable, "gpu_ram_gb_min", gpuRamGbMin, Integer::valueOf, "an integer"),
                parse(unreadable, "max_price_per_hour", maxPrice, BigDecimal::new, "a number"), region,
                parse(unreadable, "reliability_min", reliabilityMin, Double::valueOf, "a number"),
                parse(unreadable, "inet_down_mbps_min", inetDown, Double::valueOf, "a number"),
                parse(unreadable, "cuda_version_min", cudaMin, Double::valueOf, "a number"),
                parse(unreadable, "verified", verified, OfferResource::bool, "true or false"),
                parse(unreadable, "disk_gb_min", diskMin, Double::valueOf, "a number"));
        OfferSort s = parse(unreadable, "sort", sort, v -> OfferSort.valueOf(v.toUpperCase()),
                "one of " + Arrays.toString(OfferSort.values()));
        Integer off = parse(unreadable, "offset", offset, Integer::valueOf, "an integer");
        Integer lim = parse(unreadable, "limit", limit, Integer::valueOf, "an integer");
        unreadable.throwIfAny();
        return offers.search(filter, s, off == null ? 0 : off, lim == null ? 50 : lim).map(OfferView.Page::of);
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? null : Arrays.stream(csv.split(",")).map(String::strip).toList();
    }

    private static Boolean bool(String v) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(v);
        }
        return Boolean.valueOf(v);
    }

    private static <T> T parse(FieldErrors errors, String field, String value, Function<String, T> parser,
            String allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (RuntimeException e) {
            errors.add(field, "must be " + allowed + " (got '" + (value.length() > 40 ? value.substring(0, 40) : value)
                    + "')");
            return null;
        }
    }
}
