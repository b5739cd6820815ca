import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { InstancesQuery, RestoreSnapshotMutation, SnapshotsQuery } from '../api/operations';
import { fieldError, formErrors } from '../lib/errors';
import { bytes, dateTime, splitList } from '../lib/format';
import { defaultPolicy, toPolicyInput } from '../lib/offerFilter';
import { ConfirmDialog, FieldError } from './ui';

/**
 * Restores a snapshot onto a new machine (through a launch race, with its money caps) or onto an
 * existing one, which overwrites its workspace and so needs the machine's host id typed as
 * confirmation. Either the snapshot or the target machine is fixed by the caller; the other is chosen here.
 */
export function RestoreDialog(props: { snapshotId?: string; instanceId?: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [target, setTarget] = useState<'new' | 'existing'>(props.instanceId ? 'existing' : 'new');
  const [snapshotId, setSnapshotId] = useState(props.snapshotId ?? '');
  const [instanceId, setInstanceId] = useState(props.instanceId ?? '');
  const [gpuModels, setGpuModels] = useState('');
  const [caps, setCaps] = useState({ waveSize: '1', maxWaves: '3', maxPricePerHour: '', maxRaceCost: '' });
  const [{ data: instances }] = useQuery({ query: InstancesQuery, variables: { includeEnded: false } });
  const [{ data: snaps }] = useQuery({ query: SnapshotsQuery, variables: { limit: 100 } });
  const [state, restore] = useMutation(RestoreSnapshotMutation);

  const usable = (instances?.instances ?? []).filter((i) => i && (i.status === 'READY' || i.status === 'RUNNING'));
  const chosen = usable.find((i) => i!.id === instanceId);
  const snapshots = (snaps?.snapshots ?? []).filter((s) => s && s.status === 'SUCCEEDED');
  const snapshot = snapshots.find((s) => s!.id === snapshotId);
  const { policy, problems } = toPolicyInput({ ...defaultPolicy('PRICE'), ...caps, waveIntervalSeconds: '10' });
  const errors = formErrors(state.error);
  const fields = { ...errors.fields, ...problems };
  const ready = !!snapshot && (target === 'new' ? Object.keys(problems).length === 0 : !!chosen);

  const submit = async () => {
    const input = target === 'existing'
      ? { snapshotId, instanceId, confirmOverwrite: true }
      : { snapshotId, newInstanceFilter: gpuModels.trim() ? { gpuModels: splitList(gpuModels) } : undefined,
        newInstancePolicy: policy };
    const r = await restore({ input });
    const id = r.data?.restoreSnapshot?.id;
    if (id) {
      props.onClose();
      navigate(`/restores/${id}`);
    }
  };

  return (
    <ConfirmDialog
      title="Restore snapshot"
      confirmLabel={target === 'existing' ? 'Overwrite and restore' : 'Restore to a new machine'}
      typeToConfirm={target === 'existing' && chosen ? chosen.hostId ?? chosen.id ?? '' : undefined}
      ready={ready}
      busy={state.fetching}
      error={errors.general.concat(Object.entries(errors.fields).filter(([k]) => !k.startsWith('policy.'))
        .map(([k, v]) => `${k}: ${v}`)).join(' ') || null}
      onConfirm={() => void submit()}
      onCancel={props.onClose}
    >
      {props.snapshotId ? null : (
        <label className="field">
          <span>Snapshot</span>
          <select aria-label="Snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
            <option value="">Choose a snapshot…</option>
            {snapshots.map((s) => (
              <option key={s!.id} value={s!.id!}>
                {dateTime(s!.createdAt)} · {s!.description || s!.kind} · {bytes(s!.totalBytes)}
              </option>
            ))}
          </select>
          {snapshots.length === 0 && <span className="muted small">No completed snapshot yet: take one first.</span>}
        </label>
      )}
      {snapshot && (
        <p data-testid="restore-snapshot">
          Snapshot taken <strong>{dateTime(snapshot.createdAt)}</strong>: “{snapshot.description || snapshot.kind}”,{' '}
          {bytes(snapshot.totalBytes)} in {snapshot.fileCount ?? '?'} files.
        </p>
      )}
      {!props.instanceId && (
        <fieldset className="radio-row">
          <label><input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} /> a new machine (launch race)</label>
          <label><input type="radio" name="target" checked={target === 'existing'} onChange={() => setTarget('existing')} /> an existing machine</label>
        </fieldset>
      )}
      {target === 'new' && (
        <div className="grid">
          <label className="field">
            <span>GPU models (optional, comma separated)</span>
            <input aria-label="GPU models" value={gpuModels} placeholder="RTX 4090, A100" onChange={(e) => setGpuModels(e.target.value)} />
          </label>
          {([['waveSize', 'Machines per wave'], ['maxWaves', 'Waves at most'], ['maxPricePerHour', 'Max $/h per machine'],
            ['maxRaceCost', 'Max race cost ($)']] as const).map(([k, label]) => (
            <label className="field" key={k}>
              <span>{label}</span>
              <input name={`restore-${k}`} inputMode="decimal" value={caps[k]} aria-invalid={!!fields[`policy.${k}`]}
                onChange={(e) => setCaps({ ...caps, [k]: e.target.value })} />
              <FieldError id={`err-restore-${k}`} message={fieldError({ fields, general: [] }, `policy.${k}`)} />
            </label>
          ))}
        </div>
      )}
      {target === 'existing' && !props.instanceId && (
        <label className="field">
          <span>Machine</span>
          <select aria-label="Machine" value={instanceId} onChange={(e) => setInstanceId(e.target.value)}>
            <option value="">Choose a ready machine…</option>
            {usable.map((i) => (
              <option key={i!.id} value={i!.id!}>{i!.hostId} · {i!.gpuModel} · {i!.status}</option>
            ))}
          </select>
          {usable.length === 0 && <span className="muted small">No machine is ready: launch one from Offers.</span>}
        </label>
      )}
      {target === 'existing' && (
        <div className="warning" data-testid="restore-overwrite">
          <p>
            Restoring onto {chosen ? <strong>{chosen.hostId}</strong> : 'a machine'} replaces the files of its workspace
            with the snapshot&apos;s.
          </p>
          <p>
            First SnapGPU takes a <strong>safety snapshot</strong> of the machine (kind PRE_FAILOVER), so what is there now
            can be restored again. Files the machine&apos;s backup policy excludes (such as logs and tmp/) are not in any
            snapshot and are <strong>kept</strong> as they are.
          </p>
        </div>
      )}
    </ConfirmDialog>
  );
}
