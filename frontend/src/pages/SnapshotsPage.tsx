import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  CreateSnapshotMutation, DeleteSnapshotMutation, InstancesQuery, SnapshotProgressSubscription, SnapshotsQuery,
} from '../api/operations';
import { RestoreDialog } from '../components/RestoreDialog';
import { ConfirmDialog, EmptyState, ErrorBanner, FieldError, Loading, ProgressBar, StatusBadge, useInterval, ReflowTable } from '../components/ui';
import { errorText, fieldError, formErrors } from '../lib/errors';
import { bytes, dateTime } from '../lib/format';

export function SnapshotsPage() {
  const [params, setParams] = useSearchParams();
  // both filters live in the address: reload and Back keep them
  const instanceId = params.get('instance') ?? '';
  const dedupe = params.get('dedupe') === '1';
  const setFilter = (instance: string, dd: boolean) => {
    const q = new URLSearchParams();
    if (instance) q.set('instance', instance);
    if (dd) q.set('dedupe', '1');
    setParams(q);
  };
  const [{ data: inst }] = useQuery({ query: InstancesQuery, variables: { includeEnded: true } });
  const [res, refetch] = useQuery({
    query: SnapshotsQuery,
    variables: { instanceId: instanceId || undefined, dedupe, limit: 100 },
  });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const snapshots = res.data?.snapshots?.filter(Boolean) ?? [];
  const busy = snapshots.some((s) => s!.status === 'RUNNING' || s!.status === 'DELETING');
  useInterval(poll, 2000, busy);

  const [deleting, setDeleting] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [delState, del] = useMutation(DeleteSnapshotMutation);
  const instances = inst?.instances?.filter(Boolean) ?? [];
  const hostOf = (id: string | null | undefined) => instances.find((i) => i!.id === id)?.hostId ?? id?.substring(0, 8);
  const selected = instances.find((i) => i!.id === instanceId);

  return (
    <section>
      <header className="page-header">
        <h1>Snapshots</h1>
        <label className="field inline">
          <span>Machine</span>
          <select aria-label="Machine" value={instanceId} onChange={(e) => setFilter(e.target.value, dedupe)}>
            <option value="">all machines</option>
            {instances.map((i) => (
              <option key={i!.id} value={i!.id!}>{i!.hostId} · {i!.gpuModel} · {i!.status?.toLowerCase()}</option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={dedupe} onChange={(e) => setFilter(instanceId, e.target.checked)} /> one per content (dedupe)
        </label>
      </header>
      {selected && <CreateSnapshotForm instanceId={instanceId} usable={selected.status === 'READY' || selected.status === 'RUNNING'} onCreated={poll} />}
      {!instanceId && <p className="muted small">Choose a machine to take a snapshot of it.</p>}
      <ErrorBanner message={errorText(res.error)} onRetry={poll} />
      {!res.data && res.fetching && <Loading what="snapshots" />}
      {res.data && snapshots.length === 0 && (
        <EmptyState title="No snapshots yet">
          {instanceId ? 'Take one with “Create snapshot” above, or turn on automatic backups in the machine’s ' : 'Take one from the '}
          {instanceId ? <Link to={`/machines/${instanceId}/backups`}>backup settings</Link> : <Link to="/machines">Machines</Link>} screen.
        </EmptyState>
      )}
      {snapshots.length > 0 && (
        <ReflowTable aria-label="Snapshots">
          <thead>
            <tr><th>Created</th><th>Machine</th><th>Kind</th><th>Description</th><th>Status</th><th className="num">Size</th><th className="num">Added</th><th className="num">Files</th><th>Expires</th><th>Last drill</th><th>Actions</th></tr>
          </thead>
          <tbody>
            {snapshots.map((s) => (
              <tr key={s!.id} data-status={s!.status ?? ''}>
                <td>{dateTime(s!.createdAt)}</td>
                <td><code>{hostOf(s!.instanceId)}</code></td>
                <td>{s!.kind?.toLowerCase().replace(/_/g, ' ')}</td>
                <td>{s!.description}{dedupe && s!.sameContentCount > 1 && <span className="tag">{s!.sameContentCount} with this content</span>}</td>
                <td>
                  <StatusBadge status={s!.status} />
                  {s!.status === 'RUNNING' && <SnapshotProgress id={s!.id!} onDone={poll} />}
                  {s!.error && <div className="small bad">{snapshotError(s!.error)}</div>}
                </td>
                <td className="num">{bytes(s!.totalBytes)}</td>
                <td className="num">{bytes(s!.addedBytes)}</td>
                <td className="num">{s!.fileCount ?? '—'}</td>
                <td>{dateTime(s!.expiresAt)}</td>
                <td>
                  {s!.drill ? <><StatusBadge status={s!.drill.status} /> <span className="muted small">{dateTime(s!.drill.drilledAt)}</span></> : <span className="muted small">never</span>}
                  {s!.drill?.error && <div className="small bad">{snapshotError(s!.drill.error)}</div>}
                </td>
                <td className="row-actions">
                  <button disabled={s!.status !== 'SUCCEEDED'} onClick={() => setRestoring(s!.id!)}>Restore…</button>
                  <button className="danger" disabled={s!.status === 'RUNNING' || s!.status === 'DELETING' || s!.status === 'DELETED'} onClick={() => setDeleting(s!.id!)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
      {deleting && (
        <ConfirmDialog title="Delete snapshot" confirmLabel="Delete" busy={delState.fetching} error={errorText(delState.error)}
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            const r = await del({ id: deleting });
            if (!r.error) { setDeleting(null); poll(); }
          }}>
          <p>The snapshot is forgotten and its data pruned from the bucket; it cannot be restored afterwards.</p>
        </ConfirmDialog>
      )}
      {restoring && <RestoreDialog snapshotId={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}

/** restic's own words are long; the useful part of the most common failure first. */
export function snapshotError(error: string): string {
  if (/snapshot is empty/.test(error)) return 'The workspace is empty: there was nothing to back up.';
  return error.length > 300 ? `${error.substring(0, 300)}…` : error;
}

function CreateSnapshotForm({ instanceId, usable, onCreated }: { instanceId: string; usable: boolean; onCreated: () => void }) {
  const [description, setDescription] = useState('');
  const [state, create] = useMutation(CreateSnapshotMutation);
  const errors = formErrors(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ instanceId, description: description.trim() || undefined });
    if (r.data?.createSnapshot) {
      setDescription('');
      onCreated();
    }
  };
  return (
    <form className="card inline-form" onSubmit={submit} aria-label="Create snapshot">
      <label className="field grow">
        <span>Description</span>
        <input name="description" value={description} placeholder="e.g. before upgrading torch" onChange={(e) => setDescription(e.target.value)} />
        <FieldError id="err-description" message={fieldError(errors, 'description')} />
        <FieldError id="err-instance" message={fieldError(errors, 'instanceId')} />
      </label>
      <button className="primary" type="submit" disabled={!usable || state.fetching}>{state.fetching ? 'Starting…' : 'Create snapshot'}</button>
      {!usable && <span className="muted small">Only a ready machine can be snapshotted.</span>}
      {errors.general.map((m) => <ErrorBanner key={m} message={m} />)}
    </form>
  );
}

function SnapshotProgress({ id, onDone }: { id: string; onDone: () => void }) {
  const [res] = useSubscription({ query: SnapshotProgressSubscription, variables: { id } });
  const finished = !!res.data?.snapshotProgress?.done;
  useEffect(() => {
    if (finished) onDone();
  }, [finished, onDone]);
  const p = res.data?.snapshotProgress;
  return <ProgressBar value={p?.percentDone != null ? p.percentDone * 100 : null} label="Snapshot progress" />;
}
