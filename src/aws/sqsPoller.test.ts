import { describe, expect, it } from 'vitest';
import { mmc, sample, World, type Distribution, type Rng } from '../engine';
import { Ec2Consumers } from './ec2Consumers';
import { SqsQueue, type Received } from './sqs';
import { SqsEventSource, type SqsEventSourceConfig } from './sqsEventSource';
import type { SqsBatchProcessor, SqsBatchResult } from './sqsPoller';

const DAY = 86_400_000;

describe('EC2 consumers on the shared poller', () => {
  it('c long-polling instances with exponential service behave as M/M/c', () => {
    const world = new World({ seed: 3 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 3_600_000, retentionMs: DAY });
    const c = 3;
    const consumers = new Ec2Consumers(world, world.sim.rng.split('ec2'), queue, {
      instances: c,
      batchSize: 1,
      apiLatencyMs: 0,
      messageDuration: { kind: 'exponential', mean: 10 },
    });
    consumers.start();
    const arrivals = world.sim.rng.split('arrivals');
    const lambda = 0.25; // per ms; μ = 0.1 per ms per instance, ρ = 0.833
    let left = 400_000;
    const arrive = (): void => {
      queue.send(world.ledger.create());
      if (--left > 0) world.sim.schedule(arrivals.exponential(1 / lambda), arrive, undefined);
    };
    world.sim.schedule(0, arrive, undefined);
    world.sim.runUntil(400_000 / lambda);
    const theory = mmc(c, 250, 100);
    const wq = queue.firstReceiveWait.mean();
    expect(Math.abs(wq - theory.Wq * 1000) / (theory.Wq * 1000)).toBeLessThan(0.05);
    expect(Math.abs(queue.visibleCount.mean(world.sim.now) - theory.Lq) / theory.Lq).toBeLessThan(
      0.05,
    );
  }, 60_000);

  it('a stopped instance stops receiving; what it held reappears and nothing is lost', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    const deleted = new Map<number, number>();
    const consumers = new Ec2Consumers(
      world,
      world.sim.rng.split('ec2'),
      queue,
      {
        instances: 1,
        batchSize: 1,
        apiLatencyMs: 0,
        messageDuration: { kind: 'constant', value: 1000 },
      },
      undefined,
      {
        onDeleted: (r) => {
          expect(deleted.has(r.id)).toBe(false);
          deleted.set(r.id, r.receiveCount);
        },
      },
    );
    for (let i = 1; i <= 20; i++) queue.send(i);
    consumers.start();
    world.sim.runUntil(500);
    expect(queue.received.value).toBe(1); // message 1, half processed
    consumers.stopInstance(0);
    expect(consumers.isRunning(0)).toBe(false);
    world.sim.runUntil(3000);
    expect(queue.received.value).toBe(1); // no receives while stopped
    expect(deleted.size).toBe(0); // its work was lost
    consumers.startInstance(0);
    world.sim.runUntil(60_000);
    expect(deleted.size).toBe(20);
    expect(deleted.get(1)).toBe(2); // received again after its visibility timeout
    expect(queue.visibleNow + queue.inFlight).toBe(0);
  });

  it('a stopped instance leaves new messages in the queue (its long poll is called off)', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    const consumers = new Ec2Consumers(world, world.sim.rng.split('ec2'), queue, {
      instances: 2,
      threadsPerInstance: 2,
      batchSize: 10,
      apiLatencyMs: 8,
    });
    consumers.start();
    world.sim.runUntil(1000); // all four threads are long-polling an empty queue
    consumers.stopInstance(0);
    consumers.stopInstance(1);
    expect(consumers.stats()).toMatchObject({ instances: 2, runningInstances: 0, threads: 0 });
    queue.send(1);
    world.sim.runUntil(60_000);
    expect(queue.visibleNow).toBe(1);
    consumers.startInstance(1);
    world.sim.runUntil(61_000);
    expect(queue.visibleNow + queue.inFlight).toBe(0);
    expect(consumers.stats()).toMatchObject({ runningInstances: 1, threads: 2, deleted: 1 });
  });

  it('deletes the messages that succeeded and leaves the failed ones to reappear', () => {
    const world = new World({ seed: 4 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 1000, retentionMs: DAY });
    const deleted = new Set<number>();
    const consumers = new Ec2Consumers(
      world,
      world.sim.rng.split('ec2'),
      queue,
      {
        instances: 2,
        batchSize: 10,
        apiLatencyMs: 8,
        messageDuration: { kind: 'constant', value: 5 },
        errorRate: 0.5,
      },
      undefined,
      {
        onDeleted: (r) => {
          expect(deleted.has(r.id)).toBe(false);
          deleted.add(r.id);
        },
      },
    );
    for (let i = 1; i <= 200; i++) queue.send(i);
    consumers.start();
    world.sim.runUntil(120_000);
    expect(deleted.size).toBe(200);
    // About half fail each time: about 400 receives for 200 messages.
    expect(queue.received.value).toBeGreaterThan(300);
    expect(consumers.stats().failedBatches).toBeGreaterThan(0);
  });

  it('grows and shrinks the fleet', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    const consumers = new Ec2Consumers(world, world.sim.rng.split('ec2'), queue, {
      instances: 1,
      batchSize: 10,
      apiLatencyMs: 8,
    });
    consumers.start();
    consumers.reconfigure({ instances: 4 });
    expect(consumers.stats()).toMatchObject({ instances: 4, runningInstances: 4 });
    consumers.setInstances(2);
    expect(consumers.stats()).toMatchObject({ instances: 2, runningInstances: 2, threads: 2 });
  });
});

/**
 * A function behind the mapping, without the Lambda model: `limit` concurrent invocations (more
 * are throttled), a duration per batch, and a result per batch.
 */
function fakeFunction(
  world: World,
  rng: Rng,
  opts: {
    limit?: number;
    duration: (batch: readonly Received[]) => number;
    result: (batch: readonly Received[]) => SqsBatchResult;
  },
): SqsBatchProcessor & { running: number } {
  const state = { running: 0 };
  const invoke = ((batch, done) => {
    if (state.running >= (opts.limit ?? Infinity)) {
      done({ ok: false, error: 'throttled' });
      return;
    }
    state.running++;
    world.sim.schedule(
      opts.duration(batch),
      () => {
        state.running--;
        done(opts.result(batch));
      },
      undefined,
    );
  }) as SqsBatchProcessor & { running: number };
  Object.defineProperty(invoke, 'running', { get: () => state.running });
  void rng;
  return invoke;
}

const mapping = (config: Partial<SqsEventSourceConfig> = {}): SqsEventSourceConfig => ({
  batchSize: 10,
  batchWindowMs: 0,
  maxConcurrency: 100,
  initialPollers: 5,
  scaleUpPerMinute: 300,
  maxPollers: 1000,
  apiLatencyMs: 8,
  ...config,
});

describe('SQS event source mapping: partial batch responses', () => {
  function run(reportBatchItemFailures: boolean) {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 10_000, retentionMs: DAY });
    const deleted: [number, number][] = [];
    const fn = fakeFunction(world, world.sim.rng.split('f'), {
      duration: () => 100,
      // Messages 3 and 7 fail on their first delivery.
      result: (batch) => {
        const failed = batch.filter((r) => r.receiveCount === 1 && r.id % 4 === 3).map((r) => r.id);
        return failed.length === 0
          ? { ok: true }
          : { ok: false, error: 'error', failedIds: failed };
      },
    });
    const esm = new SqsEventSource(
      world,
      queue,
      mapping({ maxConcurrency: 2, reportBatchItemFailures }),
      fn,
      { onDeleted: (r) => deleted.push([world.sim.now, r.id]) },
    );
    for (let i = 1; i <= 8; i++) queue.send(i);
    esm.start();
    world.sim.runUntil(5000);
    const early = deleted.map(([, id]) => id).sort((a, b) => a - b);
    const inFlight = queue.inFlight;
    world.sim.runUntil(30_000);
    return { early, inFlight, all: deleted.length, stats: esm.stats() };
  }

  it('with ReportBatchItemFailures, only the failed messages stay in the queue', () => {
    const r = run(true);
    expect(r.early).toEqual([1, 2, 4, 5, 6, 8]);
    expect(r.inFlight).toBe(2);
    expect(r.all).toBe(8);
    expect(r.stats.partialBatches).toBe(1);
    expect(r.stats.failedBatches).toBe(0);
  });

  it('without it, the whole batch comes back', () => {
    const r = run(false);
    expect(r.early).toEqual([]);
    expect(r.inFlight).toBe(8);
    expect(r.all).toBe(8);
    expect(r.stats.failedBatches).toBe(1);
  });
});

describe('SQS event source mapping: back-off on errors', () => {
  /**
   * 100 messages/s into a queue polled by a mapping with MaximumConcurrency 100, batches of 10;
   * the function handles a batch's messages one after the other (lognormal 104 ms each) and fails
   * the whole batch at the first message that fails (`messageErrorRate` each). Returns messages
   * completed per second over 10 minutes.
   */
  function steadyLoad(messageErrorRate: number) {
    const world = new World({ seed: 7 });
    const dlq = new SqsQueue(world, 'dlq', { visibilityTimeoutMs: 30_000, retentionMs: DAY });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 30_000,
      retentionMs: DAY,
      maxReceiveCount: 3,
      deadLetterQueue: dlq,
    });
    const rng = world.sim.rng.split('work');
    const perMessage: Distribution = { kind: 'lognormal', mean: 104, cv: 0.5 };
    let completed = 0;
    const invoke: SqsBatchProcessor = (batch, done) => {
      const next = (i: number): void => {
        if (i >= batch.length) return done({ ok: true });
        world.sim.schedule(
          sample(perMessage, rng),
          () => (rng.chance(messageErrorRate) ? done({ ok: false, error: 'error' }) : next(i + 1)),
          undefined,
        );
      };
      next(0);
    };
    const esm = new SqsEventSource(world, queue, mapping(), invoke, {
      onDeleted: () => completed++,
    });
    esm.start();
    const arrivals = world.sim.rng.split('arrivals');
    const arrive = (): void => {
      queue.send(world.ledger.create());
      world.sim.schedule(arrivals.exponential(10), arrive, undefined);
    };
    world.sim.schedule(0, arrive, undefined);
    const seconds = 600;
    world.sim.runUntil(seconds * 1000);
    return { perS: completed / seconds, backlog: queue.visibleNow, dlq: dlq.visibleNow };
  }

  it('at 100 msg/s with MaximumConcurrency 100, 1% message errors cost about 1%, not 64%', () => {
    const clean = steadyLoad(0);
    const faulty = steadyLoad(0.01);
    expect(clean.perS).toBeGreaterThan(98);
    // The failed batches' messages are retried after the visibility timeout; a few of the last
    // ones are still waiting at the end, and ~0.1% go to the DLQ after three failed batches.
    expect(faulty.perS / clean.perS).toBeGreaterThan(0.97);
    expect(faulty.backlog).toBeLessThan(200);
  }, 60_000);

  /** A backlog that never runs out, batches of 10 taking 1 s, `batchErrorRate` of them failing. */
  function saturated(batchErrorRate: number, extra: Partial<SqsEventSourceConfig> = {}) {
    const world = new World({ seed: 11 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    for (let i = 1; i <= 300_000; i++) queue.send(i);
    const rng = world.sim.rng.split('f');
    let completed = 0;
    const fn = fakeFunction(world, rng, {
      duration: () => 1000,
      result: () => (rng.chance(batchErrorRate) ? { ok: false, error: 'error' } : { ok: true }),
    });
    const esm = new SqsEventSource(world, queue, mapping(extra), fn, {
      onDeleted: () => completed++,
    });
    esm.start();
    return { world, esm, done: () => completed };
  }

  it('with a backlog, 1% failed invocations cost about 1% of concurrency plus the retried work', () => {
    const measure = (rate: number) => {
      const s = saturated(rate);
      s.world.sim.runUntil(60_000); // scaled up to the cap by now
      const before = s.done();
      s.world.sim.runUntil(300_000);
      return { perS: (s.done() - before) / 240, pollers: s.esm.activePollers };
    };
    const clean = measure(0);
    const faulty = measure(0.01);
    expect(clean.pollers).toBe(100);
    // The mapping gives up about 1% of its concurrency...
    expect(faulty.pollers).toBeGreaterThanOrEqual(98);
    // ...and 1% of the batches are done again: about 2% in all (it was 64% before).
    const ratio = faulty.perS / clean.perS;
    expect(ratio).toBeGreaterThan(0.96);
    expect(ratio).toBeLessThan(0.995);
  }, 60_000);

  it('backs off gradually when every invocation fails, and recovers gradually', () => {
    let failing = false;
    const world = new World({ seed: 5 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    for (let i = 1; i <= 300_000; i++) queue.send(i);
    const fn = fakeFunction(world, world.sim.rng.split('f'), {
      duration: () => 1000,
      result: () => (failing ? { ok: false, error: 'error' } : { ok: true }),
    });
    const esm = new SqsEventSource(world, queue, mapping(), fn);
    esm.start();
    world.sim.runUntil(60_000);
    expect(esm.activePollers).toBe(100);
    failing = true;
    world.sim.runUntil(61_500);
    expect(esm.activePollers).toBeGreaterThan(50); // gradual, not at once
    world.sim.runUntil(90_000);
    expect(esm.activePollers).toBeLessThan(25);
    world.sim.runUntil(160_000);
    expect(esm.activePollers).toBe(2); // down to the floor
    failing = false;
    world.sim.runUntil(165_000);
    expect(esm.activePollers).toBeLessThan(40); // recovery is gradual too: 300 a minute
    world.sim.runUntil(240_000);
    expect(esm.activePollers).toBe(100);
  }, 60_000);

  it('with ReportBatchItemFailures, function errors do not scale polling down', () => {
    const s = saturated(1, { reportBatchItemFailures: true });
    s.world.sim.runUntil(120_000);
    expect(s.esm.activePollers).toBe(100);
    expect(s.esm.stats().failedBatches).toBeGreaterThan(1000);
  }, 60_000);

  it('throttled by the function, the mapping settles just above its concurrency', () => {
    const world = new World({ seed: 2 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 30_000, retentionMs: DAY });
    for (let i = 1; i <= 300_000; i++) queue.send(i);
    let completed = 0;
    const fn = fakeFunction(world, world.sim.rng.split('f'), {
      limit: 10,
      duration: () => 1000,
      result: () => ({ ok: true }),
    });
    const esm = new SqsEventSource(world, queue, mapping(), fn, { onDeleted: () => completed++ });
    esm.start();
    world.sim.runUntil(60_000);
    let pollerSum = 0;
    const before = completed;
    for (let t = 61; t <= 180; t++) {
      world.sim.runUntil(t * 1000);
      pollerSum += esm.activePollers;
    }
    const meanPollers = pollerSum / 120;
    expect(meanPollers).toBeGreaterThan(10);
    expect(meanPollers).toBeLessThan(30);
    // The function runs at its limit most of the time: ~10 batches of 10 a second.
    expect((completed - before) / 120).toBeGreaterThan(80);
  }, 60_000);
});
