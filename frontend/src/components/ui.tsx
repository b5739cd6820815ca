import { useEffect, useState, type ReactNode } from 'react';

export function ErrorBanner({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div className="banner error" role="alert">
      <span>{message}</span>
      {onRetry && <button className="link" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return <div className="banner info" role="status">{children}</div>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <div className="muted" aria-busy="true">Loading {what}…</div>;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return <div className="field-error" id={id} role="alert">{message}</div>;
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const s = status ?? 'UNKNOWN';
  return <span className={`badge badge-${s.toLowerCase()}`}>{s.replace(/_/g, ' ').toLowerCase()}</span>;
}

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const v = value == null ? 0 : value;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100}
      aria-valuenow={Math.round(v)}>
      <div className={`progress-fill${value == null ? ' indeterminate' : ''}`} style={{ width: `${v}%` }} />
      <span className="progress-text">{value == null ? '…' : `${v.toFixed(v >= 100 ? 0 : 1)} %`}</span>
    </div>
  );
}

/** A dialog asking to confirm a destructive action; with `typeToConfirm` the user must type that text. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const ok = !props.typeToConfirm || typed.trim() === props.typeToConfirm;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={props.title}>
        <h3>{props.title}</h3>
        <div>{props.children}</div>
        {props.typeToConfirm && (
          <label className="field">
            <span>Type <code>{props.typeToConfirm}</code> to confirm</span>
            <input aria-label="Confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          </label>
        )}
        <ErrorBanner message={props.error} />
        <div className="actions">
          <button onClick={props.onCancel}>Cancel</button>
          <button className="danger" disabled={!ok || props.busy} onClick={props.onConfirm}>
            {props.busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Re-renders every `ms` while `active`, for running timers. */
export function useNow(active: boolean, ms = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [active, ms]);
  return active ? now : Date.now();
}

/** Re-runs `fn` every `ms` while `active` (polling lists whose rows change on the server). */
export function useInterval(fn: () => void, ms: number, active = true) {
  useEffect(() => {
    if (!active) return undefined;
    const t = window.setInterval(fn, ms);
    return () => window.clearInterval(t);
  }, [fn, ms, active]);
}

/** A labelled figure in a row of figures (time to ready, bytes restored, monthly cost, ...). */
export function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}
