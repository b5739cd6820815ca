package io.snapgpu.snapshot;

import java.time.Duration;

/** Why a snapshot was taken; each kind has its default retention. */
public enum SnapshotKind {
    AUTOMATIC(Duration.ofDays(7)), MANUAL(Duration.ofDays(90)), PRE_FAILOVER(Duration.ofDays(30)),
    PRE_RESTORE(Duration.ofDays(30));

    public final Duration defaultRetention;

    SnapshotKind(Duration defaultRetention) {
        this.defaultRetention = defaultRetention;
    }
}
