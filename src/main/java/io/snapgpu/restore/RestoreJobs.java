package io.snapgpu.restore;

import io.smallrye.mutiny.Uni;
import io.snapgpu.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** Every query of restore jobs: the one place their rows are read and written. */
@ApplicationScoped
public class RestoreJobs {
    private final Db db;

    public RestoreJobs(Db db) {
        this.db = db;
    }

    /** Stores a new job and, in the same transaction, what {@code alsoRecord} keeps about it. */
    Uni<RestoreJob> insert(RestoreJob job, Function<RestoreJob, Uni<?>> alsoRecord) {
        return db.tx(() -> job.<RestoreJob>persistAndFlush().call(alsoRecord::apply));
    }

    /** Reads the row, changes it and writes what changed, in one transaction. */
    Uni<RestoreJob> update(UUID id, Consumer<RestoreJob> change) {
        return db.tx(() -> RestoreJob.<RestoreJob>findById(id).invoke(change));
    }

    Uni<Void> totals(UUID id, long bytes, long files) {
        return db.tx(() -> RestoreJob.update("bytesTotal = ?1, filesTotal = ?2 where id = ?3", bytes, files, id))
                .replaceWithVoid();
    }

    Uni<Void> countAttempt(UUID id) {
        return db.tx(() -> RestoreJob.update("attempts = attempts + 1 where id = ?1", id)).replaceWithVoid();
    }

    /**
     * Raises the counts while the job is active (a targeted update: the phase changes concurrently and
     * must not be overwritten; never lowers them, as records of one job may commit out of order; files done
     * never above the total); the row after.
     */
    Uni<RestoreJob> progressed(UUID id, long bytes, long files) {
        return db.tx(() -> RestoreJob.update("bytesDone = greatest(bytesDone, ?1),"
                + " filesDone = least(greatest(filesDone, ?2), coalesce(filesTotal, greatest(filesDone, ?2)))"
                + " where id = ?3 and phase in ?4", bytes, files, id, RestorePhase.ACTIVE))
                .chain(() -> db.read(() -> RestoreJob.<RestoreJob>findById(id)));
    }

    Uni<RestoreJob> find(UUID tenantId, UUID id) {
        return db.read(() -> RestoreJob.<RestoreJob>find("id = ?1 and tenantId = ?2", id, tenantId).firstResult());
    }

    Uni<List<RestoreJob>> list(UUID tenantId) {
        return db.read(() -> RestoreJob.<RestoreJob>list("tenantId = ?1 order by createdAt desc", tenantId));
    }
}
