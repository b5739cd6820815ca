package io.snapgpu.provider.http;

import io.snapgpu.provider.ProviderException;
import java.time.Duration;

/**
 * A failed provider call with what the retry and circuit-breaker policies need to know about it:
 * whether the provider may have acted on the request anyway, and how long a 429 asked us to wait.
 * Messages and bodies are redacted of the API key before they get here.
 */
public final class ProviderCallException extends ProviderException {
    private final String detail;
    private final int httpStatus;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;
    private final boolean circuitOpen;

    private ProviderCallException(String provider, Kind kind, String detail, int httpStatus, Duration retryAfter,
            boolean outcomeUnknown, boolean circuitOpen, String createdInstanceId, Throwable cause) {
        super(provider, kind, detail, createdInstanceId, cause);
        this.detail = detail;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
        this.circuitOpen = circuitOpen;
    }

    /** The provider answered; {@code outcomeUnknown} when the answer does not say whether it acted (5xx). */
    public static ProviderCallException answered(String provider, Kind kind, String detail, int httpStatus,
            Duration retryAfter, boolean outcomeUnknown) {
        return new ProviderCallException(provider, kind, detail, httpStatus, retryAfter, outcomeUnknown, false, null, null);
    }

    /** No usable answer (timeout, connection failure); {@code outcomeUnknown} unless the request never left. */
    public static ProviderCallException noAnswer(String provider, String detail, boolean outcomeUnknown, Throwable cause) {
        return new ProviderCallException(provider, Kind.BACKEND, detail, 0, null, outcomeUnknown, false, null, cause);
    }

    /** The circuit breaker refused the call: nothing was sent. */
    public static ProviderCallException circuitOpen(String provider, Throwable cause) {
        return new ProviderCallException(provider, Kind.BACKEND,
                "too many recent failures: calls are paused for a while (circuit open)", 0, null, false, true, null, cause);
    }

    /** The message without the provider prefix, for wrapping into a broader message. */
    public String detail() {
        return detail;
    }

    /** HTTP status of the answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** What a 429's Retry-After asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The provider may have carried the request out although we saw a failure (timeout, 5xx, cut connection). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public boolean circuitOpen() {
        return circuitOpen;
    }
}
