import { describe, expect, it } from 'vitest';
import {
  createRun,
  defaultParams,
  findPattern,
  runComparison,
  type ParamValues,
  type Pattern,
} from '../patterns';
import { createComparison } from './createComparison';
import { createManualTicker } from './manualTicker';

function pattern(id: string): Pattern {
  const p = findPattern(id);
  if (!p) throw new Error(id);
  return p;
}

/**
 * Plays a comparison on a manual clock until both sides reach `ms`: one simulated second per
 * frame, well inside a frame's event budget, so both sides land on `ms` exactly.
 */
function playTo(
  ids: [string, string],
  params: [ParamValues, ParamValues],
  seed: number,
  ms: number,
) {
  const ticker = createManualTicker();
  const [pa, pb] = ids.map(pattern) as [Pattern, Pattern];
  const cmp = createComparison({
    a: { pattern: pa, params: { ...defaultParams(pa), ...params[0] } },
    b: { pattern: pb, params: { ...defaultParams(pb), ...params[1] } },
    seed,
    speed: 10,
    ticker,
    // A fake wall clock: no frame ever looks slow, so the event budget stays generous.
    wallClock: () => 0,
  });
  cmp.play();
  expect(cmp.store.getState().status).toBe('running');
  for (let i = 0; i < 1000 && Math.min(cmp.a.run.now, cmp.b.run.now) < ms; i++) ticker.tick(100);
  cmp.pause();
  return { cmp, pa, pb };
}

describe('createComparison', () => {
  it('plays both sides on one clock to the same time, with the numbers of the runtime and of sim compare', () => {
    const params: [ParamValues, ParamValues] = [
      { paymentRate: 30 },
      { paymentRate: 30, withoutQueue: true },
    ];
    const ms = 20_000;
    const { cmp, pa, pb } = playTo(
      ['message-decoupling-sqs', 'message-decoupling-sqs'],
      params,
      3,
      ms,
    );
    const state = cmp.store.getState();
    expect(state.status).toBe('paused');
    expect(cmp.a.run.now).toBe(ms);
    expect(cmp.b.run.now).toBe(ms);
    expect(state.timeMs).toEqual({ a: ms, b: ms });

    // Each side is the run the runtime makes alone...
    const alone = (p: Pattern, values: ParamValues) => {
      const run = createRun(p, { ...defaultParams(p), ...values }, { seed: 3 });
      run.advanceTo(ms);
      return run.summary();
    };
    expect(cmp.a.run.summary()).toEqual(alone(pa, params[0]));
    expect(cmp.b.run.summary()).toEqual(alone(pb, params[1]));
    // ...and the table is the one `npm run sim -- compare --duration 20 --seed 3` prints.
    const cli = runComparison(
      { pattern: pa, params: { ...defaultParams(pa), ...params[0] } },
      { pattern: pb, params: { ...defaultParams(pb), ...params[1] } },
      { seed: 3, durationS: ms / 1000 },
    );
    expect(state.table).toEqual(cli.table);
    // The store each side's diagram reads shows the same time.
    expect(cmp.a.store.getState().live.simTimeMs).toBe(ms);
    expect(cmp.b.store.getState().live.simTimeMs).toBe(ms);
    cmp.dispose();
  }, 60_000);

  it('compares two patterns the same way (single vs multiple gateways)', () => {
    const noisy = { salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 };
    const { cmp, pa, pb } = playTo(
      ['api-gateway-single', 'api-gateway-multiple'],
      [noisy, noisy],
      1,
      10_000,
    );
    const cli = runComparison(
      { pattern: pa, params: { ...defaultParams(pa), ...noisy } },
      { pattern: pb, params: { ...defaultParams(pb), ...noisy } },
      { seed: 1, durationS: 10 },
    );
    expect(cmp.store.getState().table).toEqual(cli.table);
    expect(cli.table.find((r) => r.id === 'throttles')?.a).toBeGreaterThan(0);
    cmp.dispose();
  }, 60_000);

  it('shares speed, seed and reset between the sides', () => {
    const p = pattern('message-bus');
    const ticker = createManualTicker();
    const cmp = createComparison({
      a: { pattern: p, params: defaultParams(p) },
      b: { pattern: p, params: defaultParams(p) },
      seed: 1,
      ticker,
      wallClock: () => 0,
    });
    cmp.setSpeed(10);
    expect([cmp.a.store.getState().speed, cmp.b.store.getState().speed]).toEqual([10, 10]);
    cmp.play();
    ticker.tick(100);
    expect(cmp.a.run.now).toBe(1000);
    expect(cmp.b.run.now).toBe(1000);
    cmp.setSeed(9);
    expect([cmp.a.store.getState().seed, cmp.b.store.getState().seed]).toEqual([9, 9]);
    expect(cmp.a.run.now).toBe(0);
    expect(cmp.store.getState().status).toBe('running');
    cmp.reset();
    expect(cmp.store.getState().status).toBe('idle');
    ticker.tick(100);
    expect(cmp.a.run.now).toBe(0);
    cmp.dispose();
  });

  it('restarts both sides from t = 0 when one side’s settings change, and plays on', () => {
    const p = pattern('message-decoupling-sqs');
    const ticker = createManualTicker();
    const cmp = createComparison({
      a: { pattern: p, params: defaultParams(p) },
      b: { pattern: p, params: defaultParams(p) },
      seed: 2,
      speed: 10,
      ticker,
      wallClock: () => 0,
    });
    cmp.play();
    ticker.tick(100);
    ticker.tick(100);
    expect(cmp.a.run.now).toBe(2000);
    // A live change on B alone (it would not restart a single simulator): both start again.
    cmp.b.setParams({ paymentRate: 30 });
    expect([cmp.a.run.now, cmp.b.run.now]).toEqual([0, 0]);
    expect(cmp.store.getState().status).toBe('running');
    expect(cmp.b.store.getState().params.paymentRate).toBe(30);
    expect(cmp.a.store.getState().params.paymentRate).toBe(defaultParams(p).paymentRate);
    ticker.tick(100);
    expect([cmp.a.run.now, cmp.b.run.now]).toEqual([1000, 1000]);
    // Paused, a change restarts both and leaves them paused at t = 0.
    cmp.pause();
    cmp.a.setParams({ salesErrorRate: 5 });
    expect([cmp.a.run.now, cmp.b.run.now]).toEqual([0, 0]);
    expect(cmp.store.getState().status).not.toBe('running');
    cmp.dispose();
  });

  it('keeps both sides level when they cannot keep up, says so, and pauses them at one time', () => {
    const p = pattern('message-decoupling-sqs');
    const ticker = createManualTicker();
    // Every reading of this wall clock is 50 ms later: each frame looks slow, budgets shrink.
    let wall = 0;
    const params = { ...defaultParams(p), paymentRate: 200 };
    const cmp = createComparison({
      a: { pattern: p, params },
      b: { pattern: p, params: { ...params, withoutQueue: true } },
      seed: 4,
      speed: 1000,
      ticker,
      wallClock: () => (wall += 50),
    });
    cmp.play();
    let widest = 0;
    for (let i = 0; i < 40; i++) {
      const before = Math.min(cmp.a.run.now, cmp.b.run.now);
      ticker.tick(100);
      const progress = Math.min(cmp.a.run.now, cmp.b.run.now) - before;
      widest = Math.max(widest, Math.abs(cmp.a.run.now - cmp.b.run.now) - progress);
    }
    const state = cmp.store.getState();
    expect(state.behind).toBe(true);
    expect(state.pace).toBeGreaterThan(0);
    expect(state.pace).toBeLessThan(1000);
    // Never more apart than one frame's progress.
    expect(widest).toBeLessThanOrEqual(1e-6);
    cmp.pause();
    const t = cmp.a.run.now;
    expect(cmp.b.run.now).toBe(t);
    const alone = (values: ParamValues) => {
      const run = createRun(p, values, { seed: 4 });
      run.advanceTo(t);
      return run.summary();
    };
    expect(cmp.a.run.summary()).toEqual(alone(params));
    expect(cmp.b.run.summary()).toEqual(alone({ ...params, withoutQueue: true }));
    cmp.dispose();
  }, 60_000);
});
