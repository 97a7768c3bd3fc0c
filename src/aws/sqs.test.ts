import { describe, expect, it } from 'vitest';
import { mmc, World } from '../engine';
import { SqsQueue, type Received } from './sqs';

const DAY = 86_400_000;

function setup(config: Partial<ConstructorParameters<typeof SqsQueue<string>>[2]> = {}) {
  const world = new World({ seed: 1 });
  const dlq = new SqsQueue<string>(world, 'dlq', {
    visibilityTimeoutMs: 30_000,
    retentionMs: 14 * DAY,
    isDeadLetterQueue: true,
  });
  const queue = new SqsQueue<string>(world, 'q', {
    visibilityTimeoutMs: 30_000,
    retentionMs: 4 * DAY,
    maxReceiveCount: 3,
    deadLetterQueue: dlq,
    ...config,
  });
  return { world, queue, dlq };
}

describe('SQS standard queue', () => {
  it('hides a received message for the visibility timeout, then shows it again', () => {
    const { world, queue } = setup();
    queue.send(world.ledger.create(), 'a');
    let got: Received<string>[] = [];
    queue.receive(10, 0, (b) => (got = b));
    expect(got).toHaveLength(1);
    expect(queue.visibleNow).toBe(0);
    expect(queue.inFlight).toBe(1);
    world.sim.runUntil(29_999);
    expect(queue.visibleNow).toBe(0);
    world.sim.runUntil(30_000);
    expect(queue.visibleNow).toBe(1);
    expect(queue.inFlight).toBe(0);
  });

  it('moves a message to the DLQ once it was received maxReceiveCount times', () => {
    const { world, queue, dlq } = setup();
    const id = world.ledger.create();
    queue.send(id, 'a');
    const counts: number[] = [];
    const poll = (): void =>
      queue.receive(10, 0, (b) => {
        for (const r of b) counts.push(r.message.receiveCount);
      });
    for (let i = 0; i < 5; i++) world.sim.schedule(i * 31_000, poll, undefined);
    world.sim.runUntil(200_000);
    expect(counts).toEqual([1, 2, 3]);
    expect(dlq.visibleNow).toBe(1);
    expect(world.ledger.summary().deadLettered).toBe(1);
  });

  it('deletes only with the latest receipt handle', () => {
    const { world, queue } = setup({ visibilityTimeoutMs: 1000 });
    queue.send(world.ledger.create(), 'a');
    let first: Received<string> | undefined;
    let second: Received<string> | undefined;
    queue.receive(1, 0, (b) => (first = b[0]));
    world.sim.runUntil(1000);
    queue.receive(1, 0, (b) => (second = b[0]));
    expect(queue.delete(first as Received<string>)).toBe(false);
    expect(queue.delete(second as Received<string>)).toBe(true);
    expect(queue.inFlight).toBe(0);
  });

  it('expires messages after the retention period and says so in the ledger', () => {
    const { world, queue } = setup({ retentionMs: 60_000 });
    queue.send(world.ledger.create(), 'a');
    world.sim.runUntil(30_000);
    queue.send(world.ledger.create(), 'b');
    world.sim.runUntil(60_000);
    expect(queue.visibleNow).toBe(1);
    world.sim.runUntil(90_000);
    expect(queue.visibleNow).toBe(0);
    expect(world.ledger.summary().dropped).toEqual({ expired: 2 });
  });

  it('long polling answers as soon as a message arrives, or empty after the wait', () => {
    const { world, queue } = setup();
    const answers: [number, number][] = [];
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.length]));
    world.sim.schedule(5000, () => queue.send(world.ledger.create(), 'x'), undefined);
    world.sim.runUntil(6000);
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.length]));
    world.sim.runUntil(60_000);
    expect(answers).toEqual([
      [5000, 1],
      [26_000, 0],
    ]);
  });

  it('returns at most 10 messages per receive, oldest first', () => {
    const { world, queue } = setup();
    for (let i = 0; i < 15; i++) queue.send(world.ledger.create(), `m${i}`);
    let got: string[] = [];
    queue.receive(25, 0, (b) => (got = b.map((r) => r.message.body)));
    expect(got).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it('a message returned to a waiting poller does not delay the other visibility timeouts', () => {
    const { world, queue } = setup();
    queue.send(world.ledger.create(), 'a');
    queue.send(world.ledger.create(), 'b');
    queue.receive(1, 0, () => {});
    world.sim.schedule(1000, () => queue.receive(1, 0, () => {}), undefined);
    world.sim.schedule(29_000, () => queue.receive(1, 20_000, () => {}), undefined);
    world.sim.runUntil(31_000);
    // 'a' came back at 30 s and went to the waiting poller; 'b' is back at 31 s, not 60 s.
    expect(queue.visibleNow).toBe(1);
    expect(queue.inFlight).toBe(1);
  });

  it('a receipt stops deleting once the visibility timeout expired', () => {
    const { world, queue } = setup({ visibilityTimeoutMs: 1000 });
    queue.send(world.ledger.create(), 'a');
    let r: Received<string> | undefined;
    queue.receive(1, 0, (b) => (r = b[0]));
    world.sim.runUntil(1500);
    expect(queue.delete(r as Received<string>)).toBe(false);
    expect(queue.visibleNow).toBe(1);
    expect(queue.inFlight).toBe(0);
  });

  it('age of oldest message counts in-flight messages, and a DLQ counts from the move', () => {
    const { world, queue, dlq } = setup({ visibilityTimeoutMs: 10_000, maxReceiveCount: 1 });
    queue.send(world.ledger.create(), 'a');
    queue.receive(1, 0, () => {});
    world.sim.runUntil(5000);
    expect(queue.visibleNow).toBe(0);
    expect(queue.oldestAgeMs()).toBe(5000);
    world.sim.runUntil(12_000);
    expect(dlq.visibleNow).toBe(1);
    expect(dlq.oldestAgeMs()).toBe(2000);
    expect(queue.oldestAgeMs()).toBe(0);
  });

  it('with c long-polling consumers and exponential service, behaves as M/M/c', () => {
    const world = new World({ seed: 3 });
    const queue = new SqsQueue<number>(world, 'q', {
      visibilityTimeoutMs: 3_600_000,
      retentionMs: 4 * DAY,
    });
    const { sim } = world;
    const arrivals = sim.rng.split('arrivals');
    const service = sim.rng.split('service');
    const c = 3;
    const lambda = 0.25; // per ms; μ = 0.1 per ms per consumer, ρ = 0.833
    let waitSum = 0;
    let served = 0;
    let left = 400_000;
    const consume = (): void =>
      queue.receive(1, 20_000, (b) => {
        const r = b[0];
        if (!r) return consume();
        waitSum += sim.now - r.message.sentAt;
        served++;
        sim.schedule(
          service.exponential(10),
          () => {
            queue.delete(r);
            world.ledger.complete(r.message.id);
            consume();
          },
          undefined,
        );
      });
    for (let i = 0; i < c; i++) consume();
    const arrive = (): void => {
      queue.send(world.ledger.create(), sim.now);
      if (--left > 0) sim.schedule(arrivals.exponential(1 / lambda), arrive, undefined);
    };
    sim.schedule(0, arrive, undefined);
    sim.runUntil(400_000 / lambda);
    const theory = mmc(c, 250, 100);
    expect(Math.abs(waitSum / served - theory.Wq * 1000) / (theory.Wq * 1000)).toBeLessThan(0.05);
    expect(Math.abs(queue.visibleCount.mean(sim.now) - theory.Lq) / theory.Lq).toBeLessThan(0.05);
  });
});
