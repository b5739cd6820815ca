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
