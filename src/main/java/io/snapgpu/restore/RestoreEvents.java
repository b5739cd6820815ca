package io.snapgpu.restore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.snapgpu.progress.ProgressEvent;
import io.snapgpu.progress.ProgressHub;
import io.snapgpu.restore.RestoreService.Progress;
import io.snapgpu.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A restore's progress stream: what is published of a job as it goes, and following it. */
@ApplicationScoped
public class RestoreEvents {
    private final ProgressHub hub;

    public RestoreEvents(ProgressHub hub) {
        this.hub = hub;
    }

    /** A subscriber on any replica waits for the job's events from now on. */
    Uni<Void> expect(RestoreJob job) {
        return hub.expect(job.tenantId, job.id);
    }

    Uni<ProgressEvent> publish(RestoreJob j, boolean terminal) {
        return publish(j, terminal, null);
    }

    /** The job as it stands; {@code measured}: its rate so far, null where none is known (phase changes, the end). */
    Uni<ProgressEvent> publish(RestoreJob j, boolean terminal, TransferRate measured) {
        double rate = measured == null ? 0 : measured.bytesPerSecond();
        Long eta = measured == null ? null : measured.etaSeconds(j.bytesTotal, j.bytesDone);
        return hub.publish(j.tenantId, ProgressEvent.SubjectType.RESTORE, j.id, j.phase.name(),
                new Progress(j.phase, j.bytesDone, j.bytesTotal, j.filesDone, j.filesTotal, rate, eta, j.usableAt, j.error),
                terminal);
    }

    /** The caller's restore as it goes (from its start), completing at its end; nothing for another tenant's. */
    Multi<Progress> follow(Caller caller, UUID id) {
        return hub.stream(caller.tenantId(), id).map(e -> e.payloadAs(Progress.class));
    }
}
