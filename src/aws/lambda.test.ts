import { describe, expect, it } from 'vitest';
import { World } from '../engine';
import {
  LambdaAccount,
  LambdaConfigError,
  LambdaFunction,
  type AsyncFailureReason,
  type InvocationFailure,
  type InvocationResult,
  type LambdaConfig,
  type LambdaHandler,
} from './lambda';

const base: LambdaConfig = {
  coldStart: { kind: 'constant', value: 100 },
  timeoutMs: 900_000,
  keepWarmMs: 600_000,
};

/** A handler that succeeds (or fails) after `ms`. */
function takes(world: World, ms: number, ok = true): LambdaHandler<number> {
  return (_e, done) =>
    world.sim.schedule(
      ms,
      () => done(ok ? { ok: true } : { ok: false, error: 'error', message: 'boom' }),
      undefined,
    );
}

function fn(
  world: World,
  config: Partial<LambdaConfig>,
  handler: LambdaHandler<number>,
  account?: LambdaAccount,
): LambdaFunction<number> {
  return new LambdaFunction<number>(
    world,
    world.sim.rng.split(config.name ?? 'f'),
    { ...base, ...config },
    handler,
    account,
  );
}

/** Invokes `n` times now; `throttled` counts the ones refused at once. */
function burst(
  f: LambdaFunction<number>,
  n: number,
): { throttled: number; results: InvocationResult[] } {
  const out = { throttled: 0, results: [] as InvocationResult[] };
  for (let i = 0; i < n; i++)
    f.invoke(i, (r) => {
      out.results.push(r);
      if (!r.ok && r.error === 'throttled') out.throttled++;
    });
  return out;
}

describe('LambdaAccount: concurrency shared by all functions of a run', () => {
  it('functions without a reserve share the unreserved pool', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 150 });
    const a = fn(world, { name: 'a' }, takes(world, 10_000), account);
    const b = fn(world, { name: 'b' }, takes(world, 10_000), account);
    expect(account.unreservedLimit).toBe(150);
    const ra = burst(a, 100);
    const rb = burst(b, 100);
    expect(ra.throttled).toBe(0);
    expect(rb.throttled).toBe(50); // a took 100 of the 150
    expect(account.stats()).toMatchObject({ unreservedInUse: 150, concurrentExecutions: 150 });
    expect(a.stats().concurrencyLimit).toBe(150);
    world.sim.runUntil(20_000);
    expect(account.unreservedInUse).toBe(0);
    // Freed: b can now use what a held.
    expect(burst(b, 120).throttled).toBe(0);
  });

  it('defaults to 1,000 and a function created without an account gets a private one', () => {
    const world = new World({ seed: 1 });
    expect(new LambdaAccount().concurrencyLimit).toBe(1000);
    const solo = fn(world, {}, takes(world, 10));
    expect(solo.stats().concurrencyLimit).toBe(1000);
    // The old per-function limit is still accepted, as the reserve.
    const old = fn(world, { concurrencyLimit: 1000 }, takes(world, 10));
    expect(old.reservedConcurrency).toBe(1000);
    expect(old.stats().concurrencyLimit).toBe(1000);
  });

  it('reserved concurrency isolates a function, both ways', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 200 });
    const critical = fn(
      world,
      { name: 'critical', reservedConcurrency: 50 },
      takes(world, 10_000),
      account,
    );
    const noisy = fn(world, { name: 'noisy' }, takes(world, 10_000), account);
    expect(account.unreservedLimit).toBe(150);
    // The noisy function exhausts the unreserved pool...
    expect(burst(noisy, 300).throttled).toBe(150);
    // ...yet the critical one still has all 50 of its reserve, and no more.
    expect(burst(critical, 51).throttled).toBe(1);
    expect(critical.stats()).toMatchObject({ concurrency: 50, concurrencyLimit: 50 });
    expect(noisy.stats()).toMatchObject({ concurrency: 150, concurrencyLimit: 150 });
  });

  it('keeps at least 100 unreserved, as AWS does, and a refused change changes nothing', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 200 });
    expect(() => fn(world, { reservedConcurrency: 101 }, takes(world, 1), account)).toThrow(
      /decreases account's UnreservedConcurrentExecution below its minimum value of \[100\]/,
    );
    const f = fn(world, { reservedConcurrency: 100 }, takes(world, 1), account);
    expect(account.maxAllocatable(f)).toBe(100);
    expect(() => f.reconfigure({ reservedConcurrency: 150 })).toThrow(LambdaConfigError);
    expect(() => f.reconfigure({ provisionedConcurrency: 101 })).toThrow(LambdaConfigError);
    expect(f.reservedConcurrency).toBe(100);
    f.reconfigure({ reservedConcurrency: null }); // DeleteFunctionConcurrency
    expect(f.reservedConcurrency).toBeUndefined();
    expect(account.unreservedLimit).toBe(200);
    expect(() => f.reconfigure({ maximumRetryAttempts: 3 })).toThrow(LambdaConfigError);
    expect(() => f.reconfigure({ maximumEventAgeMs: 30_000 })).toThrow(LambdaConfigError);
  });
});

describe('provisioned concurrency', () => {
  it('serves up to the provisioned number without cold starts, then cold-starts on demand', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount();
    const startedAt: number[] = [];
    const f = fn(
      world,
      { provisionedConcurrency: 5 },
      (_e, done) => {
        startedAt.push(world.sim.now);
        world.sim.schedule(1000, () => done({ ok: true }), undefined);
      },
      account,
    );
    // It counts against the account's pool.
    expect(account.unreservedLimit).toBe(995);
    burst(f, 5);
    world.sim.runUntil(0);
    expect(startedAt).toEqual([0, 0, 0, 0, 0]);
    expect(f.stats()).toMatchObject({ coldStarts: 0, provisionedBusy: 5 });
    burst(f, 2); // beyond the provisioned environments: on demand
    world.sim.runUntil(500);
    expect(startedAt.slice(5)).toEqual([100, 100]);
    expect(f.stats().coldStarts).toBe(2);
    world.sim.runUntil(5000);
    // Idle again: the provisioned environments take the next ones, still warm.
    burst(f, 5);
    world.sim.runUntil(5000);
    expect(startedAt.slice(7)).toEqual([5000, 5000, 5000, 5000, 5000]);
    expect(f.stats().coldStarts).toBe(2);
  });

  it('counts against the reserve: reserved 10 with 4 provisioned runs 10 at most', () => {
    const world = new World({ seed: 1 });
    const f = fn(world, { reservedConcurrency: 10, provisionedConcurrency: 4 }, takes(world, 1000));
    expect(burst(f, 12).throttled).toBe(2);
    expect(f.stats()).toMatchObject({ concurrency: 10, provisionedBusy: 4, coldStarts: 6 });
    expect(() => f.reconfigure({ provisionedConcurrency: 11 })).toThrow(LambdaConfigError);
  });

  it('provisioned concurrency added mid-run is ready after one initialisation', () => {
    const world = new World({ seed: 1 });
    const f = fn(world, {}, takes(world, 10));
    world.sim.runUntil(1000);
    f.reconfigure({ provisionedConcurrency: 3 });
    world.sim.runUntil(1050);
    burst(f, 1);
    expect(f.stats().provisionedBusy).toBe(0); // still initialising: on demand, cold
    world.sim.runUntil(1100);
    burst(f, 3);
    expect(f.stats()).toMatchObject({ provisionedBusy: 3, coldStarts: 1 });
    world.sim.runUntil(2000);
    f.reconfigure({ provisionedConcurrency: 0 });
    expect(f.stats()).toMatchObject({ provisionedConcurrency: 0, provisionedBusy: 0 });
  });
});

describe('scaling rate: 1,000 new environments per 10 s, refilled continuously', () => {
  it('after a burst uses 1,000, 100 more are available 1 s later (not 0, not 1,000)', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 5000 });
    const f = fn(world, {}, takes(world, 60_000), account);
    expect(burst(f, 1001).throttled).toBe(1);
    world.sim.runUntil(1000);
    expect(burst(f, 200).throttled).toBe(100);
    world.sim.runUntil(1500);
    expect(burst(f, 100).throttled).toBe(50);
    expect(f.stats().coldStarts).toBe(1150);
  });

  it('unused capacity does not accumulate beyond 1,000', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 5000 });
    const f = fn(world, {}, takes(world, 60_000), account);
    world.sim.runUntil(60_000);
    expect(burst(f, 1500).throttled).toBe(500);
  });
});

describe('asynchronous invocation (InvocationType Event)', () => {
  it('returns 202 at once; function errors are retried after 60 s and 120 s, then onFailure', () => {
    const world = new World({ seed: 1 });
    const attempts: number[] = [];
    const f = fn(world, {}, (_e, done) => {
      attempts.push(world.sim.now);
      world.sim.schedule(10, () => done({ ok: false, error: 'error', message: 'boom' }), undefined);
    });
    const failures: [number, AsyncFailureReason, InvocationFailure | undefined][] = [];
    let succeeded = 0;
    const started: number[] = [];
    expect(
      f.invokeAsync(7, {
        onSuccess: () => succeeded++,
        onFailure: (e, reason, err) => failures.push([e, reason, err]),
        onAttempt: (_e, n) => started.push(n),
      }),
    ).toBe(202);
    world.sim.runUntil(600_000);
    // Cold start 100 ms, fails at 110; retry 60 s later (warm), fails 10 ms later; retry 120 s later.
    expect(attempts).toEqual([100, 60_110, 180_120]);
    expect(started).toEqual([1, 2, 3]);
    expect(succeeded).toBe(0);
    expect(failures).toEqual([
      [7, 'retriesExhausted', { ok: false, error: 'error', message: 'boom' }],
    ]);
    expect(f.stats()).toMatchObject({
      asyncRetries: 2,
      asyncDroppedRetriesExhausted: 1,
      asyncDroppedExpired: 0,
      asyncQueued: 0,
      invocations: 3,
      errors: 3,
    });
  });

  it('MaximumRetryAttempts 0 means one attempt; success goes to onSuccess', () => {
    const world = new World({ seed: 1 });
    let calls = 0;
    const f = fn(world, { maximumRetryAttempts: 0 }, (_e, done) => {
      const n = ++calls;
      world.sim.schedule(
        10,
        () => done(n === 1 ? { ok: false, error: 'error', message: 'x' } : { ok: true }),
        undefined,
      );
    });
    const out: string[] = [];
    f.invokeAsync(1, { onFailure: (_e, r) => out.push(r), onSuccess: () => out.push('ok') });
    f.invokeAsync(2, { onFailure: (_e, r) => out.push(r), onSuccess: () => out.push('ok') });
    world.sim.runUntil(600_000);
    expect(calls).toBe(2);
    expect(out.sort()).toEqual(['ok', 'retriesExhausted']);
  });

  it('discards events older than the maximum event age, cancelling a retry that would come too late', () => {
    const world = new World({ seed: 1 });
    // One at a time, 50 s each: the third event waits past its 60 s.
    const slow = fn(
      world,
      { name: 'slow', reservedConcurrency: 1, maximumEventAgeMs: 60_000 },
      takes(world, 50_000),
    );
    const ends: [number, number, string, string | undefined][] = [];
    const cb = {
      onSuccess: (e: number) => ends.push([world.sim.now, e, 'ok', undefined]),
      onFailure: (e: number, r: AsyncFailureReason, err: InvocationFailure | undefined) =>
        ends.push([world.sim.now, e, r, err?.error]),
    };
    for (let i = 1; i <= 3; i++) slow.invokeAsync(i, cb);
    expect(slow.stats().asyncQueued).toBe(3);
    world.sim.runUntil(0);
    expect(slow.stats().asyncQueued).toBe(2); // the first one is running
    world.sim.runUntil(30_000);
    expect(slow.stats().asyncOldestAgeMs).toBe(30_000);
    world.sim.runUntil(400_000);
    expect(ends).toEqual([
      [50_100, 1, 'ok', undefined],
      [60_000, 3, 'expired', 'throttled'],
      [100_100, 2, 'ok', undefined],
    ]);
    expect(slow.stats()).toMatchObject({ asyncDroppedExpired: 1, asyncQueued: 0 });

    // A function error whose retry (60 s later) falls after the maximum age: expired at 60 s.
    const failing = fn(
      world,
      { name: 'failing', maximumEventAgeMs: 60_000 },
      takes(world, 10, false),
    );
    const t0 = world.sim.now;
    failing.invokeAsync(9, cb);
    world.sim.runUntil(t0 + 600_000);
    expect(ends.at(-1)).toEqual([t0 + 60_000, 9, 'expired', 'error']);
    expect(failing.stats()).toMatchObject({
      invocations: 1,
      asyncRetries: 0,
      asyncDroppedExpired: 1,
    });
  });

  it('throttled events are retried by the queue, not lost', () => {
    const world = new World({ seed: 1 });
    const f = fn(world, { reservedConcurrency: 2 }, takes(world, 1000));
    const done: number[] = [];
    let last = 0;
    for (let i = 0; i < 20; i++)
      f.invokeAsync(i, {
        onSuccess: (e) => {
          done.push(e);
          last = world.sim.now;
        },
      });
    world.sim.runUntil(60_000);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    const s = f.stats();
    expect(s.throttles).toBeGreaterThan(0);
    expect(s).toMatchObject({ invocations: 20, asyncDroppedExpired: 0, asyncQueued: 0 });
    // Woken whenever an invocation ends: 10 rounds of 2, 1 s each (+ one cold start).
    expect(last).toBe(10_100);
  });

  it('waits out an account pool held by another function, backing off 1 s, 2 s, 4 s…', () => {
    const world = new World({ seed: 1 });
    const account = new LambdaAccount({ concurrencyLimit: 150 });
    const hog = fn(world, { name: 'hog' }, takes(world, 30_000), account);
    const worker = fn(world, { name: 'worker' }, takes(world, 100), account);
    burst(hog, 150);
    const doneAt: number[] = [];
    for (let i = 0; i < 5; i++)
      worker.invokeAsync(i, { onSuccess: () => doneAt.push(world.sim.now) });
    world.sim.runUntil(120_000);
    expect(doneAt).toHaveLength(5);
    // The hog lets go at 30.1 s; the queue tries at 1, 3, 7, 15, 31 s (backoff 1, 2, 4, 8, 16 s).
    expect(Math.min(...doneAt)).toBe(31_000 + 100 + 100);
    expect(worker.stats().throttles).toBe(5);
  });
});

describe('reserved concurrency 0 with asynchronous invocation', () => {
  it('sends new events straight to the on-failure destination, without retries', () => {
    const world = new World({ seed: 1 });
    const f = fn(world, { reservedConcurrency: 0 }, takes(world, 10));
    const out: [number, string, string | undefined][] = [];
    f.invokeAsync(1, { onFailure: (_e, r, err) => out.push([world.sim.now, r, err?.error]) });
    world.sim.runUntil(1000);
    expect(out).toEqual([[0, 'retriesExhausted', 'throttled']]);
    expect(f.stats()).toMatchObject({ invocations: 0, asyncRetries: 0, asyncQueued: 0 });
    // Lifted again: events run as usual.
    f.reconfigure({ reservedConcurrency: null });
    let ok = 0;
    f.invokeAsync(2, { onSuccess: () => ok++ });
    world.sim.runUntil(2000);
    expect(ok).toBe(1);
  });
});

describe('reconfigure', () => {
  it('a new timeout applies to invocations started afterwards', () => {
    const world = new World({ seed: 1 });
    const f = fn(world, { timeoutMs: 10_000 }, takes(world, 5000));
    const out: string[] = [];
    f.invoke(1, (r) => out.push(r.ok ? 'ok' : r.error));
    f.reconfigure({ timeoutMs: 1000, coldStart: { kind: 'constant', value: 0 } });
    f.invoke(2, (r) => out.push(r.ok ? 'ok' : r.error));
    world.sim.runUntil(20_000);
    expect(out).toEqual(['timeout', 'ok']);
    expect(f.config.timeoutMs).toBe(1000);
  });
});

describe('composition without the ledger', () => {
  it('models report through callbacks; the caller decides fates (world.ledger and hops untouched)', () => {
    const world = new World({ seed: 3 });
    for (const key of ['ledger', 'hops'] as const)
      Object.defineProperty(world, key, {
        get() {
          throw new Error(`a model touched world.${key}`);
        },
      });
    const account = new LambdaAccount({ concurrencyLimit: 300 });
    const fates = new Map<number, string>();
    const rng = world.sim.rng.split('test');
    const worker = fn(
      world,
      { name: 'worker', reservedConcurrency: 20, maximumEventAgeMs: 120_000 },
      (_e, done) =>
        world.sim.schedule(
          200,
          () => done(rng.chance(0.3) ? { ok: false, error: 'error', message: 'x' } : { ok: true }),
          undefined,
        ),
      account,
    );
    const front = fn(
      world,
      { name: 'front', provisionedConcurrency: 5 },
      (e, done) => {
        worker.invokeAsync(e, {
          onSuccess: (id) => fates.set(id, 'complete'),
          onFailure: (id, reason) => fates.set(id, reason),
        });
        done({ ok: true, status: 202 });
      },
      account,
    );
    let id = 0;
    const tick = (): void => {
      if (id >= 500) return;
      const n = ++id;
      front.invoke(n, (r) => {
        if (!r.ok) fates.set(n, r.error);
      });
      world.sim.schedule(20, tick, undefined);
    };
    tick();
    world.sim.runUntil(3_600_000);
    expect(fates.size).toBe(500);
    const counts: Record<string, number> = {};
    for (const f of fates.values()) counts[f] = (counts[f] ?? 0) + 1;
    expect(counts.complete).toBeGreaterThan(400);
    expect((counts.complete ?? 0) + (counts.retriesExhausted ?? 0) + (counts.expired ?? 0)).toBe(
      500,
    );
    expect(account.stats()).toMatchObject({ unreservedInUse: 0, concurrentExecutions: 0 });
  }, 30_000);
});
