import { Link, useParams } from 'react-router-dom';
import { useCallback } from 'react';
import { useQuery } from 'urql';
import { SimpleGrid } from '@mantine/core';
import { BackupPolicyQuery, InstanceQuery, RestoreJobsQuery, SnapshotsQuery } from '../api/operations';
import { ConnectDetails } from '../components/ConnectPanel';
import { EmptyState, ErrorBanner, Loading, ReflowTable, Stat, StatusBadge, useInterval } from '../components/ui';
import { errorText } from '../lib/errors';
import { retentionExplanation } from '../lib/retention';
import { STATUS_MEANING, timeline } from '../lib/instanceStatus';
import { bytes, dateTime, money, perHour } from '../lib/format';

/** One machine: what it went through, what it cost, its snapshots, backups and restores, and how to get in. */
export function MachineDetailPage() {
  const { id = '' } = useParams();
  const [res, refetch] = useQuery({ query: InstanceQuery, variables: { id } });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const m = res.data?.instance;
  const alive = !!m && m.status !== 'DESTROYED' && m.status !== 'FAILED';
  useInterval(poll, 3000, alive);

  if (res.fetching && !res.data) return <Loading what="the machine" />;
  if (res.error) return <ErrorBanner message={errorText(res.error)} onRetry={poll} />;
  if (!m) return <EmptyState title="No such machine">Your tenant has no machine {id}. <Link to="/machines">All machines</Link></EmptyState>;
  const reachable = m.status === 'READY' || m.status === 'RUNNING' || m.status === 'RESTORING';
  return (
    <section>
      <header className="page-header">
        <h1>{m.gpuCount && m.gpuCount > 1 ? `${m.gpuCount}× ` : ''}{m.gpuModel} on <code>{m.hostId}</code></h1>
        <StatusBadge status={m.status} />
      </header>
      <p className="muted" data-testid="status-meaning">{STATUS_MEANING[m.status ?? ''] ?? ''}</p>
      <div className="stats">
        <Stat label="Cost so far" value={money(m.costSoFar)} testId="cost-so-far" />
        <Stat label="Price" value={perHour(m.pricePerHour)} />
        <Stat label="Provider" value={m.provider ?? '—'} />
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <div className="card">
          <h2>Status timeline</h2>
          <ol className="timeline" aria-label="Status timeline">
            {timeline(m).map((s, i, all) => (
              <li key={s.status} className={i === all.length - 1 ? 'current' : ''}>
                <div><StatusBadge status={s.status} /><div className="muted small">{s.at ? dateTime(s.at) : 'now'}</div></div>
                <div className="small">{s.meaning}</div>
              </li>
            ))}
          </ol>
          {m.terminationReason && <p className="muted small">Ended: {m.terminationReason.toLowerCase().replace(/_/g, ' ')}</p>}
        </div>
        <div className="card" aria-label="Connect">
          {reachable ? <ConnectDetails instanceId={m.id!} />
            : <p className="muted">Connection details appear while the machine is ready (it is {m.status?.toLowerCase()}).</p>}
        </div>
      </SimpleGrid>
      <MachineSnapshots instanceId={m.id!} />
      <MachineBackups instanceId={m.id!} />
      <MachineRestores instanceId={m.id!} />
    </section>
  );
}

function MachineSnapshots({ instanceId }: { instanceId: string }) {
  const [{ data, error }] = useQuery({ query: SnapshotsQuery, variables: { instanceId, limit: 20 } });
  const rows = (data?.snapshots ?? []).filter(Boolean);
  return (
    <div className="card">
      <h2>Snapshots <Link className="small" to={`/snapshots?instance=${instanceId}`}>all</Link></h2>
      <ErrorBanner message={errorText(error)} />
      {rows.length === 0 ? <p className="muted">No snapshot of this machine yet.</p> : (
        <ReflowTable aria-label="Machine snapshots">
          <thead><tr><th>Taken</th><th>Description</th><th>Status</th><th className="num">Size</th></tr></thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s!.id}><td>{dateTime(s!.createdAt)}</td><td>{s!.description || s!.kind}</td>
                <td><StatusBadge status={s!.status} /></td><td className="num">{bytes(s!.totalBytes)}</td></tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
    </div>
  );
}

function MachineBackups({ instanceId }: { instanceId: string }) {
  const [{ data }] = useQuery({ query: BackupPolicyQuery, variables: { instanceId } });
  const p = data?.backupPolicy;
  return (
    <div className="card" data-testid="machine-backups">
      <h2>Automatic snapshots <Link className="small" to={`/machines/${instanceId}/backups`}>change</Link></h2>
      {!p || !p.enabled ? <p>Off.</p> : (
        <p>
          Every {p.frequencyMinutes} min, kept {p.retentionDays} days; next {dateTime(p.nextRunAt)}. Includes{' '}
          {(p.includePaths ?? []).length ? (p.includePaths ?? []).join(', ') : 'the whole workspace'}
          {(p.excludePaths ?? []).length ? `, excludes ${(p.excludePaths ?? []).join(', ')}` : ''}.
        </p>
      )}
      <p className="muted small" data-testid="retention-rule">{retentionExplanation(p)}</p>
    </div>
  );
}

function MachineRestores({ instanceId }: { instanceId: string }) {
  const [{ data }] = useQuery({ query: RestoreJobsQuery });
  const rows = (data?.restoreJobs ?? []).filter((r) => r && r.instanceId === instanceId);
  return (
    <div className="card">
      <h2>Restores onto this machine</h2>
      {rows.length === 0 ? <p className="muted">None.</p> : (
        <ReflowTable aria-label="Machine restores">
          <thead><tr><th>Started</th><th>Phase</th><th>Usable at</th><th /></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r!.id}><td>{dateTime(r!.createdAt)}</td><td><StatusBadge status={r!.phase} /></td>
                <td>{r!.usableAt ? dateTime(r!.usableAt) : '—'}</td><td><Link to={`/restores/${r!.id}`}>Open</Link></td></tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
    </div>
  );
}
