import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmc, World } from '../engine';
import { SqsQueue, type Received, type SqsConfig, type SqsHooks } from './sqs';

const DAY = 86_400_000;

/** A queue whose hooks end fates in the ledger, as an assembler would (ending twice throws). */
function setup(config: Partial<SqsConfig> = {}) {
  const world = new World({ seed: 1 });
  const fates = { redriven: [] as number[], expired: [] as number[], dlqExpired: [] as number[] };
  const dlq = new SqsQueue(
    world,
    'dlq',
    { visibilityTimeoutMs: 30_000, retentionMs: 14 * DAY },
    { onExpired: (id) => fates.dlqExpired.push(id) },
  );
  const hooks: SqsHooks = {
    onRedrive: (id) => {
      fates.redriven.push(id);
      world.ledger.deadLetter(id);
    },
    onExpired: (id) => {
      fates.expired.push(id);
      world.ledger.drop(id, 'expired');
    },
  };
  const queue = new SqsQueue(
    world,
    'q',
    {
      visibilityTimeoutMs: 30_000,
      retentionMs: 4 * DAY,
      maxReceiveCount: 3,
      deadLetterQueue: dlq,
      ...config,
    },
    hooks,
  );
  return { world, queue, dlq, fates };
}

describe('SQS standard queue', () => {
  it('hides a received message for the visibility timeout, then shows it again', () => {
    const { world, queue } = setup();
    queue.send(world.ledger.create());
    let got: Received[] = [];
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
    const { world, queue, dlq, fates } = setup();
    const id = world.ledger.create();
    queue.send(id);
    const counts: number[] = [];
    const poll = (): void => {
      queue.receive(10, 0, (b) => {
        for (const r of b) counts.push(r.receiveCount);
      });
    };
    for (let i = 0; i < 5; i++) world.sim.schedule(i * 31_000, poll, undefined);
    world.sim.runUntil(200_000);
    expect(counts).toEqual([1, 2, 3]);
    expect(dlq.visibleNow).toBe(1);
    expect(fates.redriven).toEqual([id]);
    expect(world.ledger.summary().deadLettered).toBe(1);
  });

  it('deletes only with the latest receipt handle', () => {
    const { world, queue } = setup({ visibilityTimeoutMs: 1000 });
    queue.send(world.ledger.create());
    let first: Received | undefined;
    let second: Received | undefined;
    queue.receive(1, 0, (b) => (first = b[0]));
    world.sim.runUntil(1000);
    queue.receive(1, 0, (b) => (second = b[0]));
    expect(queue.delete(first as Received)).toBe(false);
    expect(queue.delete(second as Received)).toBe(true);
    expect(queue.delete(second as Received)).toBe(false);
    expect(queue.inFlight).toBe(0);
  });

  it('expires messages after the retention period and tells its owner once each', () => {
    const { world, queue, fates } = setup({ retentionMs: 60_000 });
    const a = world.ledger.create();
    queue.send(a);
    world.sim.runUntil(30_000);
    const b = world.ledger.create();
    queue.send(b);
    world.sim.runUntil(60_000);
    expect(queue.visibleNow).toBe(1);
    world.sim.runUntil(90_000);
    expect(queue.visibleNow).toBe(0);
    expect(fates.expired).toEqual([a, b]);
    expect(world.ledger.summary().dropped).toEqual({ expired: 2 });
  });

  it('long polling answers as soon as a message arrives, or empty after the wait', () => {
    const { world, queue } = setup();
    const answers: [number, number][] = [];
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.length]));
    world.sim.schedule(5000, () => queue.send(world.ledger.create()), undefined);
    world.sim.runUntil(6000);
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.length]));
    world.sim.runUntil(60_000);
    expect(answers).toEqual([
      [5000, 1],
      [26_000, 0],
    ]);
  });

  it('a cancelled long poll is never answered', () => {
    const { world, queue } = setup();
    let called = false;
    const pending = queue.receive(10, 20_000, () => (called = true));
    expect(pending && queue.cancelReceive(pending)).toBe(true);
    queue.send(world.ledger.create());
    world.sim.runUntil(60_000);
    expect(called).toBe(false);
    expect(queue.visibleNow).toBe(1);
  });

  it('returns at most 10 messages per receive, oldest first', () => {
    const { world, queue } = setup();
    const ids: number[] = [];
    for (let i = 0; i < 15; i++) {
      const id = world.ledger.create();
      ids.push(id);
      queue.send(id);
    }
    let got: number[] = [];
    queue.receive(25, 0, (b) => (got = b.map((r) => r.id)));
    expect(got).toEqual(ids.slice(0, 10));
  });

  it('a message returned to a waiting poller does not delay the other visibility timeouts', () => {
    const { world, queue } = setup();
    queue.send(world.ledger.create());
    queue.send(world.ledger.create());
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
    queue.send(world.ledger.create());
    let r: Received | undefined;
    queue.receive(1, 0, (b) => (r = b[0]));
    world.sim.runUntil(1500);
    expect(queue.delete(r as Received)).toBe(false);
    expect(queue.visibleNow).toBe(1);
    expect(queue.inFlight).toBe(0);
  });

  it('age of oldest message counts in-flight messages, and a DLQ counts from the move', () => {
    const { world, queue, dlq } = setup({ visibilityTimeoutMs: 10_000, maxReceiveCount: 1 });
    queue.send(world.ledger.create());
    queue.receive(1, 0, () => {});
    world.sim.runUntil(5000);
    expect(queue.visibleNow).toBe(0);
    expect(queue.oldestAgeMs()).toBe(5000);
    world.sim.runUntil(12_000);
    expect(dlq.visibleNow).toBe(1);
    expect(dlq.oldestAgeMs()).toBe(2000);
    expect(queue.oldestAgeMs()).toBe(0);
    expect(queue.maxOldestAgeMs()).toBe(10_000);
  });

  it('reuses the slots of deleted messages', () => {
    const { world, queue } = setup();
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 1000; i++) queue.send(world.ledger.create());
      for (let i = 0; i < 100; i++)
        queue.receive(10, 0, (b) => {
          for (const r of b) queue.delete(r);
        });
    }
    expect(queue.visibleNow).toBe(0);
    expect(queue.storageSlots).toBe(1024);
  });

  it('rejects ids that are not 32-bit unsigned integers, and out-of-range settings', () => {
    const { queue } = setup();
    expect(() => queue.send(-1)).toThrow(RangeError);
    expect(() => queue.send(1.5)).toThrow(RangeError);
    expect(() => queue.send(2 ** 32)).toThrow(RangeError);
    expect(() => queue.reconfigure({ delayMs: 901_000 })).toThrow(RangeError);
    expect(() => queue.reconfigure({ maxReceiveCount: 0 })).toThrow(RangeError);
  });
});

describe('SQS in-flight quota (OverLimit)', () => {
  it('past about 120,000 in flight, receives hand out nothing and count overLimit', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 3_600_000, retentionMs: DAY });
    for (let i = 0; i < 120_005; i++) queue.send(i + 1);
    const held: Received[] = [];
    while (queue.inFlight < 120_000)
      queue.receive(10, 0, (b) => {
        for (const r of b) held.push(r);
      });
    expect(queue.inFlight).toBe(120_000);
    expect(queue.visibleNow).toBe(5);
    let shortAnswer: Received[] | undefined;
    queue.receive(10, 0, (b) => (shortAnswer = b));
    expect(shortAnswer).toEqual([]);
    expect(queue.overLimit.value).toBe(1);
    // A long poll gets no error and no messages; it is answered once a delete makes room.
    const longAnswers: number[] = [];
    queue.receive(10, 20_000, (b) => longAnswers.push(b.length));
    world.sim.runUntil(1000);
    expect(longAnswers).toEqual([]);
    queue.delete(held[0] as Received);
    world.sim.runUntil(1000);
    expect(longAnswers).toEqual([1]);
    expect(queue.inFlight).toBe(120_000);
    expect(queue.stats().overLimit).toBe(2);
  }, 60_000);

  it('honours a configured quota', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 1000,
      retentionMs: DAY,
      inFlightLimit: 3,
    });
    for (let i = 1; i <= 5; i++) queue.send(i);
    let got: Received[] = [];
    queue.receive(10, 0, (b) => (got = b));
    expect(got.map((r) => r.id)).toEqual([1, 2, 3]);
    // The visibility timeout returns them: room again.
    world.sim.runUntil(1000);
    queue.receive(10, 0, (b) => (got = b));
    expect(got).toHaveLength(3);
  });
});

describe('SQS delay (DelaySeconds and message timers)', () => {
  it('hides new messages for the delay, then delivers them', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 30_000,
      retentionMs: DAY,
      delayMs: 5000,
    });
    queue.send(1);
    expect(queue.visibleNow).toBe(0);
    expect(queue.stats().delayed).toBe(1);
    const answers: [number, number[]][] = [];
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.map((r) => r.id)]));
    // A message timer overrides the queue's delay.
    world.sim.schedule(1000, () => queue.send(2, 0), undefined);
    world.sim.runUntil(10_000);
    queue.receive(10, 20_000, (b) => answers.push([world.sim.now, b.map((r) => r.id)]));
    world.sim.runUntil(10_000);
    expect(answers).toEqual([
      [1000, [2]],
      [10_000, [1]],
    ]);
    // Waiting before the first receive counts the delay.
    expect(queue.firstReceiveWait.max).toBe(10_000);
  });

  it('a changed delay is not retroactive on a standard queue', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 30_000,
      retentionMs: DAY,
      delayMs: 60_000,
    });
    queue.send(1);
    queue.reconfigure({ delayMs: 0 });
    queue.send(2);
    expect(queue.visibleNow).toBe(1);
    world.sim.runUntil(59_999);
    expect(queue.visibleNow).toBe(1);
    world.sim.runUntil(60_000);
    expect(queue.visibleNow).toBe(2);
  });

  it('a message that outlives retention while delayed expires when its delay ends', () => {
    const world = new World({ seed: 1 });
    const expired: number[] = [];
    const queue = new SqsQueue(
      world,
      'q',
      { visibilityTimeoutMs: 30_000, retentionMs: 60_000, delayMs: 900_000 },
      { onExpired: (id) => expired.push(id) },
    );
    queue.send(7);
    world.sim.runUntil(899_999);
    expect(expired).toEqual([]);
    world.sim.runUntil(900_000);
    expect(expired).toEqual([7]);
    expect(queue.visibleNow + queue.delayedNow + queue.inFlight).toBe(0);
  });
});

describe('SQS reconfigure', () => {
  it('a new visibility timeout applies to messages received from then on', () => {
    const { world, queue } = setup({ visibilityTimeoutMs: 10_000 });
    queue.send(world.ledger.create());
    queue.send(world.ledger.create());
    queue.receive(1, 0, () => {});
    queue.reconfigure({ visibilityTimeoutMs: 2000 });
    queue.receive(1, 0, () => {});
    world.sim.runUntil(2000);
    expect(queue.visibleNow).toBe(1);
    world.sim.runUntil(10_000);
    expect(queue.visibleNow).toBe(2);
  });

  it('a lowered maxReceiveCount moves a visible message when a receive reaches it', () => {
    const { world, queue, dlq, fates } = setup({ visibilityTimeoutMs: 1000, maxReceiveCount: 5 });
    const id = world.ledger.create();
    queue.send(id);
    queue.receive(1, 0, () => {});
    world.sim.runUntil(1000);
    queue.receive(1, 0, () => {});
    world.sim.runUntil(2000);
    expect(queue.visibleNow).toBe(1);
    queue.reconfigure({ maxReceiveCount: 2 });
    let got: Received[] = [];
    queue.receive(1, 0, (b) => (got = b));
    expect(got).toEqual([]);
    expect(fates.redriven).toEqual([id]);
    expect(dlq.visibleNow).toBe(1);
  });

  it('without a dead-letter queue, messages keep coming back', () => {
    const { world, queue, fates } = setup({ visibilityTimeoutMs: 1000, maxReceiveCount: 1 });
    queue.reconfigure({ deadLetterQueue: undefined });
    queue.send(world.ledger.create());
    // Receives 1.5 s apart: the message is back (after 1 s) each time.
    for (let i = 0; i < 5; i++)
      world.sim.schedule(i * 1500, () => queue.receive(1, 0, () => {}), undefined);
    world.sim.runUntil(10_000);
    expect(queue.received.value).toBe(5);
    expect(fates.redriven).toEqual([]);
  });

  it('a shorter retention expires waiting messages at once', () => {
    const { world, queue, fates } = setup({ retentionMs: DAY });
    queue.send(world.ledger.create());
    world.sim.runUntil(120_000);
    queue.reconfigure({ retentionMs: 60_000 });
    world.sim.runUntil(120_000);
    expect(fates.expired).toHaveLength(1);
  });
});

describe('SQS statistics', () => {
  it('tracks mean and most visible, the largest age of oldest, and the wait before first receive', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 5000, retentionMs: DAY });
    for (let i = 1; i <= 4; i++) queue.send(i); // 4 visible for 10 s
    world.sim.runUntil(10_000);
    let held: Received[] = [];
    queue.receive(2, 0, (b) => (held = b)); // 2 visible for 5 s
    world.sim.runUntil(20_000); // the 2 came back at 15 s: 4 visible for 5 s
    for (const r of held) expect(queue.delete(r)).toBe(false);
    queue.receive(10, 0, (b) => (held = b));
    for (const r of held) queue.delete(r);
    world.sim.runUntil(40_000);
    const s = queue.stats();
    expect(s.maxVisible).toBe(4);
    expect(s.meanVisible).toBeCloseTo((4 * 10 + 2 * 5 + 4 * 5) / 40, 6);
    expect(s.maxOldestAgeS).toBe(20);
    expect(s.oldestAgeS).toBe(0);
    // First receives: two at 10 s, two at 20 s; the second receive of 1 and 2 is not recorded.
    expect(queue.firstReceiveWait.count).toBe(4);
    expect(queue.firstReceiveWait.mean()).toBeCloseTo(15_000, -2);
  });
});

describe('SQS hooks fire exactly once per fate', () => {
  it('every unprocessed message is redriven once and expires from the DLQ once', () => {
    const world = new World({ seed: 9 });
    const redriven = new Map<number, number>();
    const expired = new Map<number, number>();
    let receivedByHook = 0;
    let deletedByHook = 0;
    const dlq = new SqsQueue(
      world,
      'dlq',
      { visibilityTimeoutMs: 1000, retentionMs: 600_000 },
      { onExpired: (id) => expired.set(id, (expired.get(id) ?? 0) + 1) },
    );
    const queue = new SqsQueue(
      world,
      'q',
      { visibilityTimeoutMs: 2000, retentionMs: DAY, maxReceiveCount: 2, deadLetterQueue: dlq },
      {
        onRedrive: (id) => {
          redriven.set(id, (redriven.get(id) ?? 0) + 1);
          world.ledger.deadLetter(id); // throws if a message were ended twice
        },
        onExpired: (id) => world.ledger.drop(id, 'expired'),
        onReceived: (batch) => {
          expect(batch.length).toBeGreaterThan(0);
          receivedByHook += batch.length;
        },
        onDeleted: () => deletedByHook++,
      },
    );
    const rng = world.sim.rng.split('ops');
    // Receivers that never delete, on the queue and on the DLQ.
    const consume = (q: SqsQueue): void => {
      q.receive(1 + rng.int(10), 20_000, () =>
        world.sim.schedule(rng.exponential(300), () => consume(q), undefined),
      );
    };
    for (let i = 0; i < 3; i++) consume(queue);
    consume(dlq);
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      t += rng.exponential(50);
      world.sim.schedule(t, () => queue.send(world.ledger.create()), undefined);
    }
    world.sim.runUntil(3_000_000);
    expect(redriven.size).toBe(2000);
    expect([...redriven.values()].every((n) => n === 1)).toBe(true);
    expect(expired.size).toBe(2000);
    expect([...expired.values()].every((n) => n === 1)).toBe(true);
    expect(world.ledger.summary()).toMatchObject({
      created: 2000,
      deadLettered: 2000,
      inSystem: 0,
    });
    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 0, movedToDlq: 2000 });
    expect(receivedByHook).toBe(queue.received.value);
    expect(receivedByHook).toBeGreaterThanOrEqual(4000); // two receives each before the move
    expect(deletedByHook).toBe(0);
    expect(dlq.stats()).toMatchObject({ visible: 0, inFlight: 0, movedIn: 2000, expired: 2000 });
  }, 60_000);
});

describe('SQS storage agrees with a plain reference model', () => {
  type Op =
    | { kind: 'send'; delay: number }
    | { kind: 'receive'; max: number }
    | { kind: 'delete'; pick: number }
    | { kind: 'advance'; ms: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('send' as const), delay: fc.constantFrom(0, 0, 0, 500, 2500) }),
    fc.record({ kind: fc.constant('receive' as const), max: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 1500 }) }),
  );

  it('delivers the same messages, oldest first, with the same counts', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const world = new World({ seed: 1 });
        const visibility = 1000;
        const queue = new SqsQueue(world, 'q', {
          visibilityTimeoutMs: visibility,
          retentionMs: 4000,
        });
        // Reference: every message with its state, by id (ids are sent in increasing order).
        interface Ref {
          sentAt: number;
          visibleAt: number;
          receipt: number;
          count: number;
          gone: boolean;
        }
        const ref = new Map<number, Ref>();
        let nextId = 1;
        let held: Received[] = [];
        const refVisible = (now: number) =>
          [...ref.entries()]
            .filter(([, m]) => !m.gone && m.visibleAt <= now && now - m.sentAt < 4000)
            .sort((a, b) => a[1].sentAt - b[1].sentAt || a[0] - b[0]);
        for (const o of ops) {
          const now = world.sim.now;
          if (o.kind === 'send') {
            const id = nextId++;
            queue.send(id, o.delay);
            ref.set(id, {
              sentAt: now,
              visibleAt: now + o.delay,
              receipt: 0,
              count: 0,
              gone: false,
            });
          } else if (o.kind === 'receive') {
            const expected = refVisible(now).slice(0, o.max);
            let got: Received[] = [];
            queue.receive(o.max, 0, (b) => (got = b));
            expect(got.map((r) => r.id)).toEqual(expected.map(([id]) => id));
            for (const r of got) {
              const m = ref.get(r.id) as Ref;
              m.count++;
              m.visibleAt = now + visibility;
              m.receipt = r.receipt;
              expect(r.receiveCount).toBe(m.count);
              held.push(r);
            }
          } else if (o.kind === 'delete') {
            const r = held[o.pick % Math.max(1, held.length)];
            if (!r) continue;
            const m = ref.get(r.id) as Ref;
            const current = !m.gone && m.receipt === r.receipt && now < m.visibleAt;
            expect(queue.delete(r)).toBe(current);
            if (current) m.gone = true;
            held = held.filter((x) => x !== r);
          } else {
            world.sim.runUntil(now + o.ms);
          }
          const t = world.sim.now;
          // Expired messages leave the reference too (retention 4 s counts from the send).
          for (const m of ref.values())
            if (!m.gone && t - m.sentAt >= 4000 && m.visibleAt <= t) m.gone = true;
          expect(queue.visibleNow).toBe(refVisible(t).length);
          const inFlight = [...ref.values()].filter(
            (m) => !m.gone && m.receipt !== 0 && m.visibleAt > t,
          );
          expect(queue.inFlight).toBe(inFlight.length);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('SQS with long-polling consumers is a queueing system', () => {
  it('with c long-polling consumers and exponential service, behaves as M/M/c', () => {
    const world = new World({ seed: 3 });
    const queue = new SqsQueue(world, 'q', {
      visibilityTimeoutMs: 3_600_000,
      retentionMs: 4 * DAY,
    });
    const { sim } = world;
    const arrivals = sim.rng.split('arrivals');
    const service = sim.rng.split('service');
    const c = 3;
    const lambda = 0.25; // per ms; μ = 0.1 per ms per consumer, ρ = 0.833
    let left = 400_000;
    const consume = (): void => {
      queue.receive(1, 20_000, (b) => {
        const r = b[0];
        if (!r) return consume();
        sim.schedule(
          service.exponential(10),
          () => {
            queue.delete(r);
            world.ledger.complete(r.id);
            consume();
          },
          undefined,
        );
      });
    };
    for (let i = 0; i < c; i++) consume();
    const arrive = (): void => {
      queue.send(world.ledger.create());
      if (--left > 0) sim.schedule(arrivals.exponential(1 / lambda), arrive, undefined);
    };
    sim.schedule(0, arrive, undefined);
    sim.runUntil(400_000 / lambda);
    const theory = mmc(c, 250, 100);
    const wq = queue.firstReceiveWait.mean();
    expect(Math.abs(wq - theory.Wq * 1000) / (theory.Wq * 1000)).toBeLessThan(0.05);
    expect(Math.abs(queue.visibleCount.mean(sim.now) - theory.Lq) / theory.Lq).toBeLessThan(0.05);
  }, 60_000);
});
