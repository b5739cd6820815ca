import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { CreateInstanceMutation } from '../api/operations';
import type { OffersQuery } from '../gql/graphql';
import { fieldError, formErrors, unclaimed, type FormErrors } from '../lib/errors';
import { perHour } from '../lib/format';
import { rentForm, toRentInput, type RentForm } from '../lib/rent';
import { Dialog, ErrorBanner, FieldError } from './ui';

export type RentableOffer = NonNullable<NonNullable<NonNullable<OffersQuery['offers']>['items']>[number]>;

const FIELDS = ['image', 'diskGb'];

/** What the user types to rent one offer; every error beside its field, nothing typed is ever cleared. */
export function RentOfferForm(props: {
  offer: RentableOffer;
  values: RentForm;
  onChange: (v: RentForm) => void;
  errors: FormErrors;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { offer: o, values, errors } = props;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label="Rent offer">
      <p>
        {o.gpuCount > 1 ? `${o.gpuCount}× ` : ''}{o.gpuModel} on <code>{o.hostId}</code> at {o.provider}:{' '}
        <strong data-testid="rent-price">{perHour(o.pricePerHour)}</strong> while it runs, until you destroy it.
      </p>
      <label className="field">
        <span>Container image</span>
        <input name="image" value={values.image} placeholder={o.defaultImage ?? 'the provider’s default image'}
          aria-invalid={!!fieldError(errors, 'image')} aria-describedby="err-image"
          onChange={(e) => props.onChange({ ...values, image: e.target.value })} />
        <FieldError id="err-image" message={fieldError(errors, 'image')} />
      </label>
      <label className="field">
        <span>Disk (GB) <span className="muted small">(10–4000{o.diskGb != null ? `; this host has ${Math.floor(o.diskGb)} GB` : ''})</span></span>
        <input name="diskGb" inputMode="numeric" value={values.diskGb} placeholder={String(o.defaultDiskGb ?? '')}
          aria-invalid={!!fieldError(errors, 'diskGb')} aria-describedby="err-diskGb"
          onChange={(e) => props.onChange({ ...values, diskGb: e.target.value })} />
        <FieldError id="err-diskGb" message={fieldError(errors, 'diskGb')} />
      </label>
      {errors.general.map((m) => <ErrorBanner key={m} message={m} />)}
      {unclaimed(errors, FIELDS).map((m) => <ErrorBanner key={m} message={m} />)}
      <div className="actions">
        <button type="button" onClick={props.onCancel}>Cancel</button>
        <button className="primary" type="submit" disabled={props.busy}>
          {props.busy ? 'Renting…' : `Rent for ${perHour(o.pricePerHour)}`}
        </button>
      </div>
    </form>
  );
}

/** Rents exactly this offer (createInstance), then shows the new machine's page. */
export function RentOfferDialog({ offer, onClose }: { offer: RentableOffer; onClose: () => void }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<RentForm>(() => rentForm(offer));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [state, create] = useMutation(CreateInstanceMutation);
  const server = formErrors(state.error);
  const errors: FormErrors = { fields: { ...server.fields, ...problems }, general: server.general };

  const rent = async () => {
    const { input, problems: p } = toRentInput(values, offer);
    setProblems(p);
    if (Object.keys(p).length > 0) return;
    const r = await create({ input });
    const id = r.data?.createInstance?.id;
    if (id) navigate(`/machines/${id}`);
  };

  return (
    <Dialog title={`Rent ${offer.gpuModel ?? 'machine'} · ${perHour(offer.pricePerHour)}`} onClose={onClose}>
      <RentOfferForm offer={offer} values={values} onChange={setValues} errors={errors} busy={state.fetching}
        onSubmit={rent} onCancel={onClose} />
    </Dialog>
  );
}
