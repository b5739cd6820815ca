package io.snapgpu.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopbackTest {
    @Test
    void onlyAddressesOfThisComputerCount() {
        for (String url : new String[] { "http://127.0.0.1:9000", "http://127.8.0.1", "http://localhost:8333/",
                "http://LOCALHOST", "http://s3.localhost:1", "http://[::1]:9000", "https://127.0.0.1/graphql" }) {
            assertTrue(Loopback.isLoopbackUrl(url), url);
        }
        for (String url : new String[] { "https://acct.r2.cloudflarestorage.com", "http://10.0.0.5:9000",
                "http://127.0.0.1.example.com", "http://128.0.0.1", "http://localhost.example.com", "https://console.vast.ai",
                "http://[::2]", "not a url", "", "http://127.0.0.256" }) {
            assertFalse(Loopback.isLoopbackUrl(url), url);
        }
        assertFalse(Loopback.isLoopbackUrl(null));
    }
}
