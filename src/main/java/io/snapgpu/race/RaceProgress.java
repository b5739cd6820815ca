package io.snapgpu.race;

import io.snapgpu.config.UtcClock;
import io.snapgpu.progress.ProgressEvent;
import java.time.OffsetDateTime;

/** One item of a race's progress stream: its current state first ({@code STATE}), then each stored or live event. */
public record RaceProgress(String type, int seq, OffsetDateTime at, boolean terminal, RaceEvent event,
        RaceDetails state) {
    public static final String STATE = "STATE";

    static RaceProgress state(RaceDetails d) {
        return new RaceProgress(STATE, 0, UtcClock.now(), false, null, d);
    }

    static RaceProgress of(ProgressEvent e) {
        return new RaceProgress(e.type(), e.seq(), e.at(), e.terminal(), e.payloadAs(RaceEvent.class), null);
    }
}
