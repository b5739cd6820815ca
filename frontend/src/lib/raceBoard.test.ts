import { describe, expect, it } from 'vitest';
import {
  candidateSeconds, initialBoard, isStruckOff, isWinner, mergeDetails, raceReducer, wastedCost, type ProgressItem,
} from './raceBoard';

const race = {
  status: 'RUNNING', createdAt: '2026-01-01T00:00:00Z', waveSize: 2, waveIntervalSeconds: 10, maxWaves: 3,
  wavesLaunched: 1, losersCost: 0,
  candidates: [{ id: 'c1', hostId: 'h1', provider: 'local', wave: 1, status: 'BOOTING', launchedAt: '2026-01-01T00:00:00Z' }],
};
const state0 = raceReducer(initialBoard, { type: 'STATE', seq: 3, terminal: false, race }, Date.parse('2026-01-01T00:00:02Z'));
const ev = (seq: number, rest: Partial<ProgressItem>): ProgressItem => ({ seq, terminal: false, ...rest });

describe('race board reducer', () => {
  it('starts from the STATE item', () => {
    expect(state0.status).toBe('RUNNING');
    expect(state0.candidates).toHaveLength(1);
    expect(state0.candidates[0].elapsedSeconds).toBe(2);
    expect(state0.waves.map((w) => w.wave)).toEqual([1]);
    expect(state0.policy).toEqual({ waveSize: 2, waveIntervalSeconds: 10, maxWaves: 3 });
  });

  it('ignores events the STATE item already covers', () => {
    const s = raceReducer(state0, ev(3, { type: 'WAVE_LAUNCHED', wave: 2, hosts: ['h9'] }));
    expect(s).toBe(state0);
  });

  it('adds waves and candidates as they come, the winner highlighted and losers struck off', () => {
    let s = raceReducer(state0, ev(4, { type: 'WAVE_LAUNCHED', wave: 2, hosts: ['h2'], at: '2026-01-01T00:00:10Z' }));
    s = raceReducer(s, ev(5, { type: 'CANDIDATE_STATE', candidateId: 'c2', hostId: 'h2', wave: 2, candidateStatus: 'LAUNCHING', elapsedSeconds: 0 }));
    s = raceReducer(s, ev(6, { type: 'CANDIDATE_STATE', candidateId: 'c1', candidateStatus: 'READY', elapsedSeconds: 12.5 }));
    s = raceReducer(s, ev(7, { type: 'WINNER_CHOSEN', candidateId: 'c1', at: '2026-01-01T00:00:12.6Z' }));
    s = raceReducer(s, ev(8, { type: 'LOSER_DESTROYED', candidateId: 'c2', candidateStatus: 'DESTROYED', cost: 0.002, elapsedSeconds: 3, terminationReason: 'LOST_RACE' }));
    s = raceReducer(s, ev(9, { type: 'RACE_FINISHED', terminal: true, raceStatus: 'WON', losersCost: 0.002, message: 'every other machine destroyed', at: '2026-01-01T00:00:13Z' }));

    expect(s.waves.map((w) => w.wave)).toEqual([1, 2]);
    const [c1, c2] = s.candidates;
    expect(isWinner(s, c1)).toBe(true);
    expect(c1.bootSeconds).toBe(12.5);
    expect(isStruckOff(s, c1)).toBe(false);
    expect(isStruckOff(s, c2)).toBe(true);
    expect(c2.terminationReason).toBe('LOST_RACE');
    expect(s.timeToReadySeconds).toBeNull(); // the server's figure comes with the details (raceBoardAgree.test.ts)
    expect(s.status).toBe('WON');
    expect(s.ended).toBe(true);
    expect(wastedCost(s)).toBe(0.002);
  });

  it('timers run for machines still booting and stop once they are ready or gone', () => {
    const s = raceReducer(state0, ev(4, { type: 'CANDIDATE_STATE', candidateId: 'c1', candidateStatus: 'BOOTING', elapsedSeconds: 5 }), 1000);
    expect(candidateSeconds(s.candidates[0], 3500)).toBeCloseTo(7.5);
    const ready = raceReducer(s, ev(5, { type: 'CANDIDATE_STATE', candidateId: 'c1', candidateStatus: 'READY', elapsedSeconds: 6 }), 2000);
    expect(candidateSeconds(ready.candidates[0], 99_000)).toBe(6);
  });

  it('a failed candidate is struck off and keeps its message', () => {
    const s = raceReducer(state0, ev(4, { type: 'CANDIDATE_STATE', candidateId: 'c3', hostId: 'h3', wave: 1, candidateStatus: 'FAILED', message: 'create failed' }));
    expect(isStruckOff(s, s.candidates[1])).toBe(true);
    expect(s.candidates[1].error).toBe('create failed');
  });

  it('merges price and instance from the launchRace query without undoing live state', () => {
    const live = raceReducer(state0, ev(4, { type: 'CANDIDATE_STATE', candidateId: 'c1', candidateStatus: 'READY', elapsedSeconds: 9 }));
    const merged = mergeDetails(live, { ...race, candidates: [{ ...race.candidates[0], status: 'BOOTING', pricePerHour: 0.5, instanceId: 'i1' }] });
    expect(merged.candidates[0].status).toBe('READY');
    expect(merged.candidates[0].pricePerHour).toBe(0.5);
    expect(merged.candidates[0].instanceId).toBe('i1');
    expect(mergeDetails(merged, { ...race, candidates: [{ ...race.candidates[0], pricePerHour: 0.5, instanceId: 'i1' }] })).toBe(merged);
  });
});
