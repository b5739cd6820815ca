import { describe, expect, it } from 'vitest';
import * as restore from './restore';

const t = (iso: string) => `at ${iso.slice(11, 16)}`;

describe('restores list columns', () => {
  it('names the snapshot by its time and description and the machine by host and GPU', () => {
    const c = restore.restoreColumns({ snapshotId: 's1', instanceId: 'i1' },
      [{ id: 's0', createdAt: '2026-01-01T09:00:00Z' }, { id: 's1', createdAt: '2026-01-01T10:30:00Z', description: 'before upgrade' }],
      [{ id: 'i1', hostId: 'host-7', gpuModel: 'RTX 4090', gpuCount: 2 }], t);
    expect(c).toEqual({ snapshot: 'at 10:30 · before upgrade', machine: 'host-7 · 2× RTX 4090' });
  });

  it('a restore still racing for its machine says so; unknown ids are shortened, never blank', () => {
    const c = restore.restoreColumns({ snapshotId: '0123456789abcdef', instanceId: null, raceId: 'r1' }, [], [], t);
    expect(c.machine).toMatch(/launch race/);
    expect(c.snapshot).toMatch(/^01234567/);
  });
});

describe('restore time left', () => {
  const f = (s: number) => `${s} s`;
  const p = { phase: 'REMAINING_FILES', bytesDone: 1000, bytesTotal: 5_000_000, filesDone: 0, bytesPerSecond: 0 };
  it('says it is estimating until the server has a rate, then shows its estimate, and nothing once done', () => {
    expect(restore.timeLeft({ ...p, etaSeconds: null }, f)).toBe('estimating…');
    expect(restore.timeLeft({ ...p, etaSeconds: 12 }, f)).toBe('12 s');
    expect(restore.timeLeft({ ...p, phase: 'DONE', etaSeconds: 4800 }, f)).toBe('—');
  });
});
