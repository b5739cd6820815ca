package io.snapgpu.cluster;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;

/**
 * A domain's work that a replica owns while it runs (a race, a snapshot, a restore, a failover, a
 * drill), as {@link Ownership} sees it: the table it lives in, and what to do with a row this replica
 * just took over from one that went away. Each such bean is visited by Ownership's one recovery round.
 */
public interface OwnedWork {
    WorkTable<UUID> table();

    /** The lease a taken-over row is held with; null: held while this replica's heartbeat is fresh. */
    default Duration lease() {
        return null;
    }

    /** Finishes or resumes a row this replica has just taken over (it holds it now). */
    Uni<Void> adopt(UUID id);
}
