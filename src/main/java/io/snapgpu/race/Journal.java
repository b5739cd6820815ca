package io.snapgpu.race;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a race's bookkeeping (rows, events) one piece after another, in the order asked, off the path
 * that decides the race: a slow write never delays the destroy calls, and events keep their order.
 */
final class Journal {
    private static final Logger LOG = Logger.getLogger(Journal.class);
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    synchronized void add(String what, Supplier<Uni<?>> work) {
        tail = tail.thenCompose(v -> {
            Uni<?> u;
            try {
                u = work.get();
            } catch (RuntimeException e) {
                u = Uni.createFrom().failure(e);
            }
            return u.onFailure().invoke(e -> LOG.warnf("Race bookkeeping '%s' failed: %s", what, e.toString()))
                    .onFailure().recoverWithNull().replaceWithVoid().subscribeAsCompletionStage();
        });
    }

    /** Completes when everything asked so far is done. */
    synchronized Uni<Void> drained() {
        CompletableFuture<Void> t = tail;
        return Uni.createFrom().completionStage(t::copy);
    }
}
