package io.snapgpu.provider.vastai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.snapgpu.provider.http.ProviderApiConfig;

/** vast.ai: SNAPGPU_VASTAI_API_KEY enables it; the rest has working defaults. */
@ConfigMapping(prefix = "snapgpu.vastai")
public interface VastAiConfig extends ProviderApiConfig {

    /** SNAPGPU_VASTAI_BASE_URL; paths /api/v0/... and /api/v1/... are appended. */
    @WithDefault("https://console.vast.ai")
    String baseUrl();
}
