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
