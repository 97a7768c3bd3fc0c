import { describe, expect, it } from 'vitest';
import { patterns } from '../patterns';
import { createSimulator } from './createSimulator';
import { createManualTicker } from './manualTicker';

const pattern = patterns[0]!;

function setup(speed = 1) {
  const ticker = createManualTicker();
  let wall = 0;
  const sim = createSimulator({
    pattern,
    seed: 1,
    speed,
    ticker,
    wallClock: () => (wall += 0.001),
  });
  return { sim, ticker, state: () => sim.store.getState() };
}

describe('createSimulator playback', () => {
  it('starts idle at t=0 and advances wall time × speed while running', () => {
    const { sim, ticker, state } = setup(10);
    expect(state().status).toBe('idle');
    ticker.tick(16);
    expect(sim.run.now).toBe(0);
    sim.play();
    expect(state().status).toBe('running');
    for (let i = 0; i < 10; i++) ticker.tick(16);
    expect(sim.run.now).toBeCloseTo(10 * 16 * 10);
    sim.pause();
    ticker.tick(16);
    expect(state().status).toBe('paused');
    expect(sim.run.now).toBeCloseTo(1600);
  });

  it('steps to the next visible event, skipping the quiet ones, and ends paused', () => {
    const { sim, state } = setup();
    sim.step();
    const step = state().live.lastStep;
    // The run's first events are timers (the sampler, the traffic's first arrival).
    expect(step?.events).toBeGreaterThan(1);
    expect(sim.run.world.sim.eventsRun).toBe(step?.event);
    expect(state().status).toBe('paused');
  });

  it('steps back to the same state by replaying the run from its seed', () => {
    const { sim, state } = setup();
    const seen: { text: string; fingerprint: string; params: unknown }[] = [];
    for (let i = 0; i < 25; i++) {
      sim.step();
      if (i === 10) sim.setParams({ paymentRate: 40 });
      seen.push({
        text: state().live.lastStep?.text ?? '',
        fingerprint: sim.run.world.sim.fingerprint(),
        params: state().params.paymentRate,
      });
    }
    for (let i = 23; i >= 5; i--) {
      expect(sim.stepBack()).toBe(true);
      expect(state().status).toBe('paused');
      expect(state().live.lastStep?.text).toBe(seen[i]?.text);
      expect(sim.run.world.sim.fingerprint()).toBe(seen[i]?.fingerprint);
      expect(state().params.paymentRate).toBe(seen[i]?.params);
    }
    // Forward again from there: the same events as the first time.
    sim.step();
    expect(sim.run.world.sim.fingerprint()).toBe(seen[6]?.fingerprint);
  });

  it('steps back after playing, to the visible event before the pause', () => {
    const { sim, ticker, state } = setup(1);
    sim.play();
    for (let i = 0; i < 20; i++) ticker.tick(16);
    sim.pause();
    const here = sim.run.world.sim.eventsRun;
    expect(sim.stepBack()).toBe(true);
    const back = state().live.lastStep;
    expect(back?.event).toBeLessThan(here);
    expect(back?.text.length).toBeGreaterThan(10);
    expect(sim.run.world.sim.eventsRun).toBe(back?.event);
    // Step forward lands on the next visible event, at most where the pause was.
    sim.step();
    expect(sim.run.world.sim.eventsRun).toBeLessThanOrEqual(here);
  });

  it('plays until a condition holds, then pauses', () => {
    const { sim, ticker, state } = setup(10);
    let reached = 0;
    sim.playUntil(
      (run) => run.now >= 2000,
      () => reached++,
    );
    expect(state().status).toBe('running');
    for (let i = 0; i < 40; i++) ticker.tick(16);
    expect(state().status).toBe('paused');
    expect(reached).toBe(1);
    expect(sim.run.now).toBeGreaterThanOrEqual(2000);
    expect(sim.run.now).toBeLessThan(2000 + 16 * 10 + 1);
  });

  it('applies a rate change to the running simulation without restarting', () => {
    const { sim, ticker, state } = setup(100);
    sim.play();
    for (let i = 0; i < 20; i++) ticker.tick(16);
    const t = sim.run.now;
    expect(t).toBeGreaterThan(10_000);
    const version = state().runVersion;
    sim.setParams({ paymentRate: 40 });
    expect(state().runVersion).toBe(version);
    expect(sim.run.now).toBe(t);
    expect(sim.run.params.paymentRate).toBe(40);
    expect(state().params.paymentRate).toBe(40);
    ticker.tick(16);
    expect(sim.run.now).toBeGreaterThan(t);
  });

  it('restarts from t=0 on a structural change and keeps playing', () => {
    const { sim, ticker, state } = setup(100);
    sim.play();
    for (let i = 0; i < 20; i++) ticker.tick(16);
    const version = state().runVersion;
    sim.setParams({ withoutQueue: true });
    expect(state().runVersion).toBe(version + 1);
    expect(sim.run.now).toBe(0);
    expect(state().status).toBe('running');
    expect(sim.run.params.withoutQueue).toBe(true);
    ticker.tick(16);
    expect(sim.run.now).toBeGreaterThan(0);
  });

  it('a new seed restarts from t=0 and keeps playing if it was playing', () => {
    const { sim, ticker, state } = setup(100);
    sim.play();
    for (let i = 0; i < 20; i++) ticker.tick(16);
    sim.setSeed(7);
    expect(state().status).toBe('running');
    expect(state().seed).toBe(7);
    expect(sim.run.now).toBe(0);
    expect(sim.run.options.seed).toBe(7);
    ticker.tick(16);
    expect(sim.run.now).toBeGreaterThan(0);
    sim.pause();
    sim.setSeed(8);
    expect(state().status).toBe('idle');
  });

  it('a step runs to the next visible event and says what happened there', () => {
    const { sim, state } = setup();
    sim.step();
    const first = state().live.lastStep;
    expect(first?.event).toBe(state().live.eventsRun);
    expect(first?.text).toMatch(/^User .*sent payment #1 to API Gateway/);
    expect(first?.nodeId).toBe('user');
    const told: string[] = [];
    for (let i = 0; i < 30; i++) {
      sim.step();
      const step = state().live.lastStep;
      expect(step?.text).not.toMatch(/timer|sample/);
      if (step?.edgeId) expect(pattern.edges.map((e) => e.id)).toContain(step.edgeId);
      told.push(step?.text ?? '');
    }
    // The gateway's arrival is told with its token bucket, from the run's own numbers.
    expect(told.some((t) => /^Payment #1 reached API Gateway .*; 4,999 tokens left$/.test(t))).toBe(
      true,
    );
    sim.play();
    expect(state().status).toBe('running');
  });

  it('keeps an hour of samples and the whole run for the charts', () => {
    const { sim, ticker } = setup(1000);
    expect(sim.run.world.sampler.capacity).toBe(3600);
    sim.play();
    // Frames until more than 1,000 simulated seconds have run (the event budget per frame
    // decides how many that takes).
    for (let i = 0; i < 1000 && sim.run.now <= 1_100_000; i++) ticker.tick(100);
    ticker.tick(0);
    const xs = sim.history.xs();
    expect(xs[0]).toBeLessThanOrEqual(sim.history.bucket);
    expect(xs[xs.length - 1]).toBeGreaterThan(1000);
    sim.reset();
    expect(sim.history.xs()).toEqual([]);
  }, 60_000);

  it('reset goes back to idle at t=0', () => {
    const { sim, ticker, state } = setup(100);
    sim.play();
    ticker.tick(16);
    sim.reset();
    expect(state().status).toBe('idle');
    expect(sim.run.now).toBe(0);
    expect(state().live.simTimeMs).toBe(0);
  });

  it('reports when the event budget runs out instead of freezing', () => {
    const { sim, ticker, state } = setup(1000);
    sim.setParams({ paymentRate: 5000 });
    sim.play();
    for (let i = 0; i < 40; i++) ticker.tick(16);
    // Each frame ran at most its budget of events, so the run is behind the requested speed...
    expect(sim.run.now).toBeLessThan(40 * 16 * 1000);
    // ...and the screen is told so, with the speed actually achieved.
    expect(state().live.behind).toBe(true);
    expect(state().live.effectiveSpeed).toBeLessThan(1000);
    expect(state().live.effectiveSpeed).toBeGreaterThan(0);
  }, 60_000);

  it('reports slow frames too: their capped step holds playback back', () => {
    const { sim, ticker, state } = setup(10);
    sim.play();
    // Frames 300 ms apart: each may step only 100 ms of wall time, a third of the speed asked.
    for (let i = 0; i < 40; i++) ticker.tick(300);
    ticker.tick(300);
    expect(state().live.behind).toBe(true);
    expect(state().live.effectiveSpeed).toBeGreaterThan(2);
    expect(state().live.effectiveSpeed).toBeLessThan(5);
  }, 60_000);

  it('does not count a hidden tab’s long gap as a slow frame', () => {
    const { sim, ticker, state } = setup(10);
    sim.play();
    for (let i = 0; i < 10; i++) ticker.tick(16);
    ticker.tick(5000);
    for (let i = 0; i < 3; i++) ticker.tick(16);
    expect(state().live.behind).toBe(false);
  });

  it('is deterministic: the same seed gives the same run', () => {
    const a = setup(50);
    const b = setup(50);
    a.sim.play();
    b.sim.play();
    for (let i = 0; i < 30; i++) {
      a.ticker.tick(16);
      b.ticker.tick(16);
    }
    expect(a.sim.run.world.sim.fingerprint()).toBe(b.sim.run.world.sim.fingerprint());
  });
});
