package io.snapgpu.progress;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Listens on PostgreSQL for progress published by any replica ({@code LISTEN snapgpu_progress}) on
 * one dedicated connection, reconnecting when it drops; a subscriber here then streams work that
 * another replica drives.
 */
@ApplicationScoped
public class ProgressListener {
    private static final Logger LOG = Logger.getLogger(ProgressListener.class);

    private final ProgressHub hub;
    private final Config config;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopping;

    public ProgressListener(ProgressHub hub, Config config) {
        this.hub = hub;
        this.config = config;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        PgSubscriber s = PgSubscriber.subscriber(vertx, connectOptions())
                .reconnectPolicy(attempt -> 1000L); // keep trying, once a second
        s.channel(ProgressHub.CHANNEL).handler(hub::notified);
        s.closeHandler(() -> {
            if (!stopping) {
                LOG.warn("Progress listener connection closed; reconnecting");
            }
        });
        subscriber = s;
        s.connect().subscribe().with(x -> LOG.debug("Listening for progress of other replicas"),
                e -> LOG.warnf("Could not listen for progress of other replicas (subscribers here see only work"
                        + " driven here until it connects): %s", e.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close().ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem((Void) null)
                    .onFailure().recoverWithNull().await().indefinitely();
        }
    }

    /** The same database as the application's pool. */
    private PgConnectOptions connectOptions() {
        String url = config.getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .or(() -> config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                        .map(u -> u.startsWith("jdbc:") ? u.substring(5) : u))
                .orElseThrow(() -> new IllegalStateException("no database URL configured"));
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        options.setMetricsName("snapgpu-progress-listener");
        Optional<String> user = config.getOptionalValue("quarkus.datasource.username", String.class);
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
