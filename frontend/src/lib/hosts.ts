export interface HostRow {
  hostId?: string | null;
  provider?: string | null;
  boots: number;
  failures: number;
  failureRate: number;
  bootP50Seconds?: number | null;
  bootP90Seconds?: number | null;
  censored: number;
  lastSeenAt?: string | null;
}

/** Fast hosts first: observed median boot ascending, hosts never seen booting last, then by failure rate. */
export function rankHosts<T extends HostRow>(rows: T[]): T[] {
  return rows.slice().sort((a, b) => {
    const pa = a.bootP50Seconds ?? Number.POSITIVE_INFINITY;
    const pb = b.bootP50Seconds ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa - pb;
    if (a.failureRate !== b.failureRate) return a.failureRate - b.failureRate;
    return (a.hostId ?? '').localeCompare(b.hostId ?? '');
  });
}

/**
 * The hosts the table lists: every host a machine was started on, whatever became of it (booted, failed,
 * or destroyed before it was ready when it lost a race). Counting only boots and failures hid most race
 * losers: 5 hosts after ~16 machines.
 */
export function listedHosts<T extends HostRow>(rows: T[]): T[] {
  return rankHosts(rows.filter((h) => h.boots + h.failures + h.censored > 0));
}
