import { describe, expect, it } from 'vitest';
import { createRun, findPattern } from '../patterns';
import { createSimulator } from './createSimulator';
import { createManualTicker } from './manualTicker';
import { parseLocation } from './url';
import { patterns } from '../patterns';
import { searchOf } from './shareLink';

const pattern = findPattern('message-decoupling-sqs')!;

function simulator(speed = 1) {
  return createSimulator({
    pattern,
    params: { paymentRate: 40 },
    seed: 5,
    speed,
    ticker: createManualTicker(),
    wallClock: () => 0,
  });
}

describe('seek: a link that lands at a moment', () => {
  it('shows, paused, the numbers a headless run has at that time', () => {
    const sim = simulator();
    sim.seek(30_000);
    const state = sim.store.getState();
    expect(state.status).toBe('paused');
    expect(state.live.simTimeMs).toBe(30_000);
    const run = createRun(pattern, state.params, { seed: 5 });
    run.advanceTo(30_000);
    expect(state.live.ledger).toEqual(run.summary().ledger);
    expect(state.live.nodeStats).toEqual(run.summary().nodes);
  });

  it('goes back by replaying from the seed, to the same numbers', () => {
    const sim = simulator();
    sim.seek(20_000);
    const first = sim.store.getState().live;
    sim.seek(50_000);
    sim.seek(20_000);
    expect(sim.store.getState().live.ledger).toEqual(first.ledger);
    expect(sim.store.getState().live.nodeStats).toEqual(first.nodeStats);
  });

  it('round-trips speed and time through the shared link', () => {
    const sim = simulator(25);
    sim.seek(12_500);
    const search = searchOf(sim.store.getState(), true);
    expect(search).toBe('?pattern=message-decoupling-sqs&paymentRate=40&seed=5&speed=25&t=12.5');
    const loc = parseLocation(search, patterns);
    expect(loc.errors).toEqual([]);
    expect(loc.speed).toBe(25);
    expect(loc.timeMs).toBe(12_500);
    const bad = parseLocation('?speed=fast&t=-3', patterns);
    expect(bad.speed).toBeUndefined();
    expect(bad.timeMs).toBeUndefined();
    expect(bad.errors).toEqual([
      'The speed must be a number from 0.1 to 1000, got "fast". Using 1×.',
      'The time t must be a number of seconds from 0 to 86400, got "-3". Starting at 0.',
    ]);
  });
});
