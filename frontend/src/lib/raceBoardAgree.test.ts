import { describe, expect, it } from 'vitest';
import * as board from './raceBoard';
import { initialBoard, mergeDetails, raceReducer, type ProgressItem, type RaceSnapshot } from './raceBoard';

// The race board and the race list must show the same figures: both come from the server's LaunchRace fields.
const created = '2026-01-01T00:00:00Z';
const base: RaceSnapshot = {
  status: 'RUNNING', createdAt: created, waveSize: 1, waveIntervalSeconds: 10, maxWaves: 3, wavesLaunched: 1, losersCost: 0,
  candidates: [{ id: 'c1', hostId: 'h1', provider: 'local', wave: 1, status: 'BOOTING', launchedAt: created }],
};
const ev = (seq: number, rest: Partial<ProgressItem>): ProgressItem => ({ seq, terminal: false, ...rest });
const start = raceReducer(initialBoard, { type: 'STATE', seq: 1, terminal: false, race: base }, Date.parse(created));

function wonInWave1() {
  let s = raceReducer(start, ev(2, { type: 'WAVE_LAUNCHED', wave: 2, hosts: [], message: 'no offer left that this race has not tried' }));
  s = raceReducer(s, ev(3, { type: 'CANDIDATE_STATE', candidateId: 'c1', candidateStatus: 'READY', elapsedSeconds: 12 }));
  // published a while after the winner was observed ready: the event's time is not the race's time to ready
  s = raceReducer(s, ev(4, { type: 'WINNER_CHOSEN', candidateId: 'c1', raceStatus: 'WON', at: '2026-01-01T00:00:14Z' }));
  s = raceReducer(s, ev(5, { type: 'RACE_FINISHED', terminal: true, raceStatus: 'WON', losersCost: 0, at: '2026-01-01T00:00:15Z' }));
  // what the launchRace query (and the list, launchRaces) says
  return mergeDetails(s, { ...base, status: 'WON', winnerCandidateId: 'c1', wavesLaunched: 1, timeToReadySeconds: 12.2 });
}

describe('race board figures agree with the race list', () => {
  it('time to ready is the server figure, not the event time', () => {
    const s = wonInWave1();
    expect(s.timeToReadySeconds).toBe(12.2);
    expect(board.raceTiming(s, 15)).toEqual({ label: 'Time to ready', seconds: 12.2 });
  });

  it('waves launched is the server count: a wave that started no machine is not counted', () => {
    const s = wonInWave1();
    expect(s.wavesLaunched).toBe(1);
    const counted = raceReducer(start, ev(2, { type: 'WAVE_LAUNCHED', wave: 2, hosts: ['h2'] }));
    expect(counted.wavesLaunched).toBe(2);
  });

  it('a cancelled race shows no time to ready, only how long it ran', () => {
    let s = raceReducer(start, ev(2, { type: 'RACE_CANCELLED', terminal: true, raceStatus: 'CANCELLED', at: '2026-01-01T00:00:07Z' }));
    s = mergeDetails(s, { ...base, status: 'CANCELLED', timeToReadySeconds: null });
    const t = board.raceTiming(s, 7);
    expect(t.label).not.toMatch(/time to ready/i);
    expect(t.seconds).toBe(7);
  });

  it('after a win, a wave that never started says so instead of "being created"', () => {
    const rows = board.waveRows(wonInWave1());
    expect(rows.map((r) => r.wave)).toEqual([1, 2, 3]);
    expect(rows[0].note).toBeNull();
    expect(rows[1].note).toMatch(/no offer left/);
    expect(rows[2].note).toMatch(/not started: the race was won in wave 1/i);
    expect(rows.some((r) => /being created/.test(r.note ?? ''))).toBe(false);
  });

  it('while the race runs, a launched wave without cards yet is being created', () => {
    const s = raceReducer(start, ev(2, { type: 'WAVE_LAUNCHED', wave: 2, hosts: ['h2'] }));
    expect(board.waveRows(s)[1].note).toMatch(/being created/);
  });
});
