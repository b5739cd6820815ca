import { useQuery } from 'urql';
import { InstancesQuery, LaunchRacesQuery, StorageQuery } from '../api/operations';
import { BarChart } from '../components/charts';
import { EmptyState, ErrorBanner, Loading, Stat, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { bytes, money } from '../lib/format';

export function StoragePage() {
  const [res, refetch] = useQuery({ query: StorageQuery, requestPolicy: 'network-only' });
  const [{ data: inst }] = useQuery({ query: InstancesQuery, variables: { includeEnded: true } });
  const [{ data: races }] = useQuery({ query: LaunchRacesQuery, variables: { limit: 200 } });
  const u = res.data?.storageUsage;
  const tiers = u?.monthly?.tiers?.filter(Boolean) ?? [];
  const machineCost = (inst?.instances ?? []).reduce((s, i) => s + (i?.costSoFar ?? 0), 0);
  const wasted = (races?.launchRaces ?? []).reduce((s, r) => s + (r?.losersCost ?? 0), 0);

  return (
    <section>
      <header className="page-header"><h1>Storage &amp; costs</h1></header>
      <ErrorBanner message={errorText(res.error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!u && res.fetching && <Loading what="storage usage" />}
      {u && (
        <>
          <div className="stats">
            <Stat label="Stored" value={bytes(u.bytes)} testId="stored" />
            <Stat label="Objects" value={String(u.objects)} />
            <Stat label="Monthly estimate" value={money(u.monthly?.monthlyCost)} testId="monthly" />
            <Stat label="Downloading everything once" value={money(u.fullRestoreDownloadCost)} />
            <Stat label="Machines so far" value={money(machineCost)} />
            <Stat label="Of which race losers" value={money(wasted)} />
          </div>
          {u.bytes === 0 && (
            <EmptyState title="Nothing stored yet">Snapshots are stored deduplicated and compressed; take one from Machines or Snapshots.</EmptyState>
          )}
          <div className="card">
            <h2>Monthly storage cost by tier</h2>
            <ReflowTable aria-label="Storage tiers">
              <thead><tr><th>Tier</th><th className="num">Stored</th><th className="num">Rate</th><th className="num">Per month</th></tr></thead>
              <tbody>
                {tiers.map((t) => (
                  <tr key={t!.name}>
                    <td>{t!.name}</td>
                    <td className="num">{(t!.gigabytes ?? 0).toFixed(3)} GB</td>
                    <td className="num">{t!.ratePerGb ? `$${t!.ratePerGb}/GB` : 'free'}</td>
                    <td className="num">{money(t!.monthlyCost)}</td>
                  </tr>
                ))}
              </tbody>
            </ReflowTable>
            <div className="chart-row">
              <div>
                <h3>Stored per tier (GB)</h3>
                <BarChart title="Stored gigabytes per tier" bars={tiers.map((t) => ({ label: t!.name ?? '', value: t!.gigabytes ?? 0 }))} format={(v) => v.toFixed(2)} />
              </div>
              <div>
                <h3>Where the money goes</h3>
                {/* one-off costs only: storage is per month, a different unit, so it stays a figure of its own */}
                <Stat label="Storage per month" value={money(u.monthly?.monthlyCost ?? 0)} />
                <BarChart title="Costs" format={(v) => money(v)} bars={[
                  { label: 'full restore download', value: u.fullRestoreDownloadCost ?? 0 },
                  { label: 'machines so far', value: machineCost },
                  { label: 'race waste', value: wasted },
                ]} />
              </div>
            </div>
            <p className="muted small">
              Restore download cost is what reading the whole repository out of the bucket once costs (free on
              R2, billed per GB elsewhere).
            </p>
          </div>
        </>
      )}
    </section>
  );
}
