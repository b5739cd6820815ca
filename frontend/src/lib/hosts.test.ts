import { describe, expect, it } from 'vitest';
import * as hosts from './hosts';
import type { HostRow } from './hosts';

const row = (hostId: string, boots: number, failures: number, censored: number): HostRow => ({
  hostId, provider: 'local', boots, failures, censored, failureRate: boots + failures ? failures / (boots + failures) : 0,
  bootP50Seconds: boots ? 10 : null, bootP90Seconds: boots ? 12 : null,
});

describe('the hosts screen', () => {
  it('lists every host a machine was started on, also those whose machines were destroyed before they were ready', () => {
    const rows = [row('booted', 3, 0, 0), row('failed', 0, 1, 0), row('lost-before-ready', 0, 0, 2), row('never', 0, 0, 0)];
    const listed = hosts.listedHosts(rows).map((h) => h.hostId);
    expect(listed).toEqual(expect.arrayContaining(['booted', 'failed', 'lost-before-ready']));
    expect(listed).not.toContain('never');
  });
});
