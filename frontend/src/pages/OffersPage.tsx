import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { OffersQuery, SnapshotsQuery, StartLaunchRaceMutation } from '../api/operations';
import { EmptyState, ErrorBanner, FieldError, Loading } from '../components/ui';
import type { OfferFilterInput, OfferSort } from '../gql/graphql';
import { fieldError, formErrors, unclaimed, type FormErrors } from '../lib/errors';
import { bytes, dateTime, duration, perHour, ratio } from '../lib/format';
import { defaultPolicy, emptyFilter, toFilterInput, type FilterForm, type PolicyForm } from '../lib/offerFilter';

const PAGE = 25;
const FILTER_FIELDS: { key: keyof FilterForm; label: string; placeholder?: string }[] = [
  { key: 'providers', label: 'Providers', placeholder: 'local, vastai, runpod' },
  { key: 'gpuModels', label: 'GPU models', placeholder: 'RTX 4090, A100' },
  { key: 'gpuCountMin', label: 'GPUs at least' },
  { key: 'gpuRamGbMin', label: 'GPU RAM at least (GB)' },
  { key: 'maxPricePerHour', label: 'Price at most ($/h)' },
  { key: 'reliabilityMin', label: 'Reliability at least (0–1)' },
  { key: 'cudaVersionMin', label: 'CUDA at least' },
  { key: 'diskGbMin', label: 'Disk at least (GB)' },
  { key: 'inetDownMbpsMin', label: 'Download at least (Mbps)' },
  { key: 'region', label: 'Region', placeholder: 'US-CA' },
];

export function OffersPage() {
  const [form, setForm] = useState<FilterForm>(emptyFilter);
  const [applied, setApplied] = useState<OfferFilterInput>({});
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const [sort, setSort] = useState<OfferSort>('PRICE');
  const [offset, setOffset] = useState(0);
  const [res, refetch] = useQuery({ query: OffersQuery, variables: { filter: applied, sort, offset, limit: PAGE } });

  const errors: FormErrors = useMemo(() => {
    const e = formErrors(res.error);
    return { fields: { ...e.fields, ...localProblems }, general: e.general };
  }, [res.error, localProblems]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const { filter, problems } = toFilterInput(form);
    setLocalProblems(problems);
    if (Object.keys(problems).length === 0) {
      setApplied(filter);
      setOffset(0);
    }
  };

  const page = res.data?.offers;
  const items = page?.items?.filter(Boolean) ?? [];
  const leftover = unclaimed(errors, FILTER_FIELDS.map((f) => `filter.${f.key}`).concat('filter.verified'));

  return (
    <section>
      <header className="page-header"><h1>Offers</h1></header>
      <form className="card filters" onSubmit={apply} aria-label="Offer filters">
        <div className="grid">
          {FILTER_FIELDS.map((f) => (
            <label className="field" key={f.key}>
              <span>{f.label}</span>
              <input name={f.key} value={form[f.key] as string} placeholder={f.placeholder}
                aria-invalid={!!fieldError(errors, `filter.${f.key}`)} aria-describedby={`err-${f.key}`}
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />
              <FieldError id={`err-${f.key}`} message={fieldError(errors, `filter.${f.key}`)} />
            </label>
          ))}
          <label className="field">
            <span>Verified hosts</span>
            <select name="verified" value={form.verified} onChange={(e) => setForm({ ...form, verified: e.target.value as FilterForm['verified'] })}>
              <option value="">any</option><option value="true">verified only</option><option value="false">unverified only</option>
            </select>
          </label>
          <label className="field">
            <span>Sort by</span>
            <select name="sort" value={sort} onChange={(e) => { setSort(e.target.value as OfferSort); setOffset(0); }}>
              <option value="PRICE">price (cheapest first)</option>
              <option value="RELIABILITY">reliability (most reliable first)</option>
              <option value="BOOT_TIME">SnapGPU host boot time (fastest first)</option>
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={() => { setForm(emptyFilter); setApplied({}); setLocalProblems({}); setOffset(0); }}>Clear</button>
          <button className="primary" type="submit">Search</button>
        </div>
      </form>
      {errors.general.map((m) => <ErrorBanner key={m} message={m} onRetry={() => refetch({ requestPolicy: 'network-only' })} />)}
      {leftover.map((m) => <ErrorBanner key={m} message={m} />)}
      {page?.errors?.filter(Boolean).map((pe) => (
        <ErrorBanner key={pe!.provider} message={`${pe!.provider} did not answer: ${pe!.message}. Its offers are missing below.`} />
      ))}

      <LaunchRacePanel filter={applied} total={page?.total ?? 0} />

      {!page && res.fetching && <Loading what="offers" />}
      {page && items.length === 0 && (
        <EmptyState title="No offer matches these filters">Loosen a filter (a higher price, fewer GPUs, any region) and search again.</EmptyState>
      )}
      {items.length > 0 && (
        <>
          <table className="table" aria-label="Offers">
            <thead>
              <tr>
                <th>GPU</th><th>Host</th><th>Provider</th><th className="num">Price</th><th className="num">Reliability</th>
                <th className="num">Boot p50 (SnapGPU)</th><th className="num">Fail rate</th><th>Region</th><th className="num">CPU / RAM</th>
                <th className="num">Disk</th><th className="num">Net ↓/↑</th><th className="num">CUDA</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={`${o!.provider}-${o!.offerId}`}>
                  <td>{o!.gpuCount > 1 ? `${o!.gpuCount}× ` : ''}{o!.gpuModel} {o!.gpuRamMb ? <span className="muted small">{Math.round(o!.gpuRamMb / 1024)} GB</span> : null}{o!.verified && <span className="tag">verified</span>}</td>
                  <td><code>{o!.hostId}</code></td>
                  <td>{o!.provider}</td>
                  <td className="num">{perHour(o!.pricePerHour)}</td>
                  <td className="num">{ratio(o!.reliability, 1)}</td>
                  <td className="num" title={`${o!.hostBoots ?? 0} boots observed`}>{o!.hostBootP50Seconds != null ? duration(o!.hostBootP50Seconds) : <span className="muted">not seen yet</span>}</td>
                  <td className="num">{o!.hostBoots ? ratio(o!.hostFailureRate) : '—'}</td>
                  <td>{o!.region}</td>
                  <td className="num">{o!.cpuCores ?? '—'} / {o!.ramMb ? bytes(o!.ramMb * 1e6) : '—'}</td>
                  <td className="num">{o!.diskGb != null ? `${o!.diskGb} GB` : '—'}</td>
                  <td className="num">{o!.inetDownMbps ?? '—'} / {o!.inetUpMbps ?? '—'} Mbps</td>
                  <td className="num">{o!.cudaVersion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
            <span>{offset + 1}–{offset + items.length} of {page!.total}</span>
            <button disabled={offset + PAGE >= page!.total} onClick={() => setOffset(offset + PAGE)}>Next</button>
          </div>
        </>
      )}
    </section>
  );
}

const POLICY_FIELDS: { key: Exclude<keyof PolicyForm, 'rankByHostStats'>; label: string; hint: string }[] = [
  { key: 'waveSize', label: 'Machines per wave', hint: '1–20' },
  { key: 'waveIntervalSeconds', label: 'Seconds between waves', hint: '0–3600' },
  { key: 'maxWaves', label: 'Waves at most', hint: '1–10' },
  { key: 'timeoutSeconds', label: 'Race timeout (s)', hint: 'default 900' },
  { key: 'candidateTimeoutSeconds', label: 'Per-machine timeout (s)', hint: 'default: race timeout' },
];

function LaunchRacePanel({ filter, total }: { filter: OfferFilterInput; total: number }) {
  const navigate = useNavigate();
  const [policy, setPolicy] = useState<PolicyForm>(defaultPolicy);
  const [snapshotId, setSnapshotId] = useState('');
  const [state, start] = useMutation(StartLaunchRaceMutation);
  const [{ data: snaps }] = useQuery({ query: SnapshotsQuery, variables: { limit: 100 } });
  const errors = formErrors(state.error);
  const snapshots = (snaps?.snapshots ?? []).filter((s) => s?.status === 'SUCCEEDED');

  const launch = async (e: FormEvent) => {
    e.preventDefault();
    const n = (v: string) => (v.trim() === '' ? undefined : Number(v));
    const r = await start({
      input: {
        filter,
        snapshotId: snapshotId || undefined,
        policy: {
          waveSize: n(policy.waveSize),
          waveIntervalSeconds: n(policy.waveIntervalSeconds),
          maxWaves: n(policy.maxWaves),
          timeoutSeconds: n(policy.timeoutSeconds),
          candidateTimeoutSeconds: n(policy.candidateTimeoutSeconds),
          rankByHostStats: policy.rankByHostStats,
        },
      },
    });
    const id = r.data?.startLaunchRace?.id;
    if (id) navigate(`/races/${id}`);
  };

  return (
    <form className="card" onSubmit={launch} aria-label="Launch race">
      <h2>Launch race</h2>
      <p className="muted small">
        Starts machines of the {total} matching offer{total === 1 ? '' : 's'} in waves, keeps the first one that is ready
        and destroys the others.
      </p>
      <div className="grid">
        {POLICY_FIELDS.map((f) => (
          <label className="field" key={f.key}>
            <span>{f.label} <span className="muted small">({f.hint})</span></span>
            <input name={f.key} inputMode="numeric" value={policy[f.key]} aria-invalid={!!fieldError(errors, `policy.${f.key}`)}
              onChange={(e) => setPolicy({ ...policy, [f.key]: e.target.value })} />
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
        <label className="toggle">
          <input type="checkbox" checked={policy.rankByHostStats} onChange={(e) => setPolicy({ ...policy, rankByHostStats: e.target.checked })} />
          rank hosts by SnapGPU&apos;s boot statistics
        </label>
      </div>
      {errors.general.map((m) => <ErrorBanner key={m} message={m} />)}
      {unclaimed(errors, POLICY_FIELDS.map((f) => `policy.${f.key}`).concat('snapshotId')).map((m) => <ErrorBanner key={m} message={m} />)}
      <div className="actions">
        <button className="primary" type="submit" disabled={state.fetching || total === 0}>
          {state.fetching ? 'Starting…' : 'Launch race'}
        </button>
      </div>
    </form>
  );
}
