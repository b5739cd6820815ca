package io.snapgpu.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.snapgpu.instance.TerminationReason;
import io.snapgpu.race.CandidateStatus;
import io.snapgpu.race.RaceEvent;
import io.snapgpu.race.RaceStatus;
import io.snapgpu.restic.BackupStatus;
import io.snapgpu.restic.BackupSummary;
import io.snapgpu.restic.ResticSnapshot;
import io.snapgpu.restic.RestoreSize;
import io.snapgpu.restic.RestoreStatus;
import io.snapgpu.restore.RestorePhase;
import io.snapgpu.restore.RestoreService;

/**
 * Types that SnapGPU's own Jackson mappers (ResticJson, ProgressHub) read or write by reflection, and
 * that no extension registers for a native executable by itself: restic's JSON lines, and the progress
 * payloads stored as JSON and read back for subscribers. REST and GraphQL types, entities and config
 * mappings are registered by their extensions. Only a native build (mvn package -Pnative) uses this.
 */
@RegisterForReflection(targets = {
        BackupStatus.class, BackupSummary.class, RestoreStatus.class, RestoreSize.class, ResticSnapshot.class,
        RaceEvent.class, RaceStatus.class, CandidateStatus.class, TerminationReason.class,
        RestoreService.Progress.class, RestorePhase.class })
final class NativeReflection {
    private NativeReflection() {
    }
}
