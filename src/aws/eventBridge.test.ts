import { describe, expect, it } from 'vitest';
import { Rng, Simulation } from '../engine';
import type { DeliveryResult } from './delivery';
import {
  EVENTBRIDGE_DEFAULT_PUT_EVENTS_PER_SECOND,
  EventBridgeLimitExceededError,
  EventBridgeRule,
  EventBridgeTarget,
  EventBus,
  MAX_TARGETS_PER_RULE,
  eventBridgeBackoffMs,
  eventBridgeHttpResult,
  type EventBridgeFailureReason,
  type EventBridgeTargetConfig,
} from './eventBridge';
import { TokenBucket } from './tokenBucket';

const S = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Log {
  attempts: { id: number; n: number; t: number }[];
  delivered: { id: number; n: number; t: number }[];
  retries: { id: number; n: number; delay: number }[];
  failed: { id: number; n: number; reason: EventBridgeFailureReason; t: number }[];
}

function setup(
  config: Partial<EventBridgeTargetConfig>,
  answer: (id: number, attempt: number, now: number) => DeliveryResult,
  seed = 'seed',
) {
  const sim = new Simulation(seed);
  const log: Log = { attempts: [], delivered: [], retries: [], failed: [] };
  const target = new EventBridgeTarget(
    sim,
    'target',
    { rng: sim.rng.split('target'), ...config },
    (id, n, done) => {
      log.attempts.push({ id, n, t: sim.now });
      done(answer(id, n, sim.now));
    },
    {
      onDelivered: (id, n) => log.delivered.push({ id, n, t: sim.now }),
      onRetry: (id, n, delay) => log.retries.push({ id, n, delay }),
      onExhausted: (id, n, reason) => log.failed.push({ id, n, reason, t: sim.now }),
    },
  );
  return { sim, target, log };
}

describe('EventBridge event bus', () => {
  it('throttles PutEvents above the quota: accepted ≤ burst + rate·T', () => {
    const sim = new Simulation(1);
    const bus = new EventBus(sim, 'orders', { putEventsPerSecond: 200, putEventsBurst: 50 });
    expect(bus.kind).toBe('custom');
    // 2,000 requests a second for 3 s.
    const tick = (): void => {
      bus.putEvents(2);
      if (sim.now < 3000 - 0.5) sim.schedule(0.5, tick, undefined);
    };
    sim.schedule(0, tick, undefined);
    sim.runUntil(3000);
    const s = bus.stats();
    expect(s.accepted + s.throttled).toBe(6000);
    expect(s.accepted).toBeLessThanOrEqual(50 + 200 * 3);
    expect(s.accepted).toBeGreaterThanOrEqual(200 * 3);
    expect(s.entries).toBe(2 * s.accepted);
  });

  it('defaults to the us-east-1 quota (10,000 requests per second) on the default bus', () => {
    const sim = new Simulation(1);
    const bus = new EventBus(sim);
    expect(bus.name).toBe('default');
    expect(bus.kind).toBe('default');
    expect(EVENTBRIDGE_DEFAULT_PUT_EVENTS_PER_SECOND).toBe(10_000);
    let ok = 0;
    for (let i = 0; i < 12_000; i++) if (bus.putEvents() === 'accepted') ok++;
    expect(ok).toBe(10_000);
    sim.runUntil(100);
    expect(bus.putEvents(10)).toBe('accepted'); // 1,000 tokens back after 0.1 s
  });

  it('takes 1 to 10 entries a request, and can share the account quota between buses', () => {
    const sim = new Simulation(1);
    const bus = new EventBus(sim);
    expect(() => bus.putEvents(0)).toThrow(RangeError);
    expect(() => bus.putEvents(11)).toThrow(RangeError);
    const shared = new TokenBucket(5, 5, 0);
    const a = new EventBus(sim, 'a', { sharedQuota: shared });
    const b = new EventBus(sim, 'b', { sharedQuota: shared });
    for (let i = 0; i < 4; i++) {
      a.putEvents();
      b.putEvents();
    }
    expect(a.stats().accepted + b.stats().accepted).toBe(5);
  });
});

describe('EventBridge rules', () => {
  it('refuses a sixth target', () => {
    const rule = new EventBridgeRule<string>('r');
    for (let i = 0; i < MAX_TARGETS_PER_RULE; i++) rule.addTarget(`t${i}`);
    expect(rule.targets).toHaveLength(5);
    expect(() => rule.addTarget('t5')).toThrow(EventBridgeLimitExceededError);
    expect(rule.targets).toHaveLength(5);
  });
});

describe('EventBridge target retry policy', () => {
  it('defaults to 185 retries and 24 hours, and refuses values outside 0–185 and 60–86,400 s', () => {
    const { target } = setup({}, () => 'ok');
    expect(target.maximumRetryAttempts).toBe(185);
    expect(target.maximumEventAgeSeconds).toBe(86_400);
    expect(target.deadLetterQueue).toBe(false);
    const rng = new Rng('x');
    const sim = new Simulation(1);
    const make = (c: Partial<EventBridgeTargetConfig>) =>
      new EventBridgeTarget(sim, 't', { rng, ...c }, (_i, _n, done) => done('ok'));
    expect(() => make({ maximumRetryAttempts: 186 })).toThrow(RangeError);
    expect(() => make({ maximumRetryAttempts: -1 })).toThrow(RangeError);
    expect(() => make({ maximumRetryAttempts: 1.5 })).toThrow(RangeError);
    expect(() => make({ maximumEventAgeSeconds: 59 })).toThrow(RangeError);
    expect(() => make({ maximumEventAgeSeconds: 86_401 })).toThrow(RangeError);
    expect(() => make({ maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 })).not.toThrow();
  });

  it('stops retrying at MaximumRetryAttempts', () => {
    const { sim, target, log } = setup(
      { maximumRetryAttempts: 3, deadLetterQueue: true },
      () => 'retryable',
    );
    target.deliver(5);
    sim.runUntil(DAY);
    expect(log.attempts.map((a) => a.n)).toEqual([1, 2, 3, 4]);
    expect(log.failed).toHaveLength(1);
    expect(log.failed[0]).toMatchObject({ id: 5, n: 4, reason: 'retriesExhausted' });
    expect(target.stats()).toEqual({
      invocations: 1,
      attempts: 4,
      delivered: 0,
      retries: 3,
      inRetry: 0,
      failed: 1,
      sentToDlq: 1,
      retriesExhausted: 1,
      expired: 0,
      permanentFailures: 0,
    });
  });

  it('makes no retry at all with MaximumRetryAttempts 0', () => {
    const { sim, target, log } = setup({ maximumRetryAttempts: 0 }, () => 'retryable');
    target.deliver(1);
    sim.runUntil(HOUR);
    expect(log.attempts).toHaveLength(1);
    expect(log.failed).toEqual([{ id: 1, n: 1, reason: 'retriesExhausted', t: 0 }]);
    expect(target.stats().sentToDlq).toBe(0);
  });

  it('expires an event at MaximumEventAgeInSeconds', () => {
    const { sim, target, log } = setup({ maximumEventAgeSeconds: 60 }, () => 'retryable');
    target.deliver(2);
    sim.runUntil(HOUR);
    expect(log.failed).toHaveLength(1);
    const f = log.failed[0];
    expect(f?.reason).toBe('expired');
    expect(f?.t).toBeLessThan(60 * S);
    // Waits of 1, 2, 4, 8, 16 s (each jittered to half–full) come before the 60 s age; the next
    // one (32 s nominal, at least 16 s) would not.
    expect(f?.n).toBeGreaterThanOrEqual(5);
    expect(f?.n).toBeLessThanOrEqual(7);
    expect(log.attempts.every((a) => a.t < 60 * S)).toBe(true);
    expect(target.stats()).toMatchObject({ expired: 1, failed: 1, inRetry: 0 });
  });

  it('counts the age from the event time given', () => {
    const { sim, target, log } = setup({ maximumEventAgeSeconds: 120 }, () => 'retryable');
    sim.runUntil(10 * 60 * S);
    target.deliver(1, 10 * 60 * S - 119_600); // 119.6 s old already
    sim.runUntil(HOUR);
    expect(log.failed[0]).toMatchObject({ reason: 'expired', n: 1 });
    target.deliver(2, 0); // older than the maximum age: no attempt at all
    sim.runUntil(2 * HOUR);
    expect(log.failed[1]).toMatchObject({ id: 2, reason: 'expired', n: 0 });
    expect(log.attempts.filter((a) => a.id === 2)).toEqual([]);
  });

  it('with the defaults, gives up within 24 hours after at most 186 attempts', () => {
    const { sim, target, log } = setup({}, () => 'retryable');
    target.deliver(1);
    sim.runUntil(2 * DAY);
    expect(log.failed).toHaveLength(1);
    const f = log.failed[0];
    expect(f?.t).toBeLessThan(DAY);
    if (f?.reason === 'retriesExhausted') expect(f.n).toBe(186);
    else expect(f?.reason).toBe('expired');
    // The chosen backoff makes the 185 retries take about 22 hours on average.
    expect(f?.t).toBeGreaterThan(20 * HOUR);
  });

  it('sends a non-retriable error straight to failure (and the DLQ) without retries', () => {
    const { sim, target, log } = setup({ deadLetterQueue: true }, () => 'permanent');
    target.deliver(9);
    sim.runUntil(HOUR);
    expect(log.attempts).toHaveLength(1);
    expect(log.retries).toEqual([]);
    expect(log.failed).toEqual([{ id: 9, n: 1, reason: 'permanent', t: 0 }]);
    expect(target.stats()).toMatchObject({ retries: 0, permanentFailures: 1, sentToDlq: 1 });
  });

  it('delivers once a target comes back, and stops a retriable run on a later 4xx', () => {
    const { sim, target, log } = setup({}, (id, _n, now) => {
      if (now < 30 * S) return eventBridgeHttpResult(503);
      return id === 1 ? eventBridgeHttpResult(200) : eventBridgeHttpResult(404);
    });
    target.deliver(1);
    target.deliver(2);
    sim.runUntil(HOUR);
    expect(log.delivered).toHaveLength(1);
    expect(log.delivered[0]?.id).toBe(1);
    expect(log.delivered[0]?.t).toBeGreaterThanOrEqual(30 * S);
    expect(log.failed).toEqual([expect.objectContaining({ id: 2, reason: 'permanent' })]);
  });

  it('backs off exponentially with equal jitter, deterministically per seed', () => {
    const run = (seed: string) => {
      const { sim, target, log } = setup({ maximumRetryAttempts: 20 }, () => 'retryable', seed);
      target.deliver(1);
      sim.runUntil(DAY);
      return log.retries.map((r) => r.delay);
    };
    const a = run('one');
    expect(a).toHaveLength(20);
    expect(run('one')).toEqual(a);
    expect(run('two')).not.toEqual(a);
    a.forEach((d, i) => {
      const nominal = eventBridgeBackoffMs(i + 1);
      expect(d).toBeGreaterThanOrEqual(nominal / 2);
      expect(d).toBeLessThan(nominal);
    });
    expect(eventBridgeBackoffMs(1)).toBe(1000);
    expect(eventBridgeBackoffMs(2)).toBe(2000);
    expect(eventBridgeBackoffMs(10)).toBe(512_000);
    expect(eventBridgeBackoffMs(11)).toBe(600_000);
    expect(eventBridgeBackoffMs(185)).toBe(600_000);
  });

  it('ends waiting events when the maximum age is shortened', () => {
    const { sim, target, log } = setup({}, () => 'retryable');
    target.deliver(1);
    sim.runUntil(5 * 60 * S); // several retries in, now waiting for the next
    expect(target.inRetry).toBe(1);
    target.reconfigure({ maximumEventAgeSeconds: 60 });
    sim.runUntil(HOUR);
    expect(log.failed).toEqual([expect.objectContaining({ id: 1, reason: 'expired' })]);
    expect(() => target.reconfigure({ maximumRetryAttempts: 200 })).toThrow(RangeError);
  });

  it('answers PutEvents before the targets hear of the event', () => {
    const sim = new Simulation(1);
    const bus = new EventBus(sim);
    const heard: number[] = [];
    const target = new EventBridgeTarget(sim, 't', { rng: new Rng('r') }, (id, _n, done) => {
      heard.push(id);
      done('ok');
    });
    expect(bus.putEvents()).toBe('accepted');
    target.deliver(1);
    expect(heard).toEqual([]);
    sim.runUntil(0);
    expect(heard).toEqual([1]);
  });

  it('maps HTTP answers as EventBridge does: 429 and 5xx retried, other 4xx not', () => {
    expect(eventBridgeHttpResult(200)).toBe('ok');
    expect(eventBridgeHttpResult(204)).toBe('ok');
    expect(eventBridgeHttpResult(429)).toBe('retryable');
    expect(eventBridgeHttpResult(500)).toBe('retryable');
    expect(eventBridgeHttpResult('timeout')).toBe('retryable');
    expect(eventBridgeHttpResult(400)).toBe('permanent');
    expect(eventBridgeHttpResult(403)).toBe('permanent');
    expect(eventBridgeHttpResult(404)).toBe('permanent');
  });

  it('reports each outcome once across many events and keeps the retries in one timer', () => {
    const { sim, target, log } = setup({ maximumRetryAttempts: 5 }, (id) =>
      id % 4 === 0 ? 'permanent' : 'retryable',
    );
    for (let id = 0; id < 5000; id++) target.deliver(id);
    sim.runUntil(1);
    expect(target.inRetry).toBe(3750);
    expect(sim.pending).toBe(1);
    sim.runUntil(DAY);
    const ids = log.failed.map((f) => f.id).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(target.stats()).toMatchObject({
      invocations: 5000,
      failed: 5000,
      permanentFailures: 1250,
      retriesExhausted: 3750,
      retries: 3750 * 5,
      inRetry: 0,
    });
  });
});
