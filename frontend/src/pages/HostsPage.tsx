import { useState } from 'react';
import { useQuery } from 'urql';
import { HostStatsQuery } from '../api/operations';
import { RangeChart } from '../components/charts';
import { EmptyState, ErrorBanner, Loading, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { dateTime, duration, ratio } from '../lib/format';
import { listedHosts } from '../lib/hosts';

export function HostsPage() {
  const [provider, setProvider] = useState('');
  const [res, refetch] = useQuery({ query: HostStatsQuery, variables: { provider: provider || undefined, limit: 500 }, requestPolicy: 'network-only' });
  const observed = listedHosts((res.data?.hostStats ?? []).filter((h): h is NonNullable<typeof h> => !!h));
  const booted = observed.filter((h) => h.boots > 0 || h.failures > 0);
  const providers = [...new Set((res.data?.hostStats ?? []).map((h) => h?.provider).filter(Boolean))] as string[];

  return (
    <section>
      <header className="page-header">
        <h1>Hosts</h1>
        <label className="field inline">
          <span>Provider</span>
          <select aria-label="Provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">all</option>
            {providers.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
      </header>
      <p className="muted">
        What SnapGPU learned from every boot: launch races try the fast, reliable hosts first.
      </p>
      <ErrorBanner message={errorText(res.error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!res.data && res.fetching && <Loading what="host statistics" />}
      {res.data && observed.length === 0 && (
        <EmptyState title="No boots observed yet">Run a launch race from Offers: every machine it starts teaches SnapGPU about its host.</EmptyState>
      )}
      {observed.length > 0 && (
        <>
          <div className="card">
            <h2>Boot time per host (median to p90)</h2>
            <RangeChart title="Boot time per host" rows={booted.slice(0, 40).map((h) => ({
              label: h.hostId ?? '?', low: h.bootP50Seconds ?? null, high: h.bootP90Seconds ?? null, failureRate: h.failureRate,
            }))} />
          </div>
          <ReflowTable aria-label="Host statistics">
            <thead><tr><th>Host</th><th>Provider</th><th className="num">Boots</th><th className="num">Boot p50</th><th className="num">Boot p90</th><th className="num">Failures</th><th className="num">Failure rate</th><th className="num">Lost races</th><th className="num">Destroyed before ready</th><th>Last seen</th></tr></thead>
            <tbody>
              {observed.map((h) => (
                <tr key={`${h.provider}-${h.hostId}`}>
                  <td><code>{h.hostId}</code></td>
                  <td>{h.provider}</td>
                  <td className="num">{h.boots}</td>
                  <td className="num">{duration(h.bootP50Seconds)}</td>
                  <td className="num">{duration(h.bootP90Seconds)}</td>
                  <td className="num">{h.failures}</td>
                  <td className={`num ${h.failureRate > 0.2 ? 'bad' : ''}`}>{ratio(h.failureRate)}</td>
                  <td className="num">{h.lostRaces}</td>
                  <td className="num">{h.censored}</td>
                  <td>{dateTime(h.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </ReflowTable>
        </>
      )}
    </section>
  );
}
