// Restore progress as the screen shows it, from restoreProgress items.

export interface RestoreProgressItem {
  phase?: string | null;
  bytesDone: number;
  bytesTotal?: number | null;
  filesDone: number;
  filesTotal?: number | null;
  bytesPerSecond: number;
  etaSeconds?: number | null;
  usableAt?: string | null;
  error?: string | null;
}

export const PHASE_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  ACQUIRING_MACHINE: 'Getting a machine (launch race)',
  CRITICAL_FILES: 'Restoring the files you need first',
  REMAINING_FILES: 'Restoring the remaining files',
  VERIFYING: 'Verifying the restored files',
  DONE: 'Done',
  FAILED: 'Failed',
};

export function phaseLabel(phase: string | null | undefined): string {
  return phase ? PHASE_LABELS[phase] ?? phase : 'Starting';
}

/** 0..100, or null while the size is unknown; a finished restore is 100 whatever the byte counts say. */
export function restorePercent(p: RestoreProgressItem | null | undefined): number | null {
  if (!p) return null;
  if (p.phase === 'DONE') return 100;
  if (p.bytesTotal == null || p.bytesTotal <= 0) {
    return p.phase === 'QUEUED' || p.phase === 'ACQUIRING_MACHINE' ? 0 : null;
  }
  return Math.min(100, (p.bytesDone / p.bytesTotal) * 100);
}

export function isFinished(phase: string | null | undefined): boolean {
  return phase === 'DONE' || phase === 'FAILED';
}

export interface RestoreSnapshotRef { id?: string | null; createdAt?: string | null; description?: string | null; totalBytes?: number | null }
export interface RestoreMachineRef { id?: string | null; hostId?: string | null; gpuModel?: string | null; gpuCount?: number | null; status?: string | null }

/** The snapshot and machine columns of the restores list: what the user recognises, the id when nothing more is known. */
export function restoreColumns(
  job: { snapshotId?: string | null; instanceId?: string | null; raceId?: string | null },
  snapshots: (RestoreSnapshotRef | null | undefined)[],
  machines: (RestoreMachineRef | null | undefined)[],
  formatTime: (iso: string) => string,
): { snapshot: string; machine: string } {
  const s = snapshots.find((x) => x?.id && x.id === job.snapshotId);
  const m = machines.find((x) => x?.id && x.id === job.instanceId);
  const snapshot = s
    ? [s.createdAt ? formatTime(s.createdAt) : null, s.description || null].filter(Boolean).join(' · ') || short(job.snapshotId)
    : job.snapshotId ? `${short(job.snapshotId)} (deleted or older)` : '—';
  let machine: string;
  if (m) {
    const gpu = m.gpuModel ? `${m.gpuCount && m.gpuCount > 1 ? `${m.gpuCount}× ` : ''}${m.gpuModel}` : null;
    machine = [m.hostId, gpu].filter(Boolean).join(' · ') || short(job.instanceId);
  } else if (job.instanceId) {
    machine = short(job.instanceId);
  } else {
    machine = job.raceId ? 'new machine (launch race running)' : '—';
  }
  return { snapshot, machine };
}

function short(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

/**
 * "Time left" as the restore page shows it: the server's estimate (from the recent rate), "estimating…"
 * while it has too little to go on, nothing once the restore has ended.
 */
export function timeLeft(p: RestoreProgressItem | null | undefined, format: (seconds: number) => string): string {
  if (!p || isFinished(p.phase)) return '—';
  if (p.etaSeconds == null) return p.phase === 'QUEUED' || p.phase === 'ACQUIRING_MACHINE' ? '—' : 'estimating…';
  return format(p.etaSeconds);
}
