import { useCallback } from 'react';
import { useQuery } from 'urql';
import { FailoversQuery } from '../api/operations';
import type { FailoversQuery as FailoversResult } from '../gql/graphql';
import { ErrorBanner, StatusBadge, useInterval, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { dateTime, duration, money, perHour } from '../lib/format';

const STEP: Record<string, string> = {
  DETECTED: 'loss detected',
  SNAPSHOTTING: 'taking a last snapshot',
  REPLACING: 'racing a new machine and restoring onto it',
  RETIRING: 'destroying the lost machine',
};

export function lossText(trigger: string | null | undefined): string {
  switch (trigger) {
    case 'PROVIDER_GONE': return 'gone at the provider';
    case 'PROVIDER_EXITED': return 'exited';
    case 'PROVIDER_OFFLINE': return 'host offline';
    case 'SSH_DEAD': return 'SSH not answering';
    case 'USER': return 'moved on request';
    default: return trigger?.toLowerCase() ?? '';
  }
}

type FailoverRow = NonNullable<NonNullable<FailoversResult['failovers']>[number]>;

/** Failovers under way, and the last ones: the banner and history on the machines screen. */
export function FailoverPanels() {
  const [res, refetch] = useQuery({ query: FailoversQuery, variables: { limit: 10 } });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const all = (res.data?.failovers?.filter(Boolean) ?? []) as FailoverRow[];
  const active = all.filter((f) => f.status && STEP[f.status]);
  useInterval(poll, active.length ? 2000 : 10000);
  return (
    <>
      <ErrorBanner message={errorText(res.error)} />
      <FailoverList failovers={all} />
    </>
  );
}

export function FailoverList({ failovers: all }: { failovers: FailoverRow[] }) {
  const active = all.filter((f) => f.status && STEP[f.status]);
  return (
    <>
      {active.map((f) => (
        <div key={f.id} className="banner warning" role="status" data-testid="failover-banner">
          <strong>{f.trigger === 'USER' ? 'Moving' : 'Machine lost'}: {f.lostInstance?.hostId ?? f.instanceId}</strong>{' '}
          ({lossText(f.trigger)}) — {STEP[f.status!]}
          {f.attempts > 0 && <>, attempt {f.attempts} of {f.maxAttempts}</>}
          {f.nextAttemptAt && <>, next try {dateTime(f.nextAttemptAt)}</>}
          {f.error && <div className="small">{f.error}</div>}
        </div>
      ))}
      {all.length > 0 && (
        <details className="card" open={active.length > 0}>
          <summary>Failovers ({all.length})</summary>
          <ReflowTable aria-label="Failovers">
            <thead>
              <tr><th>Started</th><th>Lost machine</th><th>Why</th><th>Status</th><th>New machine</th><th className="num">Time to usable</th><th className="num">Lost: price / cost</th><th className="num">New: price / cost</th></tr>
            </thead>
            <tbody>
              {all.map((f) => (
                <tr key={f.id} data-status={f.status ?? ''}>
                  <td>{dateTime(f.createdAt)}</td>
                  <td><code>{f.lostInstance?.hostId}</code> {f.lostInstance?.gpuModel}</td>
                  <td>{lossText(f.trigger)}{f.detail && <div className="muted small">{f.detail}</div>}</td>
                  <td><StatusBadge status={f.status} />{f.error && <div className="small bad">{f.error}</div>}</td>
                  <td>{f.newInstance ? <><code>{f.newInstance.hostId}</code> {f.newInstance.gpuModel}</> : '—'}</td>
                  <td className="num">{duration(f.secondsToUsable)}</td>
                  <td className="num">{perHour(f.lostPricePerHour)} / {money(f.lostInstance?.costSoFar)}</td>
                  <td className="num">{perHour(f.newPricePerHour)} / {money(f.newInstance?.costSoFar)}</td>
                </tr>
              ))}
            </tbody>
          </ReflowTable>
        </details>
      )}
    </>
  );
}
