package io.snapgpu.provider.http;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.snapgpu.provider.ProviderException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Retry and circuit breaking for one provider, built with SmallRye Fault Tolerance's programmatic
 * API (annotations cannot read a 429's Retry-After nor take their settings from our config
 * mapping). One circuit breaker per provider guards every attempt of every call; two retry
 * policies sit outside it:
 * <ul>
 * <li>{@link #idempotent}: reads and destroys, retried on 429, 5xx, timeouts and connection failures;</li>
 * <li>{@link #createOnce}: a create is repeated only when the provider surely did nothing (429,
 * connection refused, circuit not yet tripped). After a timeout or a 5xx it may have rented a
 * machine, so the caller reconciles by label instead of renting a second one.</li>
 * </ul>
 * Per-attempt timeouts live in {@link ProviderHttp}, so a timeout is an ordinary
 * {@link ProviderCallException} that both policies understand. Results are delivered back on the
 * caller's Vert.x context when there was one (the HTTP client and the retry timer run elsewhere).
 */
public final class ProviderGuards {
    private static final Logger LOG = Logger.getLogger(ProviderGuards.class);

    private final String provider;
    private final Guard breaker;
    private final Guard retryIdempotent;
    private final Guard retryCreate;

    public ProviderGuards(String provider, ProviderApiConfig config) {
        this.provider = provider;
        ProviderApiConfig.CircuitBreaker cb = config.circuitBreaker();
        this.breaker = Guard.create()
                .withDescription(provider + " API")
                .withCircuitBreaker()
                .name(circuitBreakerName(provider))
                .requestVolumeThreshold(cb.requestVolumeThreshold())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(cb.successThreshold())
                // only an unhealthy provider trips it: a refused key, a bad request or a taken offer is
                // an answer from a working API, and a 429 is handled by backing off
                .when(e -> e instanceof ProviderException pe && pe.kind() == ProviderException.Kind.BACKEND)
                .onStateChange(state -> logState(state, cb))
                .done()
                .withThreadOffload(false)
                .build();
        this.retryIdempotent = retry(config, e -> e instanceof ProviderException pe && pe.retryable()
                && !(e instanceof ProviderCallException pce && pce.circuitOpen()));
        this.retryCreate = retry(config, e -> e instanceof ProviderCallException pce && pce.retryable()
                && !pce.outcomeUnknown() && !pce.circuitOpen() && pce.createdInstanceId() == null);
    }

    /** The name under which the breaker can be inspected or reset through {@code CircuitBreakerMaintenance}. */
    public static String circuitBreakerName(String provider) {
        return "snapgpu-provider-" + provider;
    }

    /** A call that may be repeated: each attempt is subscribed afresh from {@code attempt}. */
    public <T> Uni<T> idempotent(Supplier<Uni<T>> attempt) {
        return guarded(retryIdempotent, attempt);
    }

    /** A call that must not be repeated once the provider may have acted on it (see the class comment). */
    public <T> Uni<T> createOnce(Supplier<Uni<T>> attempt) {
        return guarded(retryCreate, attempt);
    }

    private <T> Uni<T> guarded(Guard retry, Supplier<Uni<T>> attempt) {
        TypeLiteral<Uni<T>> type = new TypeLiteral<>() {
        };
        Supplier<Uni<T>> throughBreaker = () -> breaker.get(() -> Uni.createFrom().deferred(attempt::get), type)
                .onFailure(CircuitBreakerOpenException.class)
                .transform(e -> ProviderCallException.circuitOpen(provider, e));
        return onCallersContext(retry.get(throughBreaker, type));
    }

    private Guard retry(ProviderApiConfig config, Predicate<Throwable> retryWhen) {
        ProviderApiConfig.Retry r = config.retry();
        return Guard.create()
                .withDescription(provider + " API retries")
                .withRetry()
                .maxRetries(r.maxRetries())
                .delay(r.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(r.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(retryWhen)
                .beforeRetry(e -> LOG.debugf("%s: retrying after: %s", provider, e.getMessage()))
                .withCustomBackoff()
                .strategy(() -> new RetryBackoff(r.initialBackoff(), r.maxBackoff(), r.jitter()))
                .done()
                .done()
                .withThreadOffload(false)
                .build();
    }

    private static <T> Uni<T> onCallersContext(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    private void logState(CircuitBreakerState state, ProviderApiConfig.CircuitBreaker cb) {
        switch (state) {
            case OPEN -> LOG.warnf("%s: API failing, circuit open; calls fail fast for %d ms", provider, cb.delay().toMillis());
            case HALF_OPEN -> LOG.infof("%s: trying the API again (circuit half-open)", provider);
            case CLOSED -> LOG.infof("%s: API healthy again (circuit closed)", provider);
        }
    }
}
