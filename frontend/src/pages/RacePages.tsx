import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import {
  CancelLaunchRaceMutation, InstancesQuery, LaunchRaceProgressSubscription, LaunchRaceQuery, LaunchRacesQuery,
} from '../api/operations';
import { EmptyState, ErrorBanner, Loading, Stat, StatusBadge, useInterval, useNow, ReflowTable } from '../components/ui';
import { errorText } from '../lib/errors';
import { dateTime, duration, money, perHour } from '../lib/format';
import {
  candidateSeconds, initialBoard, isStruckOff, isTicking, isWinner, mergeDetails, needsDetails, raceReducer,
  raceTiming, waveRows, wastedCost, type BoardState, type CandidateCard, type ProgressItem, type RaceSnapshot,
} from '../lib/raceBoard';

const RACE_STATUSES = ['RUNNING', 'WON', 'FAILED', 'CANCELLED'];

export function RacesPage() {
  const [res, refetch] = useQuery({ query: LaunchRacesQuery, variables: { limit: 50 } });
  const poll = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useInterval(poll, 5000);
  // the status filter lives in the address: reload and Back keep it
  const [params, setParams] = useSearchParams();
  const status = RACE_STATUSES.includes(params.get('status') ?? '') ? params.get('status')! : '';
  const races = (res.data?.launchRaces?.filter(Boolean) ?? []).filter((r) => !status || r!.status === status);
  return (
    <section>
      <header className="page-header">
        <h1>Launch races</h1>
        <label className="field inline">
          <span>Status</span>
          <select name="raceStatus" aria-label="Status" value={status} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
            <option value="">all</option>
            {RACE_STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </label>
      </header>
      <ErrorBanner message={errorText(res.error)} onRetry={poll} />
      {!res.data && res.fetching && <Loading what="races" />}
      {res.data && races.length === 0 && status && <EmptyState title={`No ${status.toLowerCase()} race`}>Choose “all” to see every race.</EmptyState>}
      {res.data && races.length === 0 && !status && (
        <EmptyState title="No race yet">Start one from <Link to="/offers">Offers</Link> with “Launch race”.</EmptyState>
      )}
      {races.length > 0 && (
        <ReflowTable aria-label="Launch races">
          <thead><tr><th>Started</th><th>Status</th><th>Winner</th><th className="num">Time to ready</th><th className="num">Waves launched</th><th className="num">Wasted</th><th /></tr></thead>
          <tbody>
            {races.map((r) => (
              <tr key={r!.id}>
                <td>{dateTime(r!.createdAt)}</td>
                <td><StatusBadge status={r!.status} />{r!.error && <div className="muted small">{r!.error}</div>}</td>
                <td><code>{r!.winnerHostId ?? '—'}</code></td>
                <td className="num">{duration(r!.timeToReadySeconds)}</td>
                <td className="num">{r!.wavesLaunched}</td>
                <td className="num">{money(r!.losersCost)}</td>
                <td><Link to={`/races/${r!.id}`}>Board</Link></td>
              </tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
    </section>
  );
}

type Action = { kind: 'event'; item: ProgressItem } | { kind: 'details'; race: RaceSnapshot } | { kind: 'reset' };

function boardReducer(state: BoardState, action: Action): BoardState {
  switch (action.kind) {
    case 'event': return raceReducer(state, action.item);
    case 'details': return mergeDetails(state, action.race);
    case 'reset': return initialBoard;
  }
}

export function RaceBoardPage() {
  const { id = '' } = useParams();
  const [board, dispatch] = useReducer(boardReducer, initialBoard);
  const client = useClient();
  useEffect(() => dispatch({ kind: 'reset' }), [id]);

  const [sub] = useSubscription({ query: LaunchRaceProgressSubscription, variables: { id } }, (_prev: unknown, data) => {
    if (data.launchRaceProgress) dispatch({ kind: 'event', item: data.launchRaceProgress as ProgressItem });
    return data;
  });
  const [{ data: instances }, refetchInstances] = useQuery({ query: InstancesQuery, variables: { includeEnded: true } });
  const [cancelState, cancel] = useMutation(CancelLaunchRaceMutation);

  // price and instance of each candidate are only in the launchRace query: load them when new candidates appear
  const loading = useRef(false);
  const loadDetails = useCallback(async () => {
    if (loading.current || !id) return;
    loading.current = true;
    try {
      const r = await client.query(LaunchRaceQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      if (r.data?.launchRace) dispatch({ kind: 'details', race: r.data.launchRace as RaceSnapshot });
      refetchInstances({ requestPolicy: 'network-only' });
    } finally {
      loading.current = false;
    }
  }, [client, id, refetchInstances]);
  const missing = needsDetails(board);
  // the winner's time to ready is the server's figure: load it once a winner is chosen
  useEffect(() => {
    if (missing || board.ended || board.winnerId) void loadDetails();
  }, [missing, board.ended, board.winnerId, board.candidates.length, loadDetails]);

  const gpuByInstance = useMemo(() => {
    const m = new Map<string, string>();
    for (const i of instances?.instances ?? []) if (i?.id) m.set(i.id, `${i.gpuCount && i.gpuCount > 1 ? `${i.gpuCount}× ` : ''}${i.gpuModel ?? ''}`);
    return m;
  }, [instances]);

  // a candidate's machine may be newer than the instances list: load the list again once per new machine
  const unknownMachines = board.candidates.filter((c) => c.instanceId && !gpuByInstance.has(c.instanceId)).length;
  useEffect(() => {
    if (unknownMachines > 0) refetchInstances({ requestPolicy: 'network-only' });
  }, [unknownMachines, refetchInstances]);

  const anyTicking = board.candidates.some(isTicking) && !board.ended;
  const now = useNow(anyTicking || (!board.ended && board.status === 'RUNNING'));
  const elapsed = board.createdAt
    ? (board.finishedAt && board.ended ? Date.parse(board.finishedAt) : now) / 1000 - Date.parse(board.createdAt) / 1000
    : null;
  const winner = board.candidates.find((c) => c.id === board.winnerId);
  const waves = waveRows(board);
  const timing = raceTiming(board, elapsed);

  if (sub.error && board.lastSeq < 0) {
    return (
      <section>
        <h1>Launch race</h1>
        <ErrorBanner message={errorText(sub.error) ?? 'The race could not be followed.'} />
        <p><Link to="/races">Back to the races</Link></p>
      </section>
    );
  }
  return (
    <section>
      <header className="page-header">
        <h1>Launch race</h1>
        <StatusBadge status={board.status} />
        {board.status === 'RUNNING' && (
          <button className="danger" disabled={cancelState.fetching} onClick={() => void cancel({ id })}>Cancel race</button>
        )}
      </header>
      <ErrorBanner message={errorText(cancelState.error)} />
      {board.lastSeq < 0 && <Loading what="the race" />}
      {board.lastSeq >= 0 && (
        <>
          <div className="stats" aria-label="Race summary">
            <Stat label={timing.label} value={duration(timing.seconds)} testId="time-to-ready" />
            <Stat label="Winner" value={winner ? `${winner.hostId}` : board.ended ? 'none' : 'racing…'} testId="winner" />
            <Stat label="Wasted on losers" value={money(wastedCost(board))} testId="wasted" />
            <Stat label="Waves launched" value={`${board.wavesLaunched} of ${board.policy?.maxWaves ?? '?'}`} testId="waves-launched" />
            <Stat label="Policy" value={board.policy ? `${board.policy.waveSize} per wave, every ${board.policy.waveIntervalSeconds} s` : '—'} />
          </div>
          {board.message && <div className={`banner ${board.status === 'WON' ? 'info' : 'error'}`}>{board.message}</div>}
          {board.ended && board.status === 'WON' && winner && (
            <div className="banner success" role="status">
              <span>{winner.hostId} was ready after {duration(board.timeToReadySeconds)}. It is on the <Link to="/machines">Machines</Link> screen.</span>
            </div>
          )}
          {waves.length === 0 && !board.ended && <div className="muted">Waiting for the first wave…</div>}
          {waves.map(({ wave: w, info, cards, note }) => {
            return (
              <div className="wave" key={w} aria-label={`Wave ${w}`}>
                <h3>Wave {w}{info?.at ? <span className="muted small"> · started {dateTime(info.at)}</span> : null}</h3>
                {info?.message && !note && <div className="muted small">{info.message}</div>}
                <div className="cards">
                  {cards.map((c) => (
                    <CandidateCardView key={c.id} c={c} now={now} gpu={c.instanceId ? gpuByInstance.get(c.instanceId) : undefined}
                      winner={isWinner(board, c)} struck={isStruckOff(board, c)} />
                  ))}
                  {note && <div className="muted small" data-testid={`wave-${w}-note`}>{note}</div>}
                </div>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

export function CandidateCardView({ c, now, gpu, winner, struck }: {
  c: CandidateCard; now: number; gpu?: string; winner: boolean; struck: boolean;
}) {
  const secs = candidateSeconds(c, now);
  const cls = ['candidate', `candidate-${c.status.toLowerCase()}`, winner ? 'winner' : '', struck ? 'struck' : ''].join(' ');
  return (
    <div className={cls} data-status={c.status} data-winner={winner ? 'true' : 'false'} aria-label={`Candidate ${c.hostId}`}>
      <div className="candidate-head">
        <code className="host">{c.hostId ?? '?'}</code>
        {winner && <span className="tag winner-tag">winner</span>}
      </div>
      <div className="muted small">{c.provider} · {gpu || 'GPU …'} · {perHour(c.pricePerHour)}</div>
      <div className="candidate-state">
        <StatusBadge status={c.status} />
        <span className="timer">{duration(secs)}</span>
      </div>
      {c.terminationReason && !winner && <div className="muted small">{c.terminationReason.toLowerCase().replace(/_/g, ' ')}{c.cost != null ? ` · ${money(c.cost)}` : ''}</div>}
      {c.error && <div className="small bad">{c.error}</div>}
    </div>
  );
}
