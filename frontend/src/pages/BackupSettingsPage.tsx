import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { BackupPolicyQuery, ConfigureBackupsMutation, InstancesQuery } from '../api/operations';
import { ErrorBanner, FieldError, Loading, Notice } from '../components/ui';
import { errorText, fieldError, formErrors, unclaimed, type FormErrors } from '../lib/errors';
import { dateTime, splitList } from '../lib/format';
import { retentionExplanation, type RetentionFigures } from '../lib/retention';

/** 0 is "off": the settings are kept, no automatic snapshot is taken. */
export const FREQUENCIES = [
  { minutes: 0, label: 'off (no automatic snapshots)' },
  { minutes: 15, label: 'every 15 minutes' },
  { minutes: 60, label: 'every hour' },
  { minutes: 360, label: 'every 6 hours' },
  { minutes: 1440, label: 'every day' },
];
export const RETENTIONS = [7, 30, 90];

export const DEFAULT_POLICY: PolicyValues = {
  frequencyMinutes: 60,
  retentionDays: 7,
  includePaths: '',
  excludePaths: '/tmp\n*.log\n__pycache__',
};

export interface PolicyValues {
  frequencyMinutes: number;
  retentionDays: number;
  includePaths: string;
  excludePaths: string;
}

export function BackupSettingsPage() {
  const { id = '' } = useParams();
  const [res] = useQuery({ query: BackupPolicyQuery, variables: { instanceId: id } });
  const [{ data: inst }] = useQuery({ query: InstancesQuery, variables: { includeEnded: true } });
  const [state, save] = useMutation(ConfigureBackupsMutation);
  const [values, setValues] = useState<PolicyValues | null>(null);
  const [saved, setSaved] = useState(false);
  const machine = inst?.instances?.find((i) => i?.id === id);

  const policy = res.data?.backupPolicy;
  useEffect(() => {
    if (!res.data || values) return;
    // no policy yet: automatic backups are off; the form starts from the server's defaults
    setValues(policy ? {
      frequencyMinutes: policy.enabled ? policy.frequencyMinutes : 0,
      retentionDays: policy.retentionDays,
      includePaths: (policy.includePaths ?? []).join('\n'),
      excludePaths: (policy.excludePaths ?? []).join('\n'),
    } : { ...DEFAULT_POLICY });
  }, [res.data, policy, values]);

  const submit = async (v: PolicyValues) => {
    setSaved(false);
    const r = await save({
      instanceId: id,
      // off keeps the last frequency on the server (or the default), so turning it on again starts from it
      frequencyMinutes: v.frequencyMinutes || policy?.frequencyMinutes || DEFAULT_POLICY.frequencyMinutes,
      enabled: v.frequencyMinutes !== 0,
      retentionDays: v.retentionDays,
      includePaths: splitList(v.includePaths),
      excludePaths: splitList(v.excludePaths),
    });
    if (r.data?.configureBackups) setSaved(true);
  };

  return (
    <section>
      <header className="page-header">
        <h1>Backup settings</h1>
        {machine && <span className="muted">{machine.hostId} · {machine.gpuModel}</span>}
        <Link to={`/snapshots?instance=${id}`}>Snapshots of this machine</Link>
      </header>
      {res.error && <ErrorBanner message={errorText(res.error)} />}
      {!res.data && res.fetching && <Loading what="the backup policy" />}
      {inst && !machine && (
        <ErrorBanner message="No such machine in your account. Pick one on the Machines screen." />
      )}
      {values && (
        <>
          {policy?.nextRunAt && <p className="muted">Next automatic snapshot: {dateTime(policy.nextRunAt)}</p>}
          {res.data && !policy && !saved && <Notice>Automatic snapshots are off for this machine: choose how often and save to turn them on.</Notice>}
          <BackupPolicyForm values={values} onChange={setValues} errors={formErrors(state.error)} busy={state.fetching} onSubmit={submit} retention={policy} />
          {saved && !state.error && <Notice>Saved. Automatic snapshots follow the new settings.</Notice>}
        </>
      )}
    </section>
  );
}

/** The form alone (no data fetching), so tests can check where server errors are shown. */
export function BackupPolicyForm({ values, onChange, errors, busy, onSubmit, retention }: {
  values: PolicyValues;
  /** the server's retention figures (the saved policy), to explain what the setting covers */
  retention?: RetentionFigures | null;
  onChange: (v: PolicyValues) => void;
  errors: FormErrors;
  busy: boolean;
  onSubmit: (v: PolicyValues) => void;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(values);
  };
  const err = (k: string) => fieldError(errors, k);
  return (
    <form className="card" onSubmit={submit} aria-label="Backup settings">
      <div className="grid">
        <label className="field">
          <span>Frequency</span>
          <select name="frequencyMinutes" value={values.frequencyMinutes} aria-invalid={!!err('frequencyMinutes')}
            onChange={(e) => onChange({ ...values, frequencyMinutes: Number(e.target.value) })}>
            {FREQUENCIES.map((f) => <option key={f.minutes} value={f.minutes}>{f.label}</option>)}
            {!FREQUENCIES.some((f) => f.minutes === values.frequencyMinutes) && <option value={values.frequencyMinutes}>every {values.frequencyMinutes} minutes</option>}
          </select>
          <FieldError id="err-frequencyMinutes" message={err('frequencyMinutes')} />
        </label>
        <label className="field">
          <span>Keep snapshots for</span>
          <select name="retentionDays" value={values.retentionDays} aria-invalid={!!err('retentionDays')}
            onChange={(e) => onChange({ ...values, retentionDays: Number(e.target.value) })}>
            {RETENTIONS.map((d) => <option key={d} value={d}>{d} days</option>)}
            {!RETENTIONS.includes(values.retentionDays) && <option value={values.retentionDays}>{values.retentionDays} days</option>}
          </select>
          <FieldError id="err-retentionDays" message={err('retentionDays')} />
          <span className="muted small" data-testid="retention-rule">{retentionExplanation(retention ? { ...retention, retentionDays: values.retentionDays } : { retentionDays: values.retentionDays })}</span>
        </label>
      </div>
      <label className="field">
        <span>Include paths <span className="muted small">(one per line, inside the workspace /workspace: /workspace/data, /data and data mean the same; empty = the whole workspace)</span></span>
        <textarea name="includePaths" rows={4} value={values.includePaths} aria-invalid={!!err('includePaths')}
          aria-describedby="err-includePaths" onChange={(e) => onChange({ ...values, includePaths: e.target.value })} />
        <FieldError id="err-includePaths" message={err('includePaths')} />
      </label>
      <label className="field">
        <span>Exclude patterns <span className="muted small">(one per line, e.g. /tmp, *.log, __pycache__; excluded files are never snapshotted and a restore leaves them alone)</span></span>
        <textarea name="excludePaths" rows={4} value={values.excludePaths} aria-invalid={!!err('excludePaths')}
          aria-describedby="err-excludePaths" onChange={(e) => onChange({ ...values, excludePaths: e.target.value })} />
        <FieldError id="err-excludePaths" message={err('excludePaths')} />
      </label>
      {errors.general.map((m) => <ErrorBanner key={m} message={m} />)}
      {unclaimed(errors, ['frequencyMinutes', 'retentionDays', 'includePaths', 'excludePaths']).map((m) => <ErrorBanner key={m} message={m} />)}
      <div className="actions">
        <button className="primary" type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
