package io.snapgpu.provider.runpod;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.snapgpu.provider.http.ProviderApiConfig;

/** RunPod: SNAPGPU_RUNPOD_API_KEY enables it; the rest has working defaults. */
@ConfigMapping(prefix = "snapgpu.runpod")
public interface RunPodConfig extends ProviderApiConfig {

    /** SNAPGPU_RUNPOD_BASE_URL: the GraphQL endpoint itself. */
    @WithDefault("https://api.runpod.io/graphql")
    String baseUrl();
}
