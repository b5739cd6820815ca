import { describe, expect, it } from 'vitest';
import { defaultPolicy, emptyFilter, filterFromParams, filterToParams, toPolicyInput } from './offerFilter';

describe('filters held in the address', () => {
  it('round-trip through the query string with only the fields filled in', () => {
    const form = { ...emptyFilter, gpuModels: 'H100', maxPricePerHour: '2.5', verified: 'true' as const };
    const q = filterToParams(form, 'RELIABILITY');
    expect(q.toString()).toBe('gpuModels=H100&maxPricePerHour=2.5&verified=true&sort=RELIABILITY');
    expect(filterFromParams(q)).toEqual({ form, sort: 'RELIABILITY' });
  });

  it('ignore what no filter means (an unknown sort, a bad verified value)', () => {
    const r = filterFromParams(new URLSearchParams('sort=EVIL&verified=maybe&region=EU'));
    expect(r.sort).toBe('PRICE');
    expect(r.form.verified).toBe('');
    expect(r.form.region).toBe('EU');
  });
});

describe('race policy form', () => {
  it('reports every field that is not a number at once, and passes the money caps as numbers', () => {
    const { policy, problems } = toPolicyInput({ ...defaultPolicy('PRICE'), waveSize: '2.5', maxWaves: 'x',
      maxPricePerHour: '1.5', maxRaceCost: 'ten' });
    expect(Object.keys(problems).sort()).toEqual(['policy.maxRaceCost', 'policy.maxWaves', 'policy.waveSize']);
    expect(policy.maxPricePerHour).toBe(1.5);
    expect(policy.rankByHostStats).toBe(false);
  });

  it('ranks by host statistics by default only when the list is sorted by boot time', () => {
    expect(defaultPolicy('BOOT_TIME').rankByHostStats).toBe(true);
    expect(defaultPolicy('PRICE').rankByHostStats).toBe(false);
  });
});
