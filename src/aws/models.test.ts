import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { World } from '../engine';
import { ApiGateway, type HttpStatus } from './apiGateway';
import { AuroraDatabase } from './aurora';
import { LambdaFunction, type InvocationResult } from './lambda';
import { SqsQueue, type Received } from './sqs';
import { SqsEventSource } from './sqsEventSource';
import type { SqsBatchProcessor } from './sqsPoller';
import { TokenBucket } from './tokenBucket';
import { TrafficSource } from './traffic';

const lambdaConfig = {
  concurrencyLimit: 2,
  coldStart: { kind: 'constant', value: 100 } as const,
  timeoutMs: 3000,
  keepWarmMs: 60_000,
  scaleLimitPer10s: 1000,
};

describe('TokenBucket', () => {
  it('accepts at most burst + rate·T requests in any window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.nat(50), { minLength: 1, maxLength: 400 }),
        (rate, burst, gaps) => {
          const bucket = new TokenBucket(rate, burst, 0);
          let t = 0;
          const accepted: number[] = [];
          for (const g of gaps) {
            t += g;
            if (bucket.tryTake(t)) accepted.push(t);
          }
          for (let i = 0; i < accepted.length; i++)
            for (let j = i; j < accepted.length; j++) {
              const T = ((accepted[j] as number) - (accepted[i] as number)) / 1000;
              expect(j - i + 1).toBeLessThanOrEqual(burst + rate * T + 1e-9);
            }
        },
      ),
    );
  });
});

describe('API Gateway', () => {
  it('answers 429 when the bucket is empty and 504 past the integration timeout', () => {
    const world = new World({ seed: 1 });
    const api = new ApiGateway(world, world.sim.rng.split('api'), {
      rateLimitPerS: 1,
      burst: 2,
      integrationTimeoutMs: 1000,
      overhead: { kind: 'constant', value: 0 },
    });
    const statuses: HttpStatus[] = [];
    const slow = (done: (s: HttpStatus) => void) =>
      world.sim.schedule(5000, () => done(200), undefined);
    for (let i = 0; i < 3; i++) api.handle(slow, (s) => statuses.push(s));
    world.sim.runUntil(10_000);
    expect(statuses).toEqual([429, 504, 504]);
    expect(api.stats()).toMatchObject({ throttled: 1, timedOut: 2 });
  });

  it('allows an integration timeout above 29 s (Regional/private REST APIs since 2024)', () => {
    const world = new World({ seed: 1 });
    const api = new ApiGateway(world, world.sim.rng.split('api'), {
      rateLimitPerS: 100,
      burst: 100,
      integrationTimeoutMs: 29_000,
      overhead: { kind: 'constant', value: 0 },
    });
    api.reconfigure({ integrationTimeoutMs: 60_000 });
    const answers: [number, HttpStatus][] = [];
    const after = (ms: number) => (done: (s: HttpStatus) => void) =>
      world.sim.schedule(ms, () => done(200), undefined);
    api.handle(after(45_000), (s) => answers.push([world.sim.now, s]));
    api.handle(after(90_000), (s) => answers.push([world.sim.now, s]));
    world.sim.runUntil(120_000);
    expect(answers).toEqual([
      [45_000, 200],
      [60_000, 504],
    ]);
    expect(api.config.integrationTimeoutMs).toBe(60_000);
  });
});

describe('Lambda', () => {
  it('throttles beyond the concurrency limit, cold-starts new environments, reuses warm ones', () => {
    const world = new World({ seed: 1 });
    const fn = new LambdaFunction<number>(
      world,
      world.sim.rng.split('f'),
      lambdaConfig,
      (_e, done) => world.sim.schedule(50, () => done({ ok: true }), undefined),
    );
    const results: [number, string][] = [];
    const record = (r: InvocationResult) => results.push([world.sim.now, r.ok ? 'ok' : r.error]);
    for (let i = 0; i < 3; i++) fn.invoke(i, record);
    world.sim.runUntil(1000);
    fn.invoke(4, record);
    world.sim.runUntil(2000);
    expect(results).toEqual([
      [0, 'throttled'],
      [150, 'ok'],
      [150, 'ok'],
      [1050, 'ok'],
    ]);
    expect(fn.stats()).toMatchObject({ coldStarts: 2, throttles: 1, invocations: 3 });
  });

  it('times out a handler that runs too long', () => {
    const world = new World({ seed: 1 });
    const fn = new LambdaFunction<number>(
      world,
      world.sim.rng.split('f'),
      lambdaConfig,
      (_e, done) => world.sim.schedule(10_000, () => done({ ok: true }), undefined),
    );
    let result: InvocationResult | undefined;
    fn.invoke(1, (r) => (result = r));
    world.sim.runUntil(20_000);
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
    expect(fn.running).toBe(0);
  });
});

describe('Lambda timeouts stop the function', () => {
  it('a timed-out handler does not carry on', () => {
    const world = new World({ seed: 1 });
    let steps = 0;
    const fn = new LambdaFunction<number>(
      world,
      world.sim.rng.split('f'),
      lambdaConfig,
      (_e, done, inv) => {
        const step = (): void => {
          if (!inv.alive) return;
          steps++;
          if (steps < 10) world.sim.schedule(1000, step, undefined);
          else done({ ok: true });
        };
        step();
      },
    );
    let result: InvocationResult | undefined;
    fn.invoke(1, (r) => (result = r));
    world.sim.runUntil(60_000);
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
    // 3 s timeout from the end of init: steps at 0, 1, 2 s (and 3 s races it).
    expect(steps).toBeLessThanOrEqual(4);
  });
});

describe('SQS event source mapping', () => {
  /** Lambda's outcome as the mapping sees it (what an assembler does). */
  const viaLambda =
    (fn: LambdaFunction<readonly Received[]>): SqsBatchProcessor =>
    (batch, done) =>
      fn.invoke(batch, (r: InvocationResult) =>
        done(
          r.ok
            ? { ok: true }
            : r.error === 'throttled'
              ? { ok: false, error: 'throttled' }
              : { ok: false, error: 'error' },
        ),
      );
  const mappingConfig = {
    batchWindowMs: 0,
    initialPollers: 5,
    scaleUpPerMinute: 300,
    maxPollers: 1000,
    apiLatencyMs: 0,
  };

  function setup(errorEvery: number, batchSize = 10, maxConcurrency = 2) {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 10_000,
      retentionMs: 1e9,
    });
    const sizes: number[] = [];
    let calls = 0;
    const fn = new LambdaFunction<readonly Received[]>(
      world,
      world.sim.rng.split('f'),
      { ...lambdaConfig, concurrencyLimit: 1000 },
      (batch, done) => {
        sizes.push(batch.length);
        calls++;
        world.sim.schedule(
          10,
          () =>
            done(
              errorEvery > 0 && calls % errorEvery === 0
                ? { ok: false, error: 'error', message: 'x' }
                : { ok: true },
            ),
          undefined,
        );
      },
    );
    const completed: number[] = [];
    const esm = new SqsEventSource(
      world,
      queue,
      { ...mappingConfig, batchSize, maxConcurrency },
      viaLambda(fn),
      {
        onDeleted: (r) => {
          completed.push(r.id);
          world.ledger.complete(r.id);
        },
      },
    );
    return { world, queue, esm, sizes, completed };
  }

  it('delivers batches of up to 10 and never runs more pollers than MaximumConcurrency', () => {
    const { world, queue, esm, sizes, completed } = setup(0);
    for (let i = 0; i < 25; i++) queue.send(world.ledger.create());
    esm.start();
    world.sim.runUntil(5000);
    expect(esm.activePollers).toBeLessThanOrEqual(2);
    expect(sizes.every((n) => n <= 10)).toBe(true);
    expect(completed).toHaveLength(25);
  });

  it('returns the whole batch to the queue when the function fails', () => {
    const { world, queue, esm, completed } = setup(1, 10, 2);
    for (let i = 0; i < 5; i++) queue.send(world.ledger.create());
    esm.start();
    world.sim.runUntil(5000);
    expect(completed).toHaveLength(0);
    expect(queue.inFlight).toBe(5);
    world.sim.runUntil(10_500);
    expect(queue.stats().received).toBeGreaterThanOrEqual(10);
  });

  it('retries a throttled batch while its messages are still invisible', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 30_000,
      retentionMs: 1e9,
    });
    let calls = 0;
    const fn = new LambdaFunction<readonly Received[]>(
      world,
      world.sim.rng.split('f'),
      { ...lambdaConfig, concurrencyLimit: 1, timeoutMs: 10_000 },
      (_b, done) => {
        calls++;
        world.sim.schedule(5000, () => done({ ok: true }), undefined);
      },
    );
    // Another caller holds the function's only slot for 5 s.
    fn.invoke([], () => {});
    const attempts: number[] = [];
    const esm = new SqsEventSource(
      world,
      queue,
      { ...mappingConfig, batchSize: 10, maxConcurrency: 2 },
      viaLambda(fn),
      {
        onBatchDelivered: (_batch, attempt) => attempts.push(attempt),
        onDeleted: (r) => world.ledger.complete(r.id),
      },
    );
    queue.send(world.ledger.create());
    esm.start();
    world.sim.runUntil(20_000);
    expect(esm.stats().throttledBatches).toBeGreaterThan(0);
    expect(queue.stats()).toMatchObject({ received: 1, deleted: 1 });
    expect(calls).toBe(2);
    expect(attempts).toEqual([0, 1, 2, 3]);
  });

  it('gathers bigger batches with a batching window', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 60_000,
      retentionMs: 1e9,
    });
    const sizes: number[] = [];
    const fn = new LambdaFunction<readonly Received[]>(
      world,
      world.sim.rng.split('f'),
      { ...lambdaConfig, concurrencyLimit: 1000 },
      (batch, done) => {
        sizes.push(batch.length);
        done({ ok: true });
      },
    );
    const esm = new SqsEventSource(
      world,
      queue,
      { ...mappingConfig, batchSize: 50, batchWindowMs: 2000, maxConcurrency: 2 },
      viaLambda(fn),
      { onDeleted: (r) => world.ledger.complete(r.id) },
    );
    esm.start();
    const traffic = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'constant', ratePerS: 100 },
      () => queue.send(world.ledger.create()),
    );
    traffic.start();
    world.sim.runUntil(10_000);
    expect(Math.max(...sizes)).toBe(50);
  });
});

describe('Aurora', () => {
  it('behind RDS Proxy, queues beyond the pool and fails past the borrow timeout', () => {
    const world = new World({ seed: 1 });
    const db = new AuroraDatabase(world, world.sim.rng.split('db'), {
      maxConnections: 1,
      queryLatency: { kind: 'constant', value: 100 },
      contention: 0,
      proxy: true,
      borrowTimeoutMs: 250,
    });
    const done: [number, boolean][] = [];
    for (let i = 0; i < 4; i++) db.query((r) => done.push([world.sim.now, r.ok]));
    world.sim.runUntil(1000);
    expect(done).toEqual([
      [100, true],
      [200, true],
      [250, false],
      [300, true],
    ]);
  });

  it('slows queries down as connections fill', () => {
    const world = new World({ seed: 1 });
    const db = new AuroraDatabase(world, world.sim.rng.split('db'), {
      maxConnections: 10,
      queryLatency: { kind: 'constant', value: 10 },
      contention: 2,
      proxy: false,
    });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) db.query(() => times.push(world.sim.now));
    world.sim.runUntil(1000);
    expect(times[0]).toBeCloseTo(10.2, 5);
    expect(Math.max(...times)).toBeCloseTo(30, 5);
  });
});

describe('TrafficSource', () => {
  it.each([0.05, 0.2, 1])('bursts keep the average rate at %s/s too', (rate) => {
    const world = new World({ seed: 5 });
    const t = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'bursts', ratePerS: rate },
      () => {},
    );
    t.start();
    const seconds = 4000 / rate;
    world.sim.runUntil(seconds * 1000);
    expect(Math.abs(t.count / seconds - rate) / rate).toBeLessThan(0.06);
  });

  it.each(['constant', 'poisson', 'bursts'] as const)(
    '%s arrivals keep the average rate',
    (pattern) => {
      const world = new World({ seed: 5 });
      const t = new TrafficSource(
        world,
        world.sim.rng.split('t'),
        { pattern, ratePerS: 50 },
        () => {},
      );
      t.start();
      world.sim.runUntil(400_000);
      expect(t.count / 400).toBeGreaterThan(48);
      expect(t.count / 400).toBeLessThan(52);
    },
  );
});
