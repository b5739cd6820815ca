import { useCallback } from 'react';
import { useMutation, useQuery } from 'urql';
import { RestoreDrillsQuery, StartRestoreDrillMutation } from '../api/operations';
import { EmptyState, ErrorBanner, Loading, StatusBadge, useInterval, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { bytes, dateTime, money } from '../lib/format';

/** Restore drills of the tenant's repository: restic check plus a trial restore of each machine's newest snapshot. */
export function DrillsPage() {
  const [res, refetch] = useQuery({ query: RestoreDrillsQuery, variables: { limit: 30 } });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const drills = res.data?.restoreDrills?.filter(Boolean) ?? [];
  const running = drills.some((d) => d!.status === 'RUNNING');
  useInterval(poll, 2000, running);
  const [startState, start] = useMutation(StartRestoreDrillMutation);
  return (
    <section>
      <header className="page-header">
        <h1>Restore drills</h1>
        <button className="primary" disabled={running || startState.fetching} onClick={async () => {
          const r = await start({});
          if (r.data) poll();
        }}>{running ? 'Drill running…' : 'Run a drill now'}</button>
      </header>
      <p className="muted small">
        Weekly, and whenever you ask: <code>restic check</code> reads a subset of the repository&apos;s data, then the newest
        snapshot of each machine is restored on SnapGPU&apos;s side (never onto your machines) and compared with the
        snapshot&apos;s own listing and content hashes. Each snapshot shows its last drill on the Snapshots screen.
      </p>
      <ErrorBanner message={errorText(res.error) ?? errorText(startState.error)} onRetry={poll} />
      {!res.data && res.fetching && <Loading what="restore drills" />}
      {res.data && drills.length === 0 && <EmptyState title="No drill yet">Run one now, or wait for the weekly one.</EmptyState>}
      {drills.length > 0 && (
        <ReflowTable aria-label="Restore drills">
          <thead>
            <tr><th>Started</th><th>Trigger</th><th>Status</th><th>Check</th><th className="num">Snapshots</th><th className="num">Fetched</th><th className="num">Download cost</th><th>Problems</th></tr>
          </thead>
          <tbody>
            {drills.map((d) => (
              <tr key={d!.id} data-status={d!.status ?? ''}>
                <td>{dateTime(d!.startedAt)}</td>
                <td>{d!.trigger?.toLowerCase()}</td>
                <td><StatusBadge status={d!.status} /></td>
                <td>{d!.checkOk == null ? '—' : d!.checkOk ? `ok (${d!.checkSubset} of the data read)` : 'problems found'}</td>
                <td className="num">{d!.snapshotsDrilled - d!.snapshotsFailed} of {d!.snapshotsDrilled} restored</td>
                <td className="num">{bytes(d!.bytesFetched)}</td>
                <td className="num">{money(d!.downloadCost)}</td>
                <td className="small bad">{d!.error}{d!.checkError && <pre className="small">{d!.checkError}</pre>}</td>
              </tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
    </section>
  );
}

/** On every screen while the latest drill failed: backups that do not restore need a person. */
export function DrillWarning() {
  const [{ data }] = useQuery({ query: RestoreDrillsQuery, variables: { limit: 1 }, requestPolicy: 'cache-and-network' });
  const last = data?.restoreDrills?.[0];
  if (!last || last.status !== 'FAILED') return null;
  return <ErrorBanner message={`The last restore drill failed (${dateTime(last.startedAt)}): ${last.error ?? 'see Restore drills'}`} />;
}
