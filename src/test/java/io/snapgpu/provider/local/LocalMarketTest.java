package io.snapgpu.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LocalMarketTest {

    @Test
    void theMarketplacePresetHasTheAgreedBootSpread() {
        List<LocalHost> hosts = LocalMarket.generate("marketplace", 42, 40);
        assertEquals(40, hosts.size());
        long fast = count(hosts, 8, 30);
        long medium = count(hosts, 40, 120);
        long slow = count(hosts, 150, 400);
        Map<BootProfile.Kind, Long> kinds = hosts.stream().collect(Collectors.groupingBy(h -> h.boot().kind(),
                Collectors.counting()));
        assertEquals(18, fast, "45 % boot in 8-30 s");
        assertEquals(10, medium, "25 % in 40-120 s");
        assertEquals(6, slow, "15 % in 150-400 s");
        assertEquals(4, kinds.get(BootProfile.Kind.NEVER_READY), "10 % never");
        assertEquals(2, kinds.get(BootProfile.Kind.FAILS_AT_CREATE), "5 % fail at create");
    }

    @Test
    void theSameSeedGivesTheSameHosts() {
        assertEquals(LocalMarket.generate("marketplace", 7, 40), LocalMarket.generate("marketplace", 7, 40));
        assertTrue(!LocalMarket.generate("marketplace", 7, 40).equals(LocalMarket.generate("marketplace", 8, 40)));
        Map<String, LocalHost> byId = LocalMarket.generate("fast", 1, 10).stream()
                .collect(Collectors.toMap(LocalHost::hostId, Function.identity()));
        assertEquals(10, byId.size());
    }

    @Test
    void eachBootIsJitteredWithinTwentyPercent() {
        BootProfile p = BootProfile.boots(20);
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double s = p.sampleSeconds(r);
            assertTrue(s >= 16 && s <= 24, "sample " + s);
        }
        assertTrue(Double.isInfinite(new BootProfile(BootProfile.Kind.NEVER_READY, 0).sampleSeconds(r)));
    }

    private static long count(List<LocalHost> hosts, double lo, double hi) {
        return hosts.stream().filter(h -> h.boot().kind() == BootProfile.Kind.BOOTS
                && h.boot().baseSeconds() >= lo && h.boot().baseSeconds() <= hi).count();
    }
}
