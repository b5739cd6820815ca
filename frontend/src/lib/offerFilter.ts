// The Offers form's text fields → OfferFilterInput (only what the user filled in).
import type { OfferFilterInput } from '../gql/graphql';
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
  rankByHostStats: boolean;
}

export const defaultPolicy: PolicyForm = {
  waveSize: '5', waveIntervalSeconds: '10', maxWaves: '3', timeoutSeconds: '', candidateTimeoutSeconds: '',
  rankByHostStats: true,
};
