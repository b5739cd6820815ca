import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

export function ErrorBanner({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <Alert className="banner error" color="red" variant="light" role="alert" my="xs">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <span>{message}</span>
        {onRetry && <Button variant="subtle" size="compact-sm" onClick={onRetry}>Try again</Button>}
      </Group>
    </Alert>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return <Alert className="banner info" color="blue" variant="light" role="status" my="xs">{children}</Alert>;
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

/** Phones get the whole screen for a dialog: a centred one would not fit 390 px with its buttons. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)') ?? false;
}

/** A modal dialog that fits a phone (full screen there); its title is its accessible name. */
export function Dialog(props: { title: ReactNode; children: ReactNode; onClose: () => void; wide?: boolean }) {
  const phone = usePhone();
  return (
    <Modal opened onClose={props.onClose} title={props.title} fullScreen={phone} size={props.wide ? 'xl' : 'lg'}
      centered classNames={{ title: 'dialog-title' }}>
      {props.children}
    </Modal>
  );
}

/** A dialog asking to confirm a destructive action; with `typeToConfirm` the user must type that text. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  /** false keeps the confirm button disabled (the form is not complete yet) */
  ready?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const ok = (!props.typeToConfirm || typed.trim() === props.typeToConfirm) && props.ready !== false;
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
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
    </Dialog>
  );
}

/**
 * A table that reflows into one card per row on phones: each cell is labelled with its column's
 * heading (copied from the header after every render, so pages keep writing plain rows).
 */
export function ReflowTable(props: { 'aria-label': string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent ?? '');
    table.querySelectorAll('tbody tr').forEach((tr) => {
      Array.from(tr.children).forEach((td, i) => td.setAttribute('data-label', heads[i] ?? ''));
    });
  });
  return (
    <Table ref={ref} className={`table reflow ${props.className ?? ''}`} aria-label={props['aria-label']}
      highlightOnHover verticalSpacing="xs">
      {props.children}
    </Table>
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
