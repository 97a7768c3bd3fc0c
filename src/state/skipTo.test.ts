import { describe, expect, it } from 'vitest';
import { createRun, defaultParams, patterns } from '../patterns';
import { createSimulator } from './createSimulator';
import { createManualTicker } from './manualTicker';

const pattern = patterns[0]!;

describe('Simulator.skipTo (an embed’s start time)', () => {
  it('lands at the moment asked, with the same state as running there', () => {
    const sim = createSimulator({ pattern, seed: 3, ticker: createManualTicker() });
    sim.skipTo(45_000);
    const state = sim.store.getState();
    expect(state.status).toBe('idle');
    expect(state.live.simTimeMs).toBe(45_000);
    // The same run, advanced in one go, agrees message for message.
    const reference = createRun(pattern, defaultParams(pattern), { seed: 3 });
    reference.advanceTo(45_000);
    expect(state.live.ledger).toEqual(reference.world.ledger.summary());
    expect(state.live.ledger.created).toBeGreaterThan(100);
    // No dots are left over from the skipped stretch.
    expect(sim.hops.estimatedInFlight).toBe(0);
    sim.dispose();
  });

  it('never goes back', () => {
    const sim = createSimulator({ pattern, seed: 3, ticker: createManualTicker() });
    sim.skipTo(10_000);
    sim.skipTo(5_000);
    expect(sim.run.now).toBe(10_000);
    sim.dispose();
  });
});
