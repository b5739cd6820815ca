// How long snapshots are kept, said where the policy's retention is shown. The figures are the server's
// (BackupPolicy.manualRetentionDays / safetyRetentionDays): the policy's retention applies to automatic
// snapshots only, which read as "manual snapshots keep 90 days although the policy says 30" unexplained.

export interface RetentionFigures {
  retentionDays?: number | null;
  manualRetentionDays?: number | null;
  safetyRetentionDays?: number | null;
}

export function retentionExplanation(p: RetentionFigures | null | undefined): string {
  const auto = p?.retentionDays != null ? `Automatic snapshots are kept ${p.retentionDays} days.` : 'This applies to automatic snapshots.';
  const manual = p?.manualRetentionDays != null
    ? ` Snapshots you take yourself (“Snapshot now”) are kept ${p.manualRetentionDays} days, whatever this setting says`
    : ' Snapshots you take yourself keep their own retention';
  const safety = p?.safetyRetentionDays != null
    ? `; safety snapshots taken before a restore or a failover ${p.safetyRetentionDays} days.`
    : '.';
  return auto + manual + safety;
}
