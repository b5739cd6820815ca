package io.snapgpu.race;

import io.snapgpu.provider.http.ProviderTestProfile;
import io.snapgpu.support.FakeR2;
import io.snapgpu.support.TestAuth;
import java.util.Map;

/**
 * The provider profile with its bucket in a local R2 ({@link FakeR2}): machines get temporary
 * credentials from Cloudflare's API, never the bucket's key. Started once per JVM.
 */
public class ScopedCredentialsProfile extends ProviderTestProfile {
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final String API_TOKEN = "cf-test-api-token-5b1e9d0c7a";
    private static FakeR2 r2;
    /** Its own vast.ai port: another profile's app (another class loader) may still hold the shared one. */
    private static final int VAST_PORT = freeLoopbackPort();

    private static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static synchronized FakeR2 r2() {
        if (r2 == null) {
            r2 = FakeR2.start(ACCOUNT, API_TOKEN);
            TestAuth.remember(API_TOKEN);
            TestAuth.remember(r2.parentSecret());
        }
        return r2;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
        FakeR2 fake = r2();
        config.put("snapgpu.vastai.base-url", "http://127.0.0.1:" + VAST_PORT);
        config.put("snapgpu.s3.endpoint", fake.url());
        config.put("snapgpu.s3.access-key-id", fake.parentKeyId());
        config.put("snapgpu.s3.secret-access-key", fake.parentSecret());
        config.put("snapgpu.s3.bucket", "snapgpu");
        config.put("snapgpu.machine-credentials.mode", "r2");
        config.put("snapgpu.machine-credentials.r2.account-id", ACCOUNT);
        config.put("snapgpu.machine-credentials.r2.api-token", API_TOKEN);
        config.put("snapgpu.machine-credentials.r2.api-url", fake.apiUrl());
        return config;
    }
}
