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
