// The Offers form's text fields → OfferFilterInput (only what the user filled in).
import type { OfferFilterInput, RacePolicyInput } from '../gql/graphql';
import { splitList } from './format';

export interface FilterForm {
  providers: string;
  gpuModels: string;
  gpuCountMin: string;
  gpuRamGbMin: string;
  maxPricePerHour: string;
  reliabilityMin: string;
  cudaVersionMin: string;
  diskGbMin: string;
  inetDownMbpsMin: string;
  region: string;
  verified: '' | 'true' | 'false';
}

export const emptyFilter: FilterForm = {
  providers: '', gpuModels: '', gpuCountMin: '', gpuRamGbMin: '', maxPricePerHour: '', reliabilityMin: '',
  cudaVersionMin: '', diskGbMin: '', inetDownMbpsMin: '', region: '', verified: '',
};

/** Numbers are passed as typed, even when out of range: the server says what is allowed, at the field. */
export function toFilterInput(f: FilterForm): { filter: OfferFilterInput; problems: Record<string, string> } {
  const filter: OfferFilterInput = {};
  const problems: Record<string, string> = {};
  const num = (key: keyof FilterForm, integer: boolean): number | undefined => {
    const raw = (f[key] as string).trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      problems[`filter.${key}`] = integer ? 'must be a whole number' : 'must be a number';
      return undefined;
    }
    return n;
  };
  if (f.providers.trim()) filter.providers = splitList(f.providers);
  if (f.gpuModels.trim()) filter.gpuModels = splitList(f.gpuModels);
  filter.gpuCountMin = num('gpuCountMin', true);
  filter.gpuRamGbMin = num('gpuRamGbMin', true);
  filter.maxPricePerHour = num('maxPricePerHour', false);
  filter.reliabilityMin = num('reliabilityMin', false);
  filter.cudaVersionMin = num('cudaVersionMin', false);
  filter.diskGbMin = num('diskGbMin', false);
  filter.inetDownMbpsMin = num('inetDownMbpsMin', false);
  if (f.region.trim()) filter.region = f.region.trim();
  if (f.verified) filter.verified = f.verified === 'true';
  for (const k of Object.keys(filter) as (keyof OfferFilterInput)[]) {
    if (filter[k] === undefined) delete filter[k];
  }
  return { filter, problems };
}

export interface PolicyForm {
  waveSize: string;
  waveIntervalSeconds: string;
  maxWaves: string;
  timeoutSeconds: string;
  candidateTimeoutSeconds: string;
  maxPricePerHour: string;
  maxRaceCost: string;
  rankByHostStats: boolean;
}

/** Ranking follows the list's price sort unless the user asks for host statistics (the list sorted by boot time does). */
export function defaultPolicy(sort: string): PolicyForm {
  return {
    waveSize: '5', waveIntervalSeconds: '10', maxWaves: '3', timeoutSeconds: '', candidateTimeoutSeconds: '',
    maxPricePerHour: '', maxRaceCost: '', rankByHostStats: sort === 'BOOT_TIME',
  };
}

const POLICY_INTEGERS = ['waveSize', 'maxWaves', 'timeoutSeconds', 'candidateTimeoutSeconds'] as const;
const POLICY_NUMBERS = ['waveIntervalSeconds', 'maxPricePerHour', 'maxRaceCost'] as const;

/**
 * The race policy as the server takes it, and every field the browser can already tell is not a
 * number (all of them at once); ranges are the server's to say.
 */
export function toPolicyInput(p: PolicyForm): { policy: RacePolicyInput; problems: Record<string, string> } {
  const policy: RacePolicyInput = { rankByHostStats: p.rankByHostStats };
  const problems: Record<string, string> = {};
  const read = (key: (typeof POLICY_INTEGERS)[number] | (typeof POLICY_NUMBERS)[number], integer: boolean) => {
    const raw = p[key].trim();
    if (!raw) return;
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      problems[`policy.${key}`] = integer ? 'must be a whole number' : 'must be a number';
      return;
    }
    (policy as Record<string, unknown>)[key] = n;
  };
  POLICY_INTEGERS.forEach((k) => read(k, true));
  POLICY_NUMBERS.forEach((k) => read(k, false));
  return { policy, problems };
}

/** The filter form held in the address (only fields filled in), so reload and Back keep it. */
export function filterToParams(f: FilterForm, sort: string): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v.trim()) q.set(k, v.trim());
  if (sort !== 'PRICE') q.set('sort', sort);
  return q;
}

export function filterFromParams(q: URLSearchParams): { form: FilterForm; sort: string } {
  const form = { ...emptyFilter };
  for (const k of Object.keys(emptyFilter) as (keyof FilterForm)[]) {
    const v = q.get(k);
    if (v != null) (form as Record<string, string>)[k] = v;
  }
  if (form.verified !== 'true' && form.verified !== 'false') form.verified = '';
  const sort = q.get('sort');
  return { form, sort: sort === 'RELIABILITY' || sort === 'BOOT_TIME' ? sort : 'PRICE' };
}
