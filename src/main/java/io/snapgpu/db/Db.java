package io.snapgpu.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs a unit of database work in its own Hibernate Reactive session on its own duplicated Vert.x
 * context. Two reasons: several GraphQL root fields resolve concurrently on one context and would
 * otherwise share (and break) one session (quarkus issue 32870); and provider or process callbacks
 * arrive on foreign threads, from which Panache must not be touched directly.
 */
@ApplicationScoped
public class Db {
    private final Vertx vertx;

    public Db(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> tx(Supplier<Uni<T>> work) {
        return onNewContext(() -> Panache.withTransaction(work));
    }

    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return onNewContext(() -> Panache.withSession(work));
    }

    private <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }
}
