import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useDebouncedValue } from '@mantine/hooks';
import { LaunchRacePreviewQuery, SnapshotsQuery, StartLaunchRaceMutation } from '../api/operations';
import type { LaunchRacePreviewQuery as Preview, OfferFilterInput } from '../gql/graphql';
import { fieldError, formErrors, unclaimed } from '../lib/errors';
import { dateTime, duration, money, perHour } from '../lib/format';
import { defaultPolicy, toPolicyInput, type PolicyForm } from '../lib/offerFilter';
import { Dialog, ErrorBanner, FieldError, ReflowTable } from './ui';

type PolicyKey = Exclude<keyof PolicyForm, 'rankByHostStats'>;
const POLICY_FIELDS: { key: PolicyKey; label: string; hint: string }[] = [
  { key: 'waveSize', label: 'Machines per wave', hint: '1–20' },
  { key: 'waveIntervalSeconds', label: 'Seconds between waves', hint: '0–3600' },
  { key: 'maxWaves', label: 'Waves at most', hint: '1–10' },
  { key: 'timeoutSeconds', label: 'Race timeout (s)', hint: 'default 900' },
  { key: 'candidateTimeoutSeconds', label: 'Per-machine timeout (s)', hint: 'default: race timeout' },
  { key: 'maxPricePerHour', label: 'Max $/h per machine', hint: 'offers above are never started' },
  { key: 'maxRaceCost', label: 'Max race cost ($)', hint: 'refused if the worst case is more' },
];

/**
 * The race dialog: the policy with its money caps, and — from the server, by the ranking the race
 * itself uses — the offers each wave would start, their $/h and the worst-case cost, before anything starts.
 */
export function LaunchRaceDialog({ filter, sort, onClose }: { filter: OfferFilterInput; sort: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<PolicyForm>(() => defaultPolicy(sort));
  const [snapshotId, setSnapshotId] = useState('');
  const { policy, problems } = toPolicyInput(form);
  // debounced by value (a string): a new policy object each render must not restart the timer
  const [debouncedKey] = useDebouncedValue(JSON.stringify(policy), 300);
  const debounced = useMemo(() => JSON.parse(debouncedKey) as typeof policy, [debouncedKey]);
  const [preview] = useQuery({ query: LaunchRacePreviewQuery, variables: { input: { filter, policy: debounced } },
    pause: Object.keys(problems).length > 0, requestPolicy: 'cache-and-network' });
  const [state, start] = useMutation(StartLaunchRaceMutation);
  const [{ data: snaps }] = useQuery({ query: SnapshotsQuery, variables: { limit: 100 } });
  const snapshots = (snaps?.snapshots ?? []).filter((s) => s?.status === 'SUCCEEDED');

  const p = preview.data?.launchRacePreview;
  const server = formErrors(state.error ?? preview.error);
  const fields: Record<string, string> = { ...server.fields, ...problems };
  if (p && !p.withinCap) {
    fields['policy.maxRaceCost'] = `the race could cost up to ${money(p.worstCaseCost)} (${p.machines} machines, each billed up to`
      + ` ${duration(p.billedSecondsPerMachine)}): more than this cap; the server refuses it`;
  }
  const errors = { fields, general: server.general };
  const ready = !!p && p.withinCap && p.machines > 0 && Object.keys(problems).length === 0 && !preview.stale;

  const launch = async (e: FormEvent) => {
    e.preventDefault();
    const r = await start({ input: { filter, snapshotId: snapshotId || undefined, policy } });
    const id = r.data?.startLaunchRace?.id;
    if (id) navigate(`/races/${id}`);
  };

  return (
    <Dialog title="Launch race" onClose={onClose} wide>
      <form onSubmit={launch} aria-label="Launch race">
        <div className="grid">
          {POLICY_FIELDS.map((f) => (
            <label className="field" key={f.key}>
              <span>{f.label} <span className="muted small">({f.hint})</span></span>
              <input name={f.key} inputMode="decimal" value={form[f.key]} aria-invalid={!!fieldError(errors, `policy.${f.key}`)}
                aria-describedby={`err-policy-${f.key}`} onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />
              <FieldError id={`err-policy-${f.key}`} message={fieldError(errors, `policy.${f.key}`)} />
            </label>
          ))}
          <label className="field">
            <span>Restore a snapshot on the winner (optional)</span>
            <select name="snapshotId" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
              <option value="">no restore</option>
              {snapshots.map((s) => (
                <option key={s!.id} value={s!.id!}>{dateTime(s!.createdAt)} · {s!.description || s!.kind}</option>
              ))}
            </select>
            <FieldError id="err-snapshotId" message={fieldError(errors, 'snapshotId')} />
          </label>
        </div>
        <fieldset className="radio-row" aria-label="Ranking">
          <label><input type="radio" name="ranking" checked={!form.rankByHostStats} onChange={() => setForm({ ...form, rankByHostStats: false })} /> cheapest first (the offers list sorted by price)</label>
          <label><input type="radio" name="ranking" checked={form.rankByHostStats} onChange={() => setForm({ ...form, rankByHostStats: true })} /> SnapGPU&apos;s host statistics (fastest boot first)</label>
        </fieldset>
        <RacePreviewView preview={p ?? undefined} loading={preview.fetching && !p} />
        {errors.general.map((m) => <ErrorBanner key={m} message={m} />)}
        {unclaimed(errors, POLICY_FIELDS.map((f) => `policy.${f.key}`).concat('snapshotId')).map((m) => <ErrorBanner key={m} message={m} />)}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button className="primary" type="submit" disabled={!ready || state.fetching}>
            {state.fetching ? 'Starting…' : 'Launch race'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type PreviewData = NonNullable<Preview['launchRacePreview']>;

function RacePreviewView({ preview: p, loading }: { preview: PreviewData | undefined; loading: boolean }) {
  if (loading) return <p className="muted" aria-busy="true">Pricing the race…</p>;
  if (!p) return null;
  if (p.machines === 0) return <p className="warning">No offer matches these filters: the race would start nothing.</p>;
  return (
    <div data-testid="race-preview">
      <p className="small">Ranked by {p.rankedBy}. {p.matchingOffers} offers match.</p>
      <ReflowTable aria-label="Race waves">
        <thead><tr><th>Wave</th><th>Starts</th><th>Machines</th><th className="num">$/h together</th></tr></thead>
        <tbody>
          {(p.waves ?? []).filter(Boolean).map((w) => (
            <tr key={w!.wave}>
              <td>{w!.wave}</td>
              <td>{w!.wave === 1 ? 'at once' : `after ${duration(w!.startsAfterSeconds)} at the latest`}</td>
              <td>{(w!.offers ?? []).filter(Boolean).map((o) => `${o!.gpuCount > 1 ? `${o!.gpuCount}× ` : ''}${o!.gpuModel} ${o!.hostId} ${perHour(o!.pricePerHour)}`).join(' · ')}</td>
              <td className="num">{perHour(w!.pricePerHour)}</td>
            </tr>
          ))}
        </tbody>
      </ReflowTable>
      <p className={`cost-line${p.withinCap ? '' : ' over'}`} data-testid="worst-case">
        Worst case: <strong>{money(p.worstCaseCost)}</strong> — all {p.machines} machines billed for up to{' '}
        {duration(p.billedSecondsPerMachine)} each{p.maxRaceCost != null ? `; your cap ${money(p.maxRaceCost)}` : ''}.
      </p>
    </div>
  );
}
