import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type PoppedEvent } from './eventQueue';
import { Histogram } from './histogram';
import { MessageLedger } from './ledger';
import { RingBuffer } from './ringBuffer';
import { Rng } from './rng';
import { Simulation } from './simulation';
import { TimeoutQueue } from './timeouts';
import { sample } from './distributions';

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, i) => q.push(t, () => {}, i));
        const out: PoppedEvent = { time: 0, fn: undefined, arg: undefined };
        const popped: [number, number][] = [];
        while (q.pop(out)) popped.push([out.time, out.arg as number]);
        const expected = times
          .map((t, i) => [t, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });
});

describe('Simulation', () => {
  it('time never goes backwards, whatever the events schedule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1000), fc.nat(3)), { minLength: 1, maxLength: 200 }),
        (plan) => {
          const sim = new Simulation(1);
          let last = 0;
          let ok = true;
          const visit = (depth: number): void => {
            if (sim.now < last) ok = false;
            last = sim.now;
            const [delay, children] = plan[(sim.eventsRun + depth) % plan.length] as [
              number,
              number,
            ];
            if (depth < 3) for (let i = 0; i < children; i++) sim.schedule(delay, visit, depth + 1);
          };
          for (const [delay] of plan) sim.schedule(delay, visit, 0);
          while (sim.step());
          expect(ok).toBe(true);
        },
      ),
    );
  });

  it('refuses to schedule in the past or with a negative delay', () => {
    const sim = new Simulation(1);
    sim.runUntil(100);
    expect(() => sim.at(50, () => {}, undefined)).toThrow(/past/);
    expect(() => sim.schedule(-1, () => {}, undefined)).toThrow();
  });

  it('runUntil stops at the event budget and reports it', () => {
    const sim = new Simulation(1);
    for (let i = 0; i < 10; i++) sim.schedule(i, () => {}, undefined);
    expect(sim.runUntil(100, 4)).toBe(false);
    expect(sim.eventsRun).toBe(4);
    expect(sim.runUntil(100)).toBe(true);
    expect(sim.now).toBe(100);
  });
});

describe('Rng', () => {
  it('is reproducible from its seed, and seeds differ', () => {
    const a = new Rng('42');
    const b = new Rng('42');
    const c = new Rng('43');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('split streams do not depend on other splits', () => {
    const root1 = new Rng('7');
    const root2 = new Rng('7');
    root2.split('newNode').next();
    expect(root1.split('sales').next()).toBe(root2.split('sales').next());
  });

  it('draws uniform and exponential values with the right means', () => {
    const rng = new Rng('m');
    let u = 0;
    let e = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      u += rng.next();
      e += rng.exponential(10);
    }
    expect(u / n).toBeCloseTo(0.5, 2);
    expect(e / n).toBeGreaterThan(9.9);
    expect(e / n).toBeLessThan(10.1);
  });

  it('log-normal draws keep the given mean', () => {
    const rng = new Rng('ln');
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += sample({ kind: 'lognormal', mean: 100, cv: 0.5 }, rng);
    expect(sum / n).toBeGreaterThan(99);
    expect(sum / n).toBeLessThan(101);
  });
});

describe('Histogram', () => {
  it('percentiles are within 2% of the exact ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 1e6, noNaN: true }), { minLength: 50, maxLength: 500 }),
        (values) => {
          const h = new Histogram();
          values.forEach((v) => h.record(v));
          const sorted = [...values].sort((a, b) => a - b);
          for (const q of [0.5, 0.95, 0.99]) {
            const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
            expect(Math.abs(h.percentile(q) - exact) / exact).toBeLessThan(0.02);
          }
          expect(h.mean()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
    );
  });
});

describe('MessageLedger', () => {
  it('balances under any sequence of endings, and refuses to end a message twice', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(4), { maxLength: 300 }), (ops) => {
        const ledger = new MessageLedger();
        const open: number[] = [];
        for (const op of ops) {
          if (op === 0 || open.length === 0) open.push(ledger.create());
          else {
            const id = open.shift() as number;
            if (op === 1) ledger.complete(id);
            else if (op === 2) ledger.drop(id, 'throttled');
            else if (op === 3) ledger.deadLetter(id);
            else ledger.drop(id, 'expired');
            expect(() => ledger.complete(id)).toThrow(/already ended/);
          }
        }
        const s = ledger.summary();
        const dropped = Object.values(s.dropped).reduce((a, b) => a + (b ?? 0), 0);
        expect(s.completed + s.deadLettered + dropped + s.inSystem).toBe(s.created);
        expect(s.inSystem).toBe(open.length);
      }),
    );
  });
});

describe('RingBuffer', () => {
  it('keeps the newest values, oldest first', () => {
    const r = new RingBuffer(3);
    [1, 2, 3, 4, 5].forEach((v) => r.push(v));
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.last()).toBe(5);
  });
});

describe('TimeoutQueue', () => {
  it('a timeout added while another fires does not delay the earlier ones', () => {
    const sim = new Simulation(1);
    const fired: [string, number][] = [];
    const q = new TimeoutQueue<string>(sim, 100, (x) => {
      fired.push([x, sim.now]);
      if (x === 'a') q.add('late');
    });
    q.add('a');
    sim.schedule(10, () => q.add('b'), undefined);
    sim.runUntil(1000);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 110],
      ['late', 200],
    ]);
  });

  it('fires uncancelled timeouts after their duration, in order', () => {
    const sim = new Simulation(1);
    const fired: [string, number][] = [];
    const q = new TimeoutQueue<string>(sim, 100, (x) => fired.push([x, sim.now]));
    q.add('a');
    sim.schedule(30, () => q.cancel(q.add('b')), undefined);
    sim.schedule(60, () => q.add('c'), undefined);
    sim.runUntil(1000);
    expect(fired).toEqual([
      ['a', 100],
      ['c', 160],
    ]);
  });
});

describe('cancellable events', () => {
  it('a cancelled event never runs, does not count, and leaves ties in order', () => {
    const sim = new Simulation(1);
    const ran: string[] = [];
    sim.schedule(5, (s: string) => ran.push(s), 'a');
    const b = sim.scheduleCancellable(5, (s: string) => ran.push(s), 'b');
    sim.scheduleCancellable(5, (s: string) => ran.push(s), 'c');
    const d = sim.scheduleCancellable(9, (s: string) => ran.push(s), 'd');
    expect(sim.pending).toBe(4);
    expect(sim.cancel(b)).toBe(true);
    expect(sim.cancel(b)).toBe(false);
    expect(sim.cancel(d)).toBe(true);
    expect(sim.pending).toBe(2);
    expect(sim.nextEventTime()).toBe(5);
    sim.runUntil(100);
    expect(ran).toEqual(['a', 'c']);
    expect(sim.eventsRun).toBe(2);
    expect(sim.pending).toBe(0);
    expect(sim.step()).toBe(false);
  });

  it('cancelling an event that already ran does nothing', () => {
    const sim = new Simulation(1);
    let n = 0;
    const e = sim.scheduleCancellable(1, () => n++, undefined);
    sim.runUntil(2);
    expect(e.done).toBe(true);
    expect(sim.cancel(e)).toBe(false);
    expect(n).toBe(1);
  });
});

describe('MessageLedger fan-out', () => {
  it('one publish, one delivery per subscriber, each with its own fate; totals balance', () => {
    const ledger = new MessageLedger();
    const msg = ledger.create();
    const first = ledger.fanOut(msg, 3);
    expect([first, first + 1, first + 2].map((id) => ledger.parentOf(id))).toEqual([msg, msg, msg]);
    expect(ledger.rootOf(first + 2)).toBe(msg);
    ledger.complete(first);
    ledger.drop(first + 1, 'filteredOut');
    expect(() => ledger.complete(msg)).toThrow(/already ended/);
    let s = ledger.summary();
    expect(s).toMatchObject({ created: 1, deliveries: 3, fannedOut: 1, completed: 1, inSystem: 1 });
    expect(ledger.countInSystem()).toBe(1);
    ledger.deadLetter(first + 2);
    s = ledger.summary();
    const dropped = Object.values(s.dropped).reduce((a, b) => a + (b ?? 0), 0);
    expect(s.completed + s.deadLettered + dropped + s.fannedOut + s.inSystem).toBe(
      s.created + s.deliveries,
    );
    expect(ledger.countInSystem()).toBe(0);
  });

  it('fan-out to nobody drops the message as having no subscriber', () => {
    const ledger = new MessageLedger();
    const msg = ledger.create();
    expect(ledger.fanOut(msg, 0)).toBe(0);
    expect(ledger.summary().dropped).toEqual({ noSubscriber: 1 });
  });

  it('balances under random fan-outs and fates', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(4), { maxLength: 200 }), fc.nat(), (ops, seed) => {
        const ledger = new MessageLedger();
        const rng = new Rng(String(seed));
        const open: number[] = [];
        for (const op of ops) {
          if (op === 0 || open.length === 0) open.push(ledger.create());
          else {
            const i = Math.floor(rng.next() * open.length);
            const id = open.splice(i, 1)[0] as number;
            if (op === 1) ledger.complete(id);
            else if (op === 2) ledger.drop(id, 'subscriberDown');
            else if (op === 3) ledger.deadLetter(id);
            else {
              const n = Math.floor(rng.next() * 3);
              const first = ledger.fanOut(id, n);
              for (let k = 0; k < n; k++) open.push(first + k);
            }
          }
        }
        const s = ledger.summary();
        const dropped = Object.values(s.dropped).reduce((a, b) => a + (b ?? 0), 0);
        expect(s.completed + s.deadLettered + dropped + s.fannedOut + s.inSystem).toBe(
          s.created + s.deliveries,
        );
        expect(ledger.countInSystem()).toBe(open.length);
        expect(s.inSystem).toBe(open.length);
      }),
    );
  });
});

describe('atCancellable', () => {
  it('fires at exactly the absolute time given, even where now + (t − now) would fall short', () => {
    const sim = new Simulation(1);
    sim.runUntil(141_820.50028353976 - 120_000 + 0.1);
    const deadline = 21_820.60028353976 + 120_000;
    let firedAt = -1;
    sim.atCancellable(deadline, () => (firedAt = sim.now), undefined);
    sim.runUntil(200_000);
    expect(firedAt).toBe(deadline);
    expect(() => sim.atCancellable(1, () => {}, undefined)).toThrow(/past/);
  });
});
