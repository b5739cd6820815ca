package io.snapgpu.provider.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Helpers shared by the adapter tests. */
public final class ProviderAssertions {
    public static final Duration WAIT = Duration.ofSeconds(15);

    private ProviderAssertions() {
    }

    public static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /** The ProviderException the call fails with; fails the test when it succeeds or fails otherwise. */
    public static ProviderException failure(Uni<?> uni) {
        try {
            Object result = uni.await().atMost(WAIT);
            return fail("expected a ProviderException, got " + result);
        } catch (ProviderException e) {
            return e;
        }
    }

    public static long millisBetween(MockApiServer.Recorded first, MockApiServer.Recorded second) {
        return TimeUnit.NANOSECONDS.toMillis(second.receivedNanos() - first.receivedNanos());
    }

    /** Asserts neither the message nor any cause's message contains the secret. */
    public static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "API key leaked into: " + t.getMessage());
            assertFalse(t.toString().contains(secret), "API key leaked into: " + t);
        }
    }

    /** Collects every log line (formatted, with exception text) while open. */
    public static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");

        public LogCapture() {
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder(String.valueOf(message));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
