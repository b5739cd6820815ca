package io.snapgpu.provider.http;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * What every marketplace API adapter is configured with. Each provider's own {@code @ConfigMapping}
 * extends this and adds its base URL, so the env variables read SNAPGPU_VASTAI_API_KEY,
 * SNAPGPU_RUNPOD_RETRY_MAX_RETRIES, and so on.
 */
public interface ProviderApiConfig {

    /** The API key; unset = the provider is disabled. Sent only in the Authorization header. */
    Optional<String> apiKey();

    @WithDefault("5s")
    Duration connectTimeout();

    /** How long one read call (search, status, list, destroy) may take, per attempt. */
    @WithDefault("20s")
    Duration callTimeout();

    /** How long a create may take. It is never repeated after a timeout, so it gets more room. */
    @WithDefault("60s")
    Duration createTimeout();

    Retry retry();

    CircuitBreaker circuitBreaker();

    interface Retry {
        /** Retries after the first attempt for 429, 5xx, timeouts and connection failures. */
        @WithDefault("3")
        int maxRetries();

        /** First back-off; it doubles per retry up to {@link #maxBackoff()}. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Cap on any single back-off, including what a 429's Retry-After asks for. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Random extra wait up to this much, so parallel callers do not retry in lock-step. */
        @WithDefault("250ms")
        Duration jitter();

        /** Give up retrying once this much time has passed since the first attempt. */
        @WithDefault("2m")
        Duration maxDuration();
    }

    interface CircuitBreaker {
        /** Rolling window of attempts the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the circuit stays open before one trial call is let through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls needed to close it again. */
        @WithDefault("1")
        int successThreshold();
    }
}
