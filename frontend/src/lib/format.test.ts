import { describe, expect, it } from 'vitest';
import { bytes, duration, money, perHour, percent, ratio, secondsBetween, splitList, throughput } from './format';

describe('format', () => {
  it('money: cents normally, four decimals for fractions of a cent, a dash for nothing', () => {
    expect(money(12.345)).toBe('$12.35');
    expect(money(0.0016)).toBe('$0.0016');
    expect(money(0)).toBe('$0.00');
    expect(money(-0.5)).toBe('-$0.50');
    expect(money(null)).toBe('—');
  });

  it('perHour keeps three decimals below a dollar', () => {
    expect(perHour(0.1886)).toBe('$0.189/h');
    expect(perHour(2.64)).toBe('$2.64/h');
  });

  it('bytes in decimal units, as storage is billed', () => {
    expect(bytes(0)).toBe('0 B');
    expect(bytes(999)).toBe('999 B');
    expect(bytes(4_000_009)).toBe('4.00 MB');
    expect(bytes(12_600_000)).toBe('12.6 MB');
    expect(bytes(2.04e9)).toBe('2.04 GB');
    expect(bytes(undefined)).toBe('—');
    expect(throughput(106e6)).toBe('106 MB/s');
  });

  it('duration reads like a person writes it', () => {
    expect(duration(0.84)).toBe('0.8 s');
    expect(duration(42.4)).toBe('42 s');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(7800)).toBe('2 h 10 min');
    expect(duration(-1)).toBe('—');
    expect(duration(null)).toBe('—');
  });

  it('percent is clamped and unknown without a total', () => {
    expect(percent(5, 10)).toBe(50);
    expect(percent(12, 10)).toBe(100);
    expect(percent(1, 0)).toBeNull();
    expect(percent(1, null)).toBeNull();
    expect(ratio(0.125, 1)).toBe('12.5 %');
  });

  it('secondsBetween two instants', () => {
    expect(secondsBetween('2026-01-01T00:00:00Z', '2026-01-01T00:00:03.5Z')).toBe(3.5);
    expect(secondsBetween(null, '2026-01-01T00:00:00Z')).toBeNull();
  });

  it('splitList takes commas and new lines, drops blanks', () => {
    expect(splitList(' /data ,\n\n/checkpoints\n')).toEqual(['/data', '/checkpoints']);
  });
});
