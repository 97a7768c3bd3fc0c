import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { World } from '../engine';
import {
  AuroraDatabase,
  DEFAULT_BORROW_TIMEOUT_MS,
  type AuroraConfig,
  type QueryResult,
} from './aurora';

const constant = (value: number) => ({ kind: 'constant', value }) as const;

function setup(config: Partial<AuroraConfig> & Pick<AuroraConfig, 'proxy'>) {
  const world = new World({ seed: 1 });
  const db = new AuroraDatabase(world, world.sim.rng.split('db'), {
    maxConnections: 2,
    queryLatency: constant(100),
    contention: 0,
    ...config,
  });
  const results: [number, string][] = [];
  const record = (r: QueryResult): void => {
    results.push([world.sim.now, r.ok ? 'ok' : r.error]);
  };
  return { world, db, results, record };
}

describe('Aurora without a proxy', () => {
  it('refuses a connection beyond max_connections at once: "Too many connections"', () => {
    const { world, db, results, record } = setup({ proxy: false });
    for (let i = 0; i < 5; i++) db.query(record);
    expect(results).toEqual([
      [0, 'tooManyConnections'],
      [0, 'tooManyConnections'],
      [0, 'tooManyConnections'],
    ]);
    expect(db.stats()).toMatchObject({ active: 2, waiting: 0, refused: 3, errors: 3, poolSize: 0 });
    world.sim.runUntil(150);
    db.query(record); // the connections are free again
    world.sim.runUntil(1000);
    expect(results.slice(3)).toEqual([
      [100, 'ok'],
      [100, 'ok'],
      [250, 'ok'],
    ]);
    expect(db.stats()).toEqual({
      active: 0,
      maxConnections: 2,
      poolSize: 0,
      waiting: 0,
      queries: 3,
      refused: 3,
      timedOut: 0,
      errors: 3,
      meanLatencyMs: 100,
    });
  });

  it('keeps the contention slowdown: 1 + c·u², u = busy / max_connections', () => {
    const { world, db } = setup({ proxy: false, maxConnections: 10, queryLatency: constant(10) });
    db.reconfigure({ contention: 2 });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) db.query(() => times.push(world.sim.now));
    world.sim.runUntil(1000);
    expect(times[0]).toBeCloseTo(10 * (1 + 2 * 0.01), 9);
    expect(Math.max(...times)).toBeCloseTo(30, 9);
  });
});

describe('Aurora behind RDS Proxy', () => {
  it('lends pooled connections, MaxConnectionsPercent of max_connections, in arrival order', () => {
    const { world, db, results, record } = setup({
      proxy: true,
      maxConnections: 10,
      maxConnectionsPercent: 50,
    });
    expect(db.poolSize).toBe(5);
    for (let i = 0; i < 8; i++) db.query(record);
    world.sim.runUntil(50);
    expect(db.stats()).toMatchObject({ active: 5, waiting: 3, poolSize: 5 });
    world.sim.runUntil(1000);
    expect(results.map(([t]) => t)).toEqual([100, 100, 100, 100, 100, 200, 200, 200]);
    expect(results.every(([, r]) => r === 'ok')).toBe(true);
    expect(db.stats()).toMatchObject({ queries: 8, meanLatencyMs: 137.5, refused: 0 });
  });

  it('fails a request after the default 120 s borrow timeout', () => {
    const { world, db, results, record } = setup({
      proxy: true,
      maxConnections: 1,
      queryLatency: constant(200_000),
    });
    expect(db.config.borrowTimeoutMs).toBe(DEFAULT_BORROW_TIMEOUT_MS);
    expect(db.config.maxConnectionsPercent).toBe(100);
    db.query(record);
    db.query(record);
    world.sim.runUntil(300_000);
    expect(results).toEqual([
      [120_000, 'borrowTimeout'],
      [200_000, 'ok'],
    ]);
    expect(db.stats()).toMatchObject({ timedOut: 1, errors: 1, waiting: 0 });
  });

  it('waits without limit with a borrow timeout of 0', () => {
    const { world, db, results, record } = setup({
      proxy: true,
      maxConnections: 1,
      queryLatency: constant(200_000),
      borrowTimeoutMs: 0,
    });
    db.query(record);
    db.query(record);
    world.sim.runUntil(1_000_000);
    expect(results).toEqual([
      [200_000, 'ok'],
      [400_000, 'ok'],
    ]);
  });
});

describe('Aurora.reconfigure', () => {
  it('more connections serve waiting requests at once; fewer close none', () => {
    const { world, db, results, record } = setup({ proxy: true, maxConnections: 1 });
    for (let i = 0; i < 3; i++) db.query(record);
    world.sim.runUntil(10);
    db.reconfigure({ maxConnections: 3 });
    expect(db.stats()).toMatchObject({ active: 3, waiting: 0 });
    db.reconfigure({ maxConnections: 1, queryLatency: constant(50) });
    expect(db.stats().active).toBe(3); // running queries go on
    db.query(record); // waits for the pool to drop below one
    world.sim.runUntil(1000);
    expect(results).toEqual([
      [100, 'ok'],
      [110, 'ok'],
      [110, 'ok'],
      [160, 'ok'],
    ]);
  });

  it('turning the proxy off refuses those waiting in it; on again, requests wait', () => {
    const { world, db, results, record } = setup({ proxy: true, maxConnections: 1 });
    for (let i = 0; i < 3; i++) db.query(record);
    world.sim.runUntil(10);
    db.reconfigure({ proxy: false });
    expect(results).toEqual([
      [10, 'tooManyConnections'],
      [10, 'tooManyConnections'],
    ]);
    expect(db.stats()).toMatchObject({ waiting: 0, refused: 2, poolSize: 0 });
    db.reconfigure({ proxy: true });
    db.query(record);
    expect(db.stats().waiting).toBe(1);
    world.sim.runUntil(1000);
    expect(results.slice(2)).toEqual([
      [100, 'ok'],
      [200, 'ok'],
    ]);
  });

  it('a new borrow timeout applies to requests that start waiting after it', () => {
    const { world, db, results, record } = setup({
      proxy: true,
      maxConnections: 1,
      queryLatency: constant(10_000),
      borrowTimeoutMs: 1000,
    });
    db.query(record);
    db.query(record); // waits, deadline 1000
    db.reconfigure({ borrowTimeoutMs: 3000, contention: undefined });
    world.sim.runUntil(500);
    db.query(record); // waits, deadline 3500
    world.sim.runUntil(5000);
    expect(results).toEqual([
      [1000, 'borrowTimeout'],
      [3500, 'borrowTimeout'],
    ]);
    expect(db.config.contention).toBe(0); // undefined leaves a setting alone
  });

  it('rejects settings AWS would not take', () => {
    const { db } = setup({ proxy: true });
    expect(() => db.reconfigure({ maxConnectionsPercent: 0 })).toThrow(RangeError);
    expect(() => db.reconfigure({ maxConnectionsPercent: 101 })).toThrow(RangeError);
    expect(() => db.reconfigure({ borrowTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => db.reconfigure({ maxConnections: -1 })).toThrow(RangeError);
    expect(db.config.maxConnectionsPercent).toBe(100); // a rejected change changes nothing
  });
});

describe('Aurora: properties', () => {
  it(
    'every query gets one result, connections never exceed the limit, and the counts add up',
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 0, max: 500 }),
          fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 300 })), {
            minLength: 1,
            maxLength: 60,
          }),
          (proxy, maxConnections, percent, borrowTimeoutMs, requests) => {
            const world = new World({ seed: 2 });
            const db = new AuroraDatabase(world, world.sim.rng.split('db'), {
              maxConnections,
              queryLatency: { kind: 'uniform', min: 1, max: 300 },
              contention: 1,
              proxy,
              maxConnectionsPercent: percent,
              borrowTimeoutMs,
            });
            const limit = proxy ? db.poolSize : maxConnections;
            const answers = new Array<number>(requests.length).fill(0);
            let t = 0;
            requests.forEach(([gap], i) => {
              t += gap;
              world.sim.at(
                t,
                () => {
                  db.query(() => answers[i]!++);
                  expect(db.busy.value).toBeLessThanOrEqual(limit);
                  if (!proxy) expect(db.waitingCount).toBe(0);
                },
                undefined,
              );
            });
            world.sim.runUntil(1e9);
            expect(answers.every((n) => n === 1)).toBe(true);
            const s = db.stats();
            expect(s.queries + s.refused + s.timedOut).toBe(requests.length);
            expect(s).toMatchObject({ active: 0, waiting: 0 });
            if (proxy) expect(s.refused).toBe(0);
            else expect(s.timedOut).toBe(0);
          },
        ),
      );
    },
  );
});
