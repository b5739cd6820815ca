import { describe, expect, it } from 'vitest';
import { STATUS_MEANING, timeline } from './instanceStatus';

describe('timeline', () => {
  it('lists each status reached with its time and meaning, the current one last', () => {
    const t = timeline({ status: 'RUNNING', createdAt: '2026-01-01T10:00:00Z', readyAt: '2026-01-01T10:01:00Z' });
    expect(t.map((s) => s.status)).toEqual(['PROVISIONING', 'READY', 'RUNNING']);
    expect(t[1].at).toBe('2026-01-01T10:01:00Z');
    expect(t[2].meaning).toBe(STATUS_MEANING.RUNNING);
  });

  it('ends with the destroy time of an ended machine, with no ready step when it never was', () => {
    const t = timeline({ status: 'FAILED', createdAt: '2026-01-01T10:00:00Z', destroyedAt: '2026-01-01T10:05:00Z' });
    expect(t.map((s) => [s.status, s.at])).toEqual([['PROVISIONING', '2026-01-01T10:00:00Z'], ['FAILED', '2026-01-01T10:05:00Z']]);
  });
});
