package io.snapgpu.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.validation.InputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GpuModelsTest {

    @Test
    void anExactNameOfOursOrOfAProviderMeansThatModelOnly() {
        assertEquals(Set.of("RTX 4090"), GpuModels.resolve("rtx_4090"));
        assertEquals(Set.of("RTX 4090"), GpuModels.resolve("NVIDIA GeForce RTX 4090"));
        assertEquals(Set.of("A10"), GpuModels.resolve("A10"), "not every A100 as well");
        assertEquals(Set.of("L40"), GpuModels.resolve("l40"), "not the L40S");
        assertEquals(Set.of("H100 80GB"), GpuModels.resolve("NVIDIA H100 80GB HBM3"));
        assertEquals(Set.of("A100 40GB", "A100 80GB"), GpuModels.resolve("A100 SXM4"), "vast's name for both");
    }

    @Test
    void aPartOfANameMeansEveryModelWithIt() {
        assertEquals(Set.of("H100 80GB", "H100 NVL"), GpuModels.resolve("H100"));
        assertEquals(Set.of("A100 40GB", "A100 80GB"), GpuModels.resolve("a100"));
        assertEquals(Set.of("RTX 4090"), GpuModels.resolve("4090"));
        assertEquals(Set.of(), GpuModels.resolve("RTX 9999"));
        assertEquals(Set.of(), GpuModels.resolve("4"), "one character is too little to mean anything");
        assertEquals(Set.of(), GpuModels.resolve(null));
    }

    @Test
    void filtersGoOutUnderEachProvidersNames() {
        assertEquals(List.of("A100 PCIE", "A100 SXM4", "A100X", "H100 PCIE", "H100 SXM"),
                GpuModels.vastNames(Set.of("H100 80GB", "A100 80GB")));
        assertEquals(Set.of("NVIDIA A100-SXM4-80GB", "NVIDIA A100 80GB PCIe"), GpuModels.runpodIds(Set.of("A100 80GB")));
        assertEquals(Set.of(), GpuModels.runpodIds(Set.of("A10")), "RunPod has no id for it in the catalogue");
        assertEquals(73728, GpuModels.minGpuRamMb(Set.of("A100 80GB", "H100 80GB")));
        assertNull(GpuModels.minGpuRamMb(Set.of("A100 80GB", "RTX 4090")), "no memory of its own: no filter");
    }

    @Test
    void offersComeBackUnderOurNames() {
        assertEquals("A100 80GB", GpuModels.fromVast("A100 SXM4", 81920));
        assertEquals("A100 40GB", GpuModels.fromVast("A100 PCIE", 40960));
        assertEquals("H100 80GB", GpuModels.fromVast("H100 SXM", 81559));
        assertEquals("RTX 4090", GpuModels.fromVast("RTX 4090", 24564));
        assertEquals("Some New GPU", GpuModels.fromVast("Some New GPU", 1), "unknown names are kept");
        assertEquals("A100 80GB", GpuModels.fromRunPod("NVIDIA A100 80GB PCIe"));
        assertEquals("H100 80GB", GpuModels.fromRunPod("NVIDIA H100 PCIe"));
        assertEquals("RTX 3090", GpuModels.fromRunPod("NVIDIA GeForce RTX 3090"));
        assertEquals("NVIDIA Future", GpuModels.fromRunPod("NVIDIA Future"));
    }

    @Test
    void theLocalMarketplacesNamesAreOurs() {
        for (String local : List.of("RTX 4090", "RTX 3090", "A100 80GB", "H100 80GB", "L40S", "RTX A6000")) {
            assertEquals(Set.of(local), GpuModels.resolve(local), local);
            assertTrue(GpuModels.NAMES.contains(local), local);
        }
    }

    @Test
    void aFilterExpandsToOurNamesAndAnUnknownOneNamesTheField() {
        OfferQuery q = new OfferFilter(null, List.of("h100", "RTX 4090"), null, null, null, null, null, null, null, null,
                null).toQuery(List.of("local"), 10);
        assertEquals(Set.of("H100 80GB", "H100 NVL", "RTX 4090"), q.gpuModels());

        InputException e = assertThrows(InputException.class, () -> new OfferFilter(null, List.of("RTX 9999"), null,
                null, null, null, null, null, null, null, null).toQuery(List.of("local"), 10));
        assertEquals("filter.gpuModels", e.field());
        assertTrue(e.getMessage().contains("no GPU model matches 'RTX 9999'"), e.getMessage());
        assertFalse(e.getMessage().contains("H100 80GB"), "a short hint with examples, not the whole catalogue: " + e.getMessage());
    }
}
