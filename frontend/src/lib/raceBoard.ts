// The launch race board's state, built from launchRaceProgress: a STATE item (the whole race) first,
// then events in seq order. Pure, so it is unit-tested without a server.

export type CandidateStatus = 'LAUNCHING' | 'BOOTING' | 'READY' | 'DESTROYING' | 'DESTROYED' | 'FAILED';
export type RaceStatus = 'RUNNING' | 'WON' | 'FAILED' | 'CANCELLED';

export interface CandidateCard {
  id: string;
  hostId: string | null;
  provider: string | null;
  wave: number;
  status: CandidateStatus;
  providerState: string | null;
  /** seconds since the create call, as of `elapsedAt` (client clock, ms) */
  elapsedSeconds: number | null;
  elapsedAt: number;
  bootSeconds: number | null;
  cost: number | null;
  pricePerHour: number | null;
  instanceId: string | null;
  terminationReason: string | null;
  error: string | null;
}

export interface WaveInfo {
  wave: number;
  hosts: string[];
  at: string | null;
  message: string | null;
}

export interface BoardState {
  lastSeq: number;
  status: RaceStatus | null;
  candidates: CandidateCard[];
  waves: WaveInfo[];
  winnerId: string | null;
  losersCost: number | null;
  timeToReadySeconds: number | null;
  createdAt: string | null;
  finishedAt: string | null;
  message: string | null;
  ended: boolean;
  policy: { waveSize: number; waveIntervalSeconds: number; maxWaves: number } | null;
  /** The server's count of waves that started machines (LaunchRace.wavesLaunched, what the race list shows). */
  wavesLaunched: number;
}

export const initialBoard: BoardState = {
  lastSeq: -1,
  status: null,
  candidates: [],
  waves: [],
  winnerId: null,
  losersCost: null,
  timeToReadySeconds: null,
  createdAt: null,
  finishedAt: null,
  message: null,
  ended: false,
  policy: null,
  wavesLaunched: 0,
};

/** The fields of LaunchRaceProgress the board reads (what the subscription selects). */
export interface ProgressItem {
  type?: string | null;
  seq: number;
  at?: string | null;
  terminal: boolean;
  raceStatus?: string | null;
  wave?: number | null;
  hosts?: (string | null)[] | null;
  candidateId?: string | null;
  provider?: string | null;
  hostId?: string | null;
  candidateStatus?: string | null;
  providerState?: string | null;
  elapsedSeconds?: number | null;
  terminationReason?: string | null;
  cost?: number | null;
  losersCost?: number | null;
  message?: string | null;
  race?: RaceSnapshot | null;
}

export interface RaceSnapshot {
  status?: string | null;
  createdAt?: string | null;
  finishedAt?: string | null;
  error?: string | null;
  losersCost?: number | null;
  timeToReadySeconds?: number | null;
  winnerCandidateId?: string | null;
  waveSize: number;
  waveIntervalSeconds: number;
  maxWaves: number;
  wavesLaunched: number;
  candidates?: (CandidateSnapshot | null)[] | null;
}

export interface CandidateSnapshot {
  id?: string | null;
  hostId?: string | null;
  provider?: string | null;
  wave: number;
  status?: string | null;
  providerState?: string | null;
  launchedAt?: string | null;
  readyAt?: string | null;
  destroyedAt?: string | null;
  aliveSeconds?: number | null;
  bootSeconds?: number | null;
  cost?: number | null;
  pricePerHour?: number | null;
  instanceId?: string | null;
  terminationReason?: string | null;
  error?: string | null;
}

const ALIVE: CandidateStatus[] = ['LAUNCHING', 'BOOTING', 'DESTROYING'];

export function isTicking(c: CandidateCard): boolean {
  return ALIVE.includes(c.status);
}

/** What a candidate's timer shows at client time `now` (ms). */
export function candidateSeconds(c: CandidateCard, now: number): number | null {
  if (c.status === 'READY' && c.bootSeconds != null) return c.bootSeconds;
  if (c.elapsedSeconds == null) return null;
  return isTicking(c) ? c.elapsedSeconds + Math.max(0, now - c.elapsedAt) / 1000 : c.elapsedSeconds;
}

export function isWinner(state: BoardState, c: CandidateCard): boolean {
  return state.winnerId === c.id;
}

/** A loser is struck off once its machine is gone (destroyed or failed) and it is not the winner. */
export function isStruckOff(state: BoardState, c: CandidateCard): boolean {
  return !isWinner(state, c) && (c.status === 'DESTROYED' || c.status === 'FAILED');
}

export function raceReducer(state: BoardState, item: ProgressItem, now: number = Date.now()): BoardState {
  if (item.type === 'STATE' && item.race) {
    return fromSnapshot(item.race, item.seq, now);
  }
  if (item.seq <= state.lastSeq) {
    return state; // already applied (the STATE item covers events up to its seq)
  }
  const next: BoardState = { ...state, lastSeq: item.seq };
  if (item.losersCost != null) next.losersCost = item.losersCost;
  if (item.raceStatus) next.status = item.raceStatus as RaceStatus;
  switch (item.type) {
    case 'WAVE_LAUNCHED':
      if (item.wave != null && !state.waves.some((w) => w.wave === item.wave)) {
        next.waves = [...state.waves, {
          wave: item.wave,
          hosts: (item.hosts ?? []).filter((h): h is string => !!h),
          at: item.at ?? null,
          message: item.message ?? null,
        }].sort((a, b) => a.wave - b.wave);
      }
      // the server counts a wave once it starts machines (an empty one, e.g. "no offer left", is not counted)
      if (item.wave != null && (item.hosts ?? []).some((h) => !!h)) {
        next.wavesLaunched = Math.max(state.wavesLaunched, item.wave);
      }
      break;
    case 'CANDIDATE_STATE':
    case 'LOSER_DESTROYED':
    case 'WINNER_CHOSEN':
      if (item.candidateId) {
        next.candidates = upsert(state.candidates, item, now);
      }
      if (item.type === 'WINNER_CHOSEN' && item.candidateId) {
        // time to ready is the server's figure (LaunchRace.timeToReadySeconds, loaded with the details),
        // never the event's publish time, so board and list show the same number
        next.winnerId = item.candidateId;
      }
      break;
    default:
      break;
  }
  if (item.terminal) {
    next.ended = true;
    next.finishedAt = item.at ?? next.finishedAt;
    if (item.message) next.message = item.message;
  }
  return next;
}

function upsert(list: CandidateCard[], item: ProgressItem, now: number): CandidateCard[] {
  const i = list.findIndex((c) => c.id === item.candidateId);
  const prev: CandidateCard | undefined = i >= 0 ? list[i] : undefined;
  const status = (item.candidateStatus as CandidateStatus | null | undefined)
    ?? (item.type === 'LOSER_DESTROYED' ? 'DESTROYED' : item.type === 'WINNER_CHOSEN' ? 'READY' : prev?.status ?? 'LAUNCHING');
  const card: CandidateCard = {
    id: item.candidateId!,
    hostId: item.hostId ?? prev?.hostId ?? null,
    provider: item.provider ?? prev?.provider ?? null,
    wave: item.wave ?? prev?.wave ?? 0,
    status,
    providerState: item.providerState ?? prev?.providerState ?? null,
    elapsedSeconds: item.elapsedSeconds ?? prev?.elapsedSeconds ?? null,
    elapsedAt: item.elapsedSeconds != null ? now : prev?.elapsedAt ?? now,
    bootSeconds: status === 'READY' ? (item.elapsedSeconds ?? prev?.bootSeconds ?? null) : prev?.bootSeconds ?? null,
    cost: item.cost ?? prev?.cost ?? null,
    pricePerHour: prev?.pricePerHour ?? null,
    instanceId: prev?.instanceId ?? null,
    terminationReason: item.terminationReason ?? prev?.terminationReason ?? null,
    error: prev?.error ?? (status === 'FAILED' ? item.message ?? null : null),
  };
  if (i < 0) return [...list, card];
  const copy = list.slice();
  copy[i] = card;
  return copy;
}

function fromSnapshot(race: RaceSnapshot, seq: number, now: number): BoardState {
  const candidates: CandidateCard[] = (race.candidates ?? [])
    .filter((c): c is CandidateSnapshot => !!c && !!c.id)
    .map((c) => ({
      id: c.id!,
      hostId: c.hostId ?? null,
      provider: c.provider ?? null,
      wave: c.wave,
      status: (c.status ?? 'LAUNCHING') as CandidateStatus,
      providerState: c.providerState ?? null,
      elapsedSeconds: c.aliveSeconds ?? c.bootSeconds
        ?? (c.launchedAt ? Math.max(0, (now - Date.parse(c.launchedAt)) / 1000) : null),
      elapsedAt: now,
      bootSeconds: c.bootSeconds ?? null,
      cost: c.cost ?? null,
      pricePerHour: c.pricePerHour ?? null,
      instanceId: c.instanceId ?? null,
      terminationReason: c.terminationReason ?? null,
      error: c.error ?? null,
    }));
  const waves: WaveInfo[] = [];
  for (let w = 1; w <= race.wavesLaunched; w++) {
    waves.push({
      wave: w,
      hosts: candidates.filter((c) => c.wave === w).map((c) => c.hostId ?? '?'),
      at: null,
      message: null,
    });
  }
  const status = (race.status ?? 'RUNNING') as RaceStatus;
  return {
    lastSeq: seq,
    status,
    candidates,
    waves,
    winnerId: race.winnerCandidateId ?? null,
    losersCost: race.losersCost ?? null,
    timeToReadySeconds: race.timeToReadySeconds ?? null,
    createdAt: race.createdAt ?? null,
    finishedAt: race.finishedAt ?? null,
    message: race.error ?? null,
    ended: status !== 'RUNNING',
    policy: { waveSize: race.waveSize, waveIntervalSeconds: race.waveIntervalSeconds, maxWaves: race.maxWaves },
    wavesLaunched: race.wavesLaunched,
  };
}

/** Details only the launchRace query has (price, instance): merged in without undoing live state. */
export function mergeDetails(state: BoardState, race: RaceSnapshot): BoardState {
  const byId = new Map((race.candidates ?? []).filter((c): c is CandidateSnapshot => !!c?.id).map((c) => [c.id!, c]));
  let changed = false;
  const candidates = state.candidates.map((c) => {
    const d = byId.get(c.id);
    if (!d) return c;
    const merged = {
      ...c,
      pricePerHour: d.pricePerHour ?? c.pricePerHour,
      instanceId: d.instanceId ?? c.instanceId,
      bootSeconds: c.bootSeconds ?? d.bootSeconds ?? null,
      error: c.error ?? d.error ?? null,
      cost: d.cost ?? c.cost,
    };
    if (merged.pricePerHour !== c.pricePerHour || merged.instanceId !== c.instanceId || merged.bootSeconds !== c.bootSeconds
      || merged.error !== c.error || merged.cost !== c.cost) {
      changed = true;
      return merged;
    }
    return c;
  });
  const known = new Set(state.candidates.map((c) => c.id));
  const missing = [...byId.values()].filter((c) => !known.has(c.id!));
  const timeToReady = race.timeToReadySeconds ?? state.timeToReadySeconds ?? null;
  const losersCost = race.status && race.status !== 'RUNNING' ? race.losersCost ?? state.losersCost : state.losersCost;
  const wavesLaunched = Math.max(state.wavesLaunched, race.wavesLaunched);
  if (!changed && missing.length === 0 && timeToReady === state.timeToReadySeconds && losersCost === state.losersCost
    && wavesLaunched === state.wavesLaunched && (state.createdAt || !race.createdAt) && state.policy) {
    return state;
  }
  const snap = fromSnapshot({ ...race, candidates: missing }, state.lastSeq, Date.now());
  return {
    ...state,
    candidates: [...candidates, ...snap.candidates],
    timeToReadySeconds: timeToReady,
    losersCost,
    wavesLaunched,
    createdAt: state.createdAt ?? race.createdAt ?? null,
    policy: state.policy ?? snap.policy,
  };
}

/** Candidates whose details (price, instance) the board has not loaded yet. */
export function needsDetails(state: BoardState): boolean {
  return state.candidates.some((c) => c.pricePerHour == null || c.instanceId == null);
}

/** Sum of what the machines that did not win cost (server figure once known, else the events' costs). */
export function wastedCost(state: BoardState): number {
  if (state.losersCost != null) return state.losersCost;
  return state.candidates.filter((c) => c.id !== state.winnerId).reduce((sum, c) => sum + (c.cost ?? 0), 0);
}

/**
 * The board's headline figure. A race that ended without a winner (cancelled, failed) has no time to
 * ready: it shows how long it ran instead. `elapsedSeconds`: since the race was created (to its end once ended).
 */
export function raceTiming(state: BoardState, elapsedSeconds: number | null): { label: string; seconds: number | null } {
  if (state.winnerId && state.timeToReadySeconds != null) return { label: 'Time to ready', seconds: state.timeToReadySeconds };
  if (!state.ended) return { label: 'Running for', seconds: elapsedSeconds };
  return { label: 'Ran for (no machine ready)', seconds: elapsedSeconds };
}

export interface WaveRow {
  wave: number;
  info: WaveInfo | undefined;
  cards: CandidateCard[];
  /** what to say when the wave has no machine to show; null when it has */
  note: string | null;
}

/**
 * The waves the board lists: every wave that started (or tried to), and once the race is over the waves it
 * never started, each saying why. A wave with no machine is "being created" only while the race runs.
 */
export function waveRows(state: BoardState): WaveRow[] {
  const seen = new Set<number>([...state.waves.map((w) => w.wave), ...state.candidates.map((c) => c.wave)]);
  for (let w = 1; w <= state.wavesLaunched; w++) seen.add(w);
  if (state.ended && state.policy) for (let w = 1; w <= state.policy.maxWaves; w++) seen.add(w);
  const winner = state.candidates.find((c) => c.id === state.winnerId);
  return [...seen].sort((a, b) => a - b).map((wave) => {
    const info = state.waves.find((w) => w.wave === wave);
    const cards = state.candidates.filter((c) => c.wave === wave);
    let note: string | null = null;
    if (cards.length === 0) {
      if (info && (info.hosts.length === 0) && info.message) note = `No machine started: ${info.message}.`;
      else if (!state.ended && state.status === 'RUNNING' && !state.winnerId) note = 'Machines of this wave are being created…';
      else if (state.winnerId) note = `Not started: the race was won${winner ? ` in wave ${winner.wave}` : ''} before this wave was due.`;
      else if (state.status === 'CANCELLED') note = 'Not started: the race was cancelled before this wave was due.';
      else note = 'Not started: the race ended before this wave was due.';
    }
    return { wave, info, cards, note };
  });
}
