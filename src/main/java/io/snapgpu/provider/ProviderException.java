package io.snapgpu.provider;

/**
 * A provider call that failed, with what the caller should do about it. Messages never contain
 * API keys.
 */
@io.smallrye.graphql.api.ErrorCode("PROVIDER_ERROR")
public class ProviderException extends RuntimeException {
    public enum Kind {
        /** this offer cannot be had (rented meanwhile, unavailable): try another offer */
        OFFER_UNAVAILABLE,
        /** 429: back off and retry */
        RATE_LIMITED,
        /** the API key was refused */
        UNAUTHORIZED,
        /** the provider failed (5xx, timeout, bad answer): retry later, other providers are fine */
        BACKEND,
        /** the request was wrong (4xx other than the above) */
        BAD_REQUEST
    }

    private final String provider;
    private final Kind kind;
    private final String createdInstanceId;

    public ProviderException(String provider, Kind kind, String message, String createdInstanceId, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
        this.createdInstanceId = createdInstanceId;
    }

    public ProviderException(String provider, Kind kind, String message) {
        this(provider, kind, message, null, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** A machine the provider created although the call failed: the caller must destroy it. */
    public String createdInstanceId() {
        return createdInstanceId;
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.BACKEND;
    }
}
