import { useCallback, useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { InstancesQuery, RestoreJobQuery, RestoreJobsQuery, RestoreProgressSubscription, SnapshotsQuery } from '../api/operations';
import { EmptyState, ErrorBanner, Loading, ProgressBar, Stat, StatusBadge, useInterval, useNow, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { bytes, dateTime, duration, secondsBetween, throughput } from '../lib/format';
import { isFinished, phaseLabel, restoreColumns, restorePercent, timeLeft, type RestoreProgressItem } from '../lib/restore';

export function RestoresPage() {
  const [res, refetch] = useQuery({ query: RestoreJobsQuery });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useInterval(poll, 5000);
  const jobs = res.data?.restoreJobs?.filter(Boolean) ?? [];
  // what the snapshot and machine columns name (time and description; host and GPU)
  const [snaps] = useQuery({ query: SnapshotsQuery, variables: { dedupe: false, limit: 500 }, pause: jobs.length === 0 });
  const [machines] = useQuery({ query: InstancesQuery, variables: { includeEnded: true }, pause: jobs.length === 0 });
  return (
    <section>
      <header className="page-header"><h1>Restores</h1></header>
      <ErrorBanner message={errorText(res.error)} onRetry={poll} />
      {!res.data && res.fetching && <Loading what="restores" />}
      {res.data && jobs.length === 0 && (
        <EmptyState title="No restore yet">Restore a snapshot from the <Link to="/snapshots">Snapshots</Link> screen.</EmptyState>
      )}
      {jobs.length > 0 && (
        <ReflowTable aria-label="Restores">
          <thead><tr><th>Started</th><th>Snapshot</th><th>Machine</th><th>Phase</th><th className="num">Restored</th><th>Usable after</th><th /></tr></thead>
          <tbody>
            {jobs.map((j) => {
              const cols = restoreColumns(j!, snaps.data?.snapshots ?? [], machines.data?.instances ?? [], dateTime);
              return (
              <tr key={j!.id}>
                <td>{dateTime(j!.createdAt)}</td>
                <td data-testid="restore-snapshot">{cols.snapshot}</td>
                <td data-testid="restore-machine">{j!.instanceId ? <Link to={`/machines/${j!.instanceId}`}>{cols.machine}</Link> : cols.machine}</td>
                <td><StatusBadge status={j!.phase} />{j!.error && <div className="small bad">{j!.error}</div>}</td>
                <td className="num">{bytes(j!.bytesDone)} of {bytes(j!.bytesTotal)}</td>
                <td>{duration(secondsBetween(j!.createdAt, j!.usableAt))}</td>
                <td><Link to={`/restores/${j!.id}`}>Progress</Link></td>
              </tr>
              );
            })}
          </tbody>
        </ReflowTable>
      )}
    </section>
  );
}

export function RestorePage() {
  const { id = '' } = useParams();
  const [job, refetchJob] = useQuery({ query: RestoreJobQuery, variables: { id } });
  const [sub] = useSubscription({ query: RestoreProgressSubscription, variables: { id } });
  const live = sub.data?.restoreProgress as RestoreProgressItem | undefined;
  const j = job.data?.restoreJob;
  const p: RestoreProgressItem | undefined = live ?? (j ? { ...j, bytesPerSecond: 0 } : undefined);
  const phase = p?.phase;
  const done = isFinished(phase);

  // the job row knows the race and the machine; load it again when the phase changes
  useEffect(() => {
    if (phase) refetchJob({ requestPolicy: 'network-only' });
  }, [phase, refetchJob]);

  const now = useNow(!done && !!j?.createdAt, 500);
  const started = j?.createdAt;
  const elapsed = started ? ((j?.finishedAt && done ? Date.parse(j.finishedAt) : now) - Date.parse(started)) / 1000 : null;
  const usableAt = p?.usableAt ?? j?.usableAt;
  const percent = restorePercent(p);

  if (job.data && !j) {
    return <section><h1>Restore</h1><ErrorBanner message="No such restore in your account." /><Link to="/restores">All restores</Link></section>;
  }
  return (
    <section>
      <header className="page-header">
        <h1>Restore</h1>
        <StatusBadge status={phase} />
      </header>
      <ErrorBanner message={errorText(job.error) ?? errorText(sub.error)} />
      {!p && <Loading what="the restore" />}
      {p && (
        <div className="card">
          <div className="phase" data-testid="restore-phase">{phaseLabel(phase)}</div>
          <ProgressBar value={percent} label="Restore progress" />
          <div className="stats">
            <Stat label="Restored" value={`${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)}`} />
            <Stat label="Files" value={`${p.filesDone} of ${p.filesTotal ?? '?'}`} />
            <Stat label="Throughput" value={done ? '—' : throughput(p.bytesPerSecond)} />
            <Stat label="Time left" value={timeLeft(p, duration)} />
            <Stat label={done ? 'Took' : 'Running for'} value={duration(elapsed)} />
          </div>
          <div className={`usable ${usableAt ? 'yes' : ''}`} data-testid="workspace-usable">
            {usableAt
              ? <>Workspace usable at {dateTime(usableAt)} ({duration(secondsBetween(started, usableAt))} after the start): the files you need first were in place, the rest followed.
                {j?.instanceId && phase !== 'FAILED' && <> <Link className="button primary" to={`/machines/${j.instanceId}/terminal`} data-testid="open-terminal">Open a terminal</Link></>}</>
              : 'The workspace becomes usable as soon as the files you need first are restored.'}
          </div>
          {p.error && <ErrorBanner message={`The restore failed: ${p.error}`} />}
          {phase === 'DONE' && <div className="banner success" role="status">Restore complete and verified.</div>}
        </div>
      )}
      {j && (
        <p className="muted small">
          Snapshot <code>{j.snapshotId?.substring(0, 8)}</code>
          {j.raceId && <> · machine from <Link to={`/races/${j.raceId}`}>this launch race</Link></>}
          {j.instanceId && <> · on the machine listed under <Link to="/machines">Machines</Link></>}
          {j.attempts > 0 && <> · restic ran {j.attempts} time{j.attempts === 1 ? '' : 's'} (the critical set, the rest, and any retry)</>}
        </p>
      )}
    </section>
  );
}
