package io.snapgpu.provider.http;

import io.snapgpu.config.UtcClock;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off that waits at least as long as a 429's Retry-After asks, everything capped
 * so a provider asking for an hour cannot stall a race. One instance per guarded call (SmallRye
 * Fault Tolerance asks its supplier for a fresh one each time).
 */
public final class RetryBackoff implements CustomBackoffStrategy {
    private final long initialMillis;
    private final long maxMillis;
    private final long jitterMillis;
    private int retries;

    public RetryBackoff(Duration initial, Duration max, Duration jitter) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.jitterMillis = Math.max(0, jitter.toMillis());
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        Duration retryAfter = cause instanceof ProviderCallException pce ? pce.retryAfter() : null;
        long delay = delayMillis(retries++, retryAfter);
        long jitter = jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
        return Math.min(maxMillis, delay + jitter);
    }

    /** The wait before retry number {@code retry + 1}, without jitter. */
    long delayMillis(int retry, Duration retryAfter) {
        long exponential = initialMillis << Math.min(retry, 30);
        if (exponential <= 0) {
            exponential = maxMillis;
        }
        long wanted = retryAfter == null ? exponential : Math.max(exponential, retryAfter.toMillis());
        return Math.min(maxMillis, wanted);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String header) {
        return parseRetryAfter(header, UtcClock.instant());
    }

    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
