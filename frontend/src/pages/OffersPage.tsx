import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { OffersQuery } from '../api/operations';
import { LaunchRaceDialog } from '../components/LaunchRaceDialog';
import { RentOfferDialog, type RentableOffer } from '../components/RentOfferDialog';
import { EmptyState, ErrorBanner, FieldError, Loading, ReflowTable } from '../components/ui';
import type { OfferFilterInput, OfferSort } from '../gql/graphql';
import { fieldError, formErrors, unclaimed, type FormErrors } from '../lib/errors';
import { bytes, duration, perHour, ratio } from '../lib/format';
import { emptyFilter, filterFromParams, filterToParams, toFilterInput, type FilterForm } from '../lib/offerFilter';

const mbps = (v: number | null | undefined) => (v == null ? '—' : Math.round(v).toString());

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
  // the address holds the applied filters, sort and page: reload and Back show the same offers
  const [params, setParams] = useSearchParams();
  const fromUrl = useMemo(() => filterFromParams(params), [params]);
  const sort = fromUrl.sort as OfferSort;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [form, setForm] = useState<FilterForm>(fromUrl.form);
  useEffect(() => setForm(fromUrl.form), [fromUrl]);
  const applied: OfferFilterInput = useMemo(() => toFilterInput(fromUrl.form).filter, [fromUrl]);
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const [racing, setRacing] = useState(false);
  const [renting, setRenting] = useState<RentableOffer | null>(null);
  const show = (f: FilterForm, s: string, off = 0) => {
    const q = filterToParams(f, s);
    if (off) q.set('offset', String(off));
    setParams(q);
  };
  const setSort = (s: OfferSort) => show(fromUrl.form, s);
  const setOffset = (off: number) => show(fromUrl.form, sort, off);
  const [res, refetch] = useQuery({ query: OffersQuery, variables: { filter: applied, sort, offset, limit: PAGE } });

  const errors: FormErrors = useMemo(() => {
    const e = formErrors(res.error);
    return { fields: { ...e.fields, ...localProblems }, general: e.general };
  }, [res.error, localProblems]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const { problems } = toFilterInput(form);
    setLocalProblems(problems);
    if (Object.keys(problems).length === 0) show(form, sort);
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
            <select name="sort" value={sort} onChange={(e) => setSort(e.target.value as OfferSort)}>
              <option value="PRICE">price (cheapest first)</option>
              <option value="RELIABILITY">reliability (most reliable first)</option>
              <option value="BOOT_TIME">SnapGPU host boot time (fastest first)</option>
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={() => { setLocalProblems({}); show(emptyFilter, sort); }}>Clear</button>
          <button className="primary" type="submit">Search</button>
        </div>
      </form>
      {errors.general.map((m) => <ErrorBanner key={m} message={m} onRetry={() => refetch({ requestPolicy: 'network-only' })} />)}
      {leftover.map((m) => <ErrorBanner key={m} message={m} />)}
      {page?.errors?.filter(Boolean).map((pe) => (
        <ErrorBanner key={pe!.provider} message={`${pe!.provider} did not answer: ${pe!.message}. Its offers are missing below.`} />
      ))}

      <div className="card race-bar">
        <span>
          {page ? `${page.total} matching offer${page.total === 1 ? '' : 's'}.` : 'Counting matching offers…'} A launch race starts
          machines of them in waves, keeps the first one that is ready and destroys the others.
        </span>
        <button className="primary" disabled={!page || page.total === 0} onClick={() => setRacing(true)}>Launch race…</button>
      </div>
      {racing && <LaunchRaceDialog filter={applied} sort={sort} onClose={() => setRacing(false)} />}
      {renting && <RentOfferDialog offer={renting} onClose={() => setRenting(null)} />}

      {!page && res.fetching && <Loading what="offers" />}
      {page && items.length === 0 && (
        <EmptyState title="No offer matches these filters">Loosen a filter (a higher price, fewer GPUs, any region) and search again.</EmptyState>
      )}
      {items.length > 0 && (
        <>
          <ReflowTable aria-label="Offers">
            <thead>
              <tr>
                <th>GPU</th><th>Host</th><th>Provider</th><th className="num">Price</th><th className="num">Reliability</th>
                <th className="num">Boot p50 (SnapGPU)</th><th className="num">Fail rate</th><th>Region</th><th className="num">CPU / RAM</th>
                <th className="num">Disk</th><th className="num">Net ↓/↑</th><th className="num">CUDA</th><th>Rent</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={`${o!.provider}-${o!.offerId}`}>
                  <td>{o!.gpuCount > 1 ? `${o!.gpuCount}× ` : ''}{o!.gpuModel} {o!.gpuRamMb && !/GB/i.test(o!.gpuModel ?? '') ? <span className="muted small">{Math.round(o!.gpuRamMb / 1024)} GB</span> : null}{o!.verified && <span className="tag">verified</span>}</td>
                  <td><code>{o!.hostId}</code></td>
                  <td>{o!.provider}</td>
                  <td className="num">{perHour(o!.pricePerHour)}</td>
                  <td className="num">{ratio(o!.reliability, 1)}</td>
                  <td className="num" title={`${o!.hostBoots ?? 0} boots observed`}>{o!.hostBootP50Seconds != null ? duration(o!.hostBootP50Seconds) : <span className="muted">not seen yet</span>}</td>
                  <td className="num">{o!.hostBoots ? ratio(o!.hostFailureRate) : '—'}</td>
                  <td>{o!.region}</td>
                  <td className="num">{o!.cpuCores ?? '—'} / {o!.ramMb ? bytes(o!.ramMb * 1e6) : '—'}</td>
                  <td className="num">{o!.diskGb != null ? `${o!.diskGb} GB` : '—'}</td>
                  <td className="num">{mbps(o!.inetDownMbps)} / {mbps(o!.inetUpMbps)} Mbps</td>
                  <td className="num">{o!.cudaVersion ?? '—'}</td>
                  <td><button onClick={() => setRenting(o!)} aria-label={`Rent ${o!.hostId}`}>Rent…</button></td>
                </tr>
              ))}
            </tbody>
          </ReflowTable>
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
