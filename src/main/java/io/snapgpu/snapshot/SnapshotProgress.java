package io.snapgpu.snapshot;

import io.snapgpu.progress.ProgressEvent;
import io.snapgpu.restic.BackupStatus;

/** One item of a snapshot's progress stream, as restic reported it: running figures, then the end. */
public record SnapshotProgress(int seq, String type, Double percentDone, Long filesDone, Long totalFiles,
        Long bytesDone, Long totalBytes, Long secondsRemaining, boolean done) {

    /** The kinds of event a snapshot publishes. */
    static final String RUNNING = "PROGRESS";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    static SnapshotProgress of(ProgressEvent e) {
        if (RUNNING.equals(e.type())) {
            BackupStatus s = e.payloadAs(BackupStatus.class);
            return new SnapshotProgress(e.seq(), e.type(), s.percentDone(), s.filesDone(), s.totalFiles(),
                    s.bytesDone(), s.totalBytes(), s.secondsRemaining(), false);
        }
        return new SnapshotProgress(e.seq(), e.type(), SUCCEEDED.equals(e.type()) ? 1.0 : null, null, null, null,
                null, 0L, e.terminal());
    }
}
