import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { CreateSnapshotMutation, DestroyInstanceMutation, InstancesQuery, MoveInstanceMutation } from '../api/operations';
import { FailoverPanels } from './FailoverPanels';
import { RestoreDialog } from '../components/RestoreDialog';
import { ConnectPanel } from '../components/ConnectPanel';
import { ConfirmDialog, EmptyState, ErrorBanner, Loading, StatusBadge, useInterval, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { dateTime, money, perHour } from '../lib/format';
import { STATUS_MEANING } from '../lib/instanceStatus';

type Row = NonNullable<NonNullable<ReturnType<typeof useInstances>['rows']>[number]>;

function useInstances(includeEnded: boolean) {
  const [res, refetch] = useQuery({ query: InstancesQuery, variables: { includeEnded } });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useInterval(poll, 3000);
  return { rows: res.data?.instances, res, poll };
}

export function MachinesPage() {
  const navigate = useNavigate();
  const [includeEnded, setIncludeEnded] = useState(false);
  const { rows, res, poll } = useInstances(includeEnded);
  const [destroying, setDestroying] = useState<Row | null>(null);
  const [restoring, setRestoring] = useState<Row | null>(null);
  const [connecting, setConnecting] = useState<Row | null>(null);
  const [destroyState, destroy] = useMutation(DestroyInstanceMutation);
  const [snapState, snapshot] = useMutation(CreateSnapshotMutation);
  const [moving, setMoving] = useState<Row | null>(null);
  const [moveState, move] = useMutation(MoveInstanceMutation);

  const snapshotNow = async (row: Row) => {
    const r = await snapshot({ instanceId: row.id!, description: 'Snapshot from the machines screen' });
    if (r.data?.createSnapshot) navigate(`/snapshots?instance=${row.id}`);
  };

  return (
    <section>
      <header className="page-header">
        <h1>Machines</h1>
        <label className="toggle"><input type="checkbox" checked={includeEnded} onChange={(e) => setIncludeEnded(e.target.checked)} /> show destroyed</label>
      </header>
      <ErrorBanner message={errorText(res.error)} onRetry={poll} />
      <ErrorBanner message={errorText(snapState.error)} />
      <FailoverPanels />
      {!rows && res.fetching && <Loading what="machines" />}
      {rows && rows.length === 0 && (
        <EmptyState title="No machines yet">
          Rent one from <Link to="/offers">Offers</Link>: pick filters and press “Launch race” to get the first machine
          that is ready.
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <ReflowTable aria-label="Machines">
          <thead>
            <tr><th>Status</th><th>GPU</th><th>Host</th><th>Provider</th><th className="num">Price</th><th className="num">Cost so far</th><th>Created</th><th>Actions</th></tr>
          </thead>
          <tbody>
            {rows.filter(Boolean).map((row) => {
              const r = row!;
              const usable = r.status === 'READY' || r.status === 'RUNNING';
              const reachable = usable || r.status === 'RESTORING';
              const ended = r.status === 'DESTROYED' || r.status === 'DESTROYING' || r.status === 'FAILED';
              return (
                <tr key={r.id} data-host={r.hostId ?? ''}>
                  <td title={STATUS_MEANING[r.status ?? ''] ?? ''}><StatusBadge status={r.status} />{r.terminationReason && <div className="muted small">{r.terminationReason.toLowerCase().replace(/_/g, ' ')}</div>}</td>
                  <td>{r.gpuCount && r.gpuCount > 1 ? `${r.gpuCount}× ` : ''}{r.gpuModel}</td>
                  <td><Link to={`/machines/${r.id}`} title="status timeline, cost, snapshots, backups, restores"><code>{r.hostId}</code></Link></td>
                  <td>{r.provider}</td>
                  <td className="num">{perHour(r.pricePerHour)}</td>
                  <td className="num">{money(r.costSoFar)}</td>
                  <td>{dateTime(r.createdAt)}</td>
                  <td className="row-actions">
                    <button className="primary" disabled={!reachable} title={reachable ? 'SSH command, host key, terminal' : 'once the machine is ready'} onClick={() => setConnecting(r)}>Connect</button>
                    <button disabled={!usable || snapState.fetching} title={usable ? '' : 'only a ready machine can be snapshotted'} onClick={() => void snapshotNow(r)}>Snapshot now</button>
                    <button disabled={!usable} onClick={() => setRestoring(r)}>Restore onto…</button>
                    <button disabled={!usable} title={usable ? '' : 'only a ready machine can be moved'} onClick={() => setMoving(r)}>Move…</button>
                    <Link to={`/machines/${r.id}`}>Details</Link>
                    <Link to={`/snapshots?instance=${r.id}`}>Snapshots</Link>
                    <Link to={`/machines/${r.id}/backups`}>Backups</Link>
                    {!ended && <button className="danger" onClick={() => setDestroying(r)}>Destroy</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ReflowTable>
      )}
      {destroying && (
        <ConfirmDialog
          title="Destroy machine"
          confirmLabel="Destroy"
          busy={destroyState.fetching}
          error={errorText(destroyState.error)}
          onCancel={() => setDestroying(null)}
          onConfirm={async () => {
            const r = await destroy({ id: destroying.id! });
            if (!r.error) {
              setDestroying(null);
              poll();
            }
          }}
        >
          <p>
            Destroy <strong>{destroying.hostId}</strong> ({destroying.gpuModel})? Its disk is gone for good: files
            written since the last snapshot are lost. Billing stops.
          </p>
        </ConfirmDialog>
      )}
      {moving && (
        <ConfirmDialog
          title="Move to another machine"
          confirmLabel="Move"
          busy={moveState.fetching}
          error={errorText(moveState.error)}
          onCancel={() => setMoving(null)}
          onConfirm={async () => {
            const r = await move({ instanceId: moving.id! });
            if (!r.error) {
              setMoving(null);
              poll();
            }
          }}
        >
          <p>
            Move the workspace of <strong>{moving.hostId}</strong> to a new {moving.gpuModel}: SnapGPU takes a snapshot,
            races a new machine, restores onto it (critical files first), then destroys this one.
          </p>
        </ConfirmDialog>
      )}
      {connecting && <ConnectPanel instanceId={connecting.id!} onClose={() => setConnecting(null)} />}
      {restoring && <RestoreDialog instanceId={restoring.id!} onClose={() => setRestoring(null)} />}
    </section>
  );
}
