package io.snapgpu.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.provider.ProviderException.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The back-off arithmetic and Retry-After parsing, without an app. */
class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        assertEquals(500, backoff.delayMillis(0, null));
        assertEquals(1000, backoff.delayMillis(1, null));
        assertEquals(16000, backoff.delayMillis(5, null));
        assertEquals(30000, backoff.delayMillis(6, null));
        assertEquals(30000, backoff.delayMillis(200, null), "no overflow for absurd retry counts");
    }

    @Test
    void waitsAsLongAsRetryAfterAsksButNeverBeyondTheCap() {
        assertEquals(7000, backoff.delayMillis(0, Duration.ofSeconds(7)));
        assertEquals(2000, backoff.delayMillis(2, Duration.ofMillis(10)), "a short Retry-After does not shorten back-off");
        assertEquals(30000, backoff.delayMillis(0, Duration.ofHours(1)));
    }

    @Test
    void readsRetryAfterFromTheFailure() {
        RetryBackoff fresh = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ZERO);
        ProviderCallException rateLimited = ProviderCallException.answered("vastai", Kind.RATE_LIMITED, "429", 429,
                Duration.ofSeconds(3), false);

        assertEquals(3000, fresh.nextDelayInMillis(rateLimited));
        assertEquals(200, fresh.nextDelayInMillis(new RuntimeException("other")), "second retry, exponential");
    }

    @Test
    void jitterAddsAtMostItsAmountAndStaysUnderTheCap() {
        RetryBackoff jittery = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(100));
        for (int i = 0; i < 50; i++) {
            long delay = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(100))
                    .nextDelayInMillis(null);
            assertTrue(delay >= 100 && delay <= 200, "delay " + delay);
            assertTrue(jittery.nextDelayInMillis(null) <= 150);
        }
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertEquals(Duration.ofSeconds(120), RetryBackoff.parseRetryAfter("120", now));
        assertEquals(Duration.ofSeconds(30), RetryBackoff.parseRetryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now));
        assertEquals(Duration.ZERO, RetryBackoff.parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now));
        assertNull(RetryBackoff.parseRetryAfter("soon", now));
        assertNull(RetryBackoff.parseRetryAfter("-5", now));
        assertNull(RetryBackoff.parseRetryAfter(null, now));
    }
}
