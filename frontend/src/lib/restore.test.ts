import { describe, expect, it } from 'vitest';
import { isFinished, phaseLabel, restorePercent } from './restore';
import { rankHosts } from './hosts';
import { toFilterInput, emptyFilter } from './offerFilter';

const p = (rest: object) => ({ bytesDone: 0, filesDone: 0, bytesPerSecond: 0, ...rest });

describe('restore progress', () => {
  it('percent from bytes, 100 when done, 0 while waiting for a machine, unknown without a total', () => {
    expect(restorePercent(p({ phase: 'CRITICAL_FILES', bytesDone: 25, bytesTotal: 100 }))).toBe(25);
    expect(restorePercent(p({ phase: 'DONE', bytesDone: 99, bytesTotal: 100 }))).toBe(100);
    expect(restorePercent(p({ phase: 'DONE', bytesTotal: 0 }))).toBe(100);
    expect(restorePercent(p({ phase: 'ACQUIRING_MACHINE' }))).toBe(0);
    expect(restorePercent(p({ phase: 'REMAINING_FILES' }))).toBeNull();
    expect(restorePercent(null)).toBeNull();
  });

  it('phases read as sentences; DONE and FAILED end it', () => {
    expect(phaseLabel('CRITICAL_FILES')).toMatch(/first/);
    expect(phaseLabel(undefined)).toBe('Starting');
    expect(isFinished('DONE')).toBe(true);
    expect(isFinished('VERIFYING')).toBe(false);
  });
});

describe('hosts ranking', () => {
  it('fast hosts first, never-booted last, ties by failure rate', () => {
    const rows = [
      { hostId: 'slow', boots: 2, failures: 0, failureRate: 0, bootP50Seconds: 40, censored: 0 },
      { hostId: 'never', boots: 0, failures: 1, failureRate: 1, bootP50Seconds: null, censored: 0 },
      { hostId: 'fast-flaky', boots: 3, failures: 1, failureRate: 0.25, bootP50Seconds: 10, censored: 0 },
      { hostId: 'fast', boots: 3, failures: 0, failureRate: 0, bootP50Seconds: 10, censored: 0 },
    ];
    expect(rankHosts(rows).map((r) => r.hostId)).toEqual(['fast', 'fast-flaky', 'slow', 'never']);
  });
});

describe('offer filter form', () => {
  it('sends only what is filled in, lists split, numbers as typed (the server checks ranges)', () => {
    const { filter, problems } = toFilterInput({ ...emptyFilter, providers: 'local, vastai', gpuModels: 'RTX 4090', reliabilityMin: '7', verified: 'true' });
    expect(filter).toEqual({ providers: ['local', 'vastai'], gpuModels: ['RTX 4090'], reliabilityMin: 7, verified: true });
    expect(problems).toEqual({});
  });

  it('refuses what is not a number before asking the server', () => {
    const { problems } = toFilterInput({ ...emptyFilter, gpuCountMin: '1.5', maxPricePerHour: 'cheap' });
    expect(problems).toEqual({ 'filter.gpuCountMin': 'must be a whole number', 'filter.maxPricePerHour': 'must be a number' });
  });
});
