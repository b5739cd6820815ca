import { describe, expect, it } from 'vitest';
import { rentForm, toRentInput } from './rent';

const offer = { provider: 'local', offerId: 'offer-local-h007', defaultImage: 'pytorch/pytorch:2.4.0', defaultDiskGb: 50 };

describe('rent request', () => {
  it('starts from the offer defaults and sends exactly that offer', () => {
    const f = rentForm(offer);
    expect(f).toEqual({ image: 'pytorch/pytorch:2.4.0', diskGb: '50' });
    expect(toRentInput(f, offer)).toEqual({
      input: { provider: 'local', offerId: 'offer-local-h007', image: 'pytorch/pytorch:2.4.0', diskGb: 50 },
      problems: {},
    });
  });

  it('blank fields leave the choice to the server; out-of-range numbers go to the server as typed', () => {
    expect(toRentInput({ image: '  ', diskGb: '' }, offer).input).toEqual({ provider: 'local', offerId: 'offer-local-h007' });
    expect(toRentInput({ image: 'x', diskGb: '5' }, offer).input.diskGb).toBe(5);
  });

  it('a disk that is not a whole number is caught at its field', () => {
    const r = toRentInput({ image: 'ubuntu:22.04', diskGb: '12.5' }, offer);
    expect(r.problems).toEqual({ diskGb: 'must be a whole number of GB' });
    expect(toRentInput({ image: 'ubuntu:22.04', diskGb: 'lots' }, offer).problems.diskGb).toBeDefined();
  });
});
