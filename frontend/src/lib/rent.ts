// The Rent dialog's fields → CreateInstanceInput for exactly one offer.
import type { CreateInstanceInput } from '../gql/graphql';

export interface RentForm {
  image: string;
  diskGb: string;
}

interface Offer {
  provider?: string | null;
  offerId?: string | null;
  defaultImage?: string | null;
  defaultDiskGb?: number | null;
}

/** Starts from what the server would use when nothing is given: the offer's default image and disk. */
export function rentForm(offer: Offer): RentForm {
  return { image: offer.defaultImage ?? '', diskGb: offer.defaultDiskGb != null ? String(offer.defaultDiskGb) : '' };
}

/**
 * The request as typed (blank: the server's default); the browser only catches a disk that is not a
 * whole number — image rules and the disk's range are the server's to say, at their fields.
 */
export function toRentInput(f: RentForm, offer: Offer): { input: CreateInstanceInput; problems: Record<string, string> } {
  const input: CreateInstanceInput = { provider: offer.provider, offerId: offer.offerId };
  const problems: Record<string, string> = {};
  const image = f.image.trim();
  if (image) input.image = image;
  const disk = f.diskGb.trim();
  if (disk) {
    const n = Number(disk);
    if (Number.isInteger(n)) input.diskGb = n;
    else problems.diskGb = 'must be a whole number of GB';
  }
  return { input, problems };
}
