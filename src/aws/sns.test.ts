import { describe, expect, it } from 'vitest';
import { Rng, Simulation } from '../engine';
import type { DeliveryEndpoint, DeliveryResult } from './delivery';
import {
  SNS_AWS_MANAGED_POLICY,
  SNS_CUSTOMER_MANAGED_POLICY,
  SNS_HTTP_DEFAULT_POLICY,
  SnsDeliveryPolicyError,
  SnsSubscription,
  SnsTopic,
  defaultRetryPolicy,
  httpRetryPolicy,
  retryDelayMs,
  retrySchedule,
  snsHttpResult,
  totalRetryTimeMs,
  type SnsBackoffFunction,
  type SnsExhaustReason,
  type SnsSubscriptionConfig,
} from './sns';
import { TokenBucket } from './tokenBucket';

const S = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Log {
  attempts: { id: number; n: number; t: number }[];
  delivered: { id: number; n: number; t: number }[];
  retries: { id: number; n: number; delay: number }[];
  exhausted: { id: number; n: number; reason: SnsExhaustReason; t: number }[];
}

/** A subscription whose endpoint answers `answer(id, attempt, now)` at once. */
function setup(
  config: SnsSubscriptionConfig,
  answer: (id: number, attempt: number, now: number) => DeliveryResult,
) {
  const sim = new Simulation(1);
  const log: Log = { attempts: [], delivered: [], retries: [], exhausted: [] };
  const endpoint: DeliveryEndpoint = (id, n, done) => {
    log.attempts.push({ id, n, t: sim.now });
    done(answer(id, n, sim.now));
  };
  const sub = new SnsSubscription(sim, 'sub', config, endpoint, {
    onDelivered: (id, n) => log.delivered.push({ id, n, t: sim.now }),
    onRetry: (id, n, delay) => log.retries.push({ id, n, delay }),
    onExhausted: (id, n, reason) => log.exhausted.push({ id, n, reason, t: sim.now }),
  });
  return { sim, sub, log };
}

describe('SNS delivery policies (documented schedules)', () => {
  it('AWS-managed endpoints: 3 immediate, 2 at 1 s, 10 from 1 s to 20 s, 100,000 at 20 s', () => {
    const s = retrySchedule(SNS_AWS_MANAGED_POLICY);
    expect(s).toHaveLength(100_015); // AWS's "100,015 times"; the first attempt comes on top
    expect(s.slice(0, 5)).toEqual([0, 0, 0, 1000, 1000]);
    const backoff = s.slice(5, 15);
    expect(backoff[0]).toBe(1000);
    expect(backoff[9]).toBe(20_000);
    for (let i = 1; i < 10; i++) expect(backoff[i]).toBeGreaterThan(backoff[i - 1] as number);
    // Exponential: a constant ratio 20^(1/9) ≈ 1.395.
    expect((backoff[1] as number) / (backoff[0] as number)).toBeCloseTo(20 ** (1 / 9), 2);
    expect(s.slice(15).every((d) => d === 20_000)).toBe(true);
    const total = totalRetryTimeMs(SNS_AWS_MANAGED_POLICY);
    expect(total / DAY).toBeGreaterThan(23); // "over 23 days"
    expect(total / DAY).toBeLessThan(23.2);
  });

  it('customer-managed endpoints: 0 immediate, 2 at 10 s, 10 from 10 s to 600 s, 38 at 600 s', () => {
    const s = retrySchedule(SNS_CUSTOMER_MANAGED_POLICY);
    expect(s).toHaveLength(50); // "50 attempts"
    expect(s.slice(0, 2)).toEqual([10_000, 10_000]);
    expect(s[2]).toBe(10_000);
    expect(s[11]).toBe(600_000);
    expect(s.slice(12)).toEqual(new Array(38).fill(600_000));
    const total = totalRetryTimeMs(SNS_CUSTOMER_MANAGED_POLICY);
    expect(total / HOUR).toBeGreaterThan(6); // "over 6 hours"
    expect(total / HOUR).toBeLessThan(7);
  });

  it('HTTP/S by default: up to three retries, 20 seconds apart', () => {
    expect(retrySchedule(SNS_HTTP_DEFAULT_POLICY)).toEqual([20_000, 20_000, 20_000]);
    expect(retryDelayMs(SNS_HTTP_DEFAULT_POLICY, 4)).toBe(-1);
  });

  it('picks the policy by protocol', () => {
    for (const p of ['lambda', 'sqs', 'firehose'] as const)
      expect(defaultRetryPolicy(p)).toBe(SNS_AWS_MANAGED_POLICY);
    for (const p of ['email', 'email-json', 'sms'] as const)
      expect(defaultRetryPolicy(p)).toBe(SNS_CUSTOMER_MANAGED_POLICY);
    for (const p of ['http', 'https'] as const)
      expect(defaultRetryPolicy(p)).toBe(SNS_HTTP_DEFAULT_POLICY);
  });
});

describe('SNS HTTP/S delivery policy (healthyRetryPolicy)', () => {
  it("computes AWS's sample policy: 3 no-delay, 2 at 1 s, 10 from 1 s to 60 s, 35 at 60 s", () => {
    const p = httpRetryPolicy({
      minDelayTarget: 1,
      maxDelayTarget: 60,
      numRetries: 50,
      numNoDelayRetries: 3,
      numMinDelayRetries: 2,
      numMaxDelayRetries: 35,
      backoffFunction: 'exponential',
    });
    const s = retrySchedule(p);
    expect(s).toHaveLength(50);
    expect(s.slice(0, 6)).toEqual([0, 0, 0, 1000, 1000, 1000]);
    expect(s[14]).toBe(60_000);
    expect(s.slice(15)).toEqual(new Array(35).fill(60_000));
    expect(totalRetryTimeMs(p)).toBeLessThanOrEqual(3600 * S);
  });

  it('fills missing fields with the defaults (numRetries 3, 20 s, linear)', () => {
    expect(httpRetryPolicy({ numRetries: 5 })).toMatchObject({
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 5,
      numNoDelayRetries: 0,
      backoffFunction: 'linear',
    });
    expect(retrySchedule(httpRetryPolicy({ numRetries: 5 }))).toEqual(new Array(5).fill(20_000));
  });

  it('runs every backoff function from the minimum to the maximum, each one bending upwards', () => {
    const mid: Record<SnsBackoffFunction, number> = {
      linear: 0,
      arithmetic: 0,
      geometric: 0,
      exponential: 0,
    };
    for (const fn of Object.keys(mid) as SnsBackoffFunction[]) {
      // The docs' chart: 10 retries, 5 s to 260 s.
      const s = retrySchedule(
        httpRetryPolicy({
          minDelayTarget: 5,
          maxDelayTarget: 260,
          numRetries: 10,
          backoffFunction: fn,
        }),
      );
      expect(s[0]).toBe(5000);
      expect(s[9]).toBe(260_000);
      for (let i = 1; i < 10; i++) expect(s[i]).toBeGreaterThan(s[i - 1] as number);
      mid[fn] = s[5] as number;
    }
    expect(mid.linear).toBeCloseTo(5000 + (255_000 * 5) / 9, -1);
    expect(mid.arithmetic).toBeLessThan(mid.linear);
    expect(mid.exponential).toBeLessThan(mid.arithmetic);
    expect(mid.geometric).toBeLessThan(mid.exponential);
  });

  it('refuses what AWS refuses', () => {
    const bad: [string, Parameters<typeof httpRetryPolicy>[0]][] = [
      ['numRetries over 100', { numRetries: 101, minDelayTarget: 1, maxDelayTarget: 1 }],
      ['negative numRetries', { numRetries: -1 }],
      ['maxDelayTarget over 3600', { maxDelayTarget: 3601, numRetries: 0 }],
      ['minDelayTarget 0', { minDelayTarget: 0 }],
      ['min over max', { minDelayTarget: 30, maxDelayTarget: 20 }],
      ['fractional seconds', { minDelayTarget: 1.5 }],
      ['phases over numRetries', { numRetries: 3, numNoDelayRetries: 2, numMaxDelayRetries: 2 }],
      ['negative phase', { numNoDelayRetries: -1 }],
      ['unknown backoff', { backoffFunction: 'cubic' as never }],
      // 100 retries at 60 s = 6,000 s > the 3,600 s hard limit.
      ['total over 3600 s', { numRetries: 100, minDelayTarget: 60, maxDelayTarget: 60 }],
    ];
    for (const [why, p] of bad)
      expect(() => httpRetryPolicy(p), why).toThrow(SnsDeliveryPolicyError);
    // At the limits exactly.
    expect(() =>
      httpRetryPolicy({ numRetries: 1, minDelayTarget: 3600, maxDelayTarget: 3600 }),
    ).not.toThrow();
    expect(() =>
      httpRetryPolicy({
        numRetries: 100,
        numNoDelayRetries: 100,
        minDelayTarget: 1,
        maxDelayTarget: 1,
      }),
    ).not.toThrow();
  });

  it('takes a policy only on HTTP/S, and raw delivery only on SQS, HTTP/S and Firehose', () => {
    const sim = new Simulation(1);
    const ep: DeliveryEndpoint = (_id, _n, done) => done('ok');
    expect(
      () =>
        new SnsSubscription(
          sim,
          's',
          { protocol: 'lambda', deliveryPolicy: { numRetries: 1 } },
          ep,
        ),
    ).toThrow(SnsDeliveryPolicyError);
    expect(
      () => new SnsSubscription(sim, 's', { protocol: 'lambda', rawMessageDelivery: true }, ep),
    ).toThrow(SnsDeliveryPolicyError);
    const sqs = new SnsSubscription(
      sim,
      's',
      { protocol: 'sqs', rawMessageDelivery: true, redrive: true },
      ep,
    );
    expect(sqs).toMatchObject({ rawMessageDelivery: true, redrive: true, protocol: 'sqs' });
    const https = new SnsSubscription(
      sim,
      's',
      {
        protocol: 'https',
        deliveryPolicy: { numRetries: 7, minDelayTarget: 5, maxDelayTarget: 5 },
      },
      ep,
    );
    expect(retrySchedule(https.policy)).toEqual(new Array(7).fill(5000));
  });

  it('maps HTTP answers as SNS does: 200–4xx is not a failed attempt', () => {
    expect(snsHttpResult(200)).toBe('ok');
    expect(snsHttpResult(404)).toBe('ok');
    expect(snsHttpResult(429)).toBe('ok');
    expect(snsHttpResult(500)).toBe('retryable');
    expect(snsHttpResult(503)).toBe('retryable');
    expect(snsHttpResult(302)).toBe('ok');
    expect(snsHttpResult(101)).toBe('retryable');
    expect(snsHttpResult('timeout')).toBe('retryable');
  });
});

describe('SNS subscription delivery', () => {
  it('retries a failing HTTP endpoint on schedule, then reports exhaustion once', () => {
    const { sim, sub, log } = setup({ protocol: 'https' }, () => 'retryable');
    sub.deliver(7);
    sim.runUntil(10 * 60 * S);
    expect(log.attempts.map((a) => [a.n, a.t])).toEqual([
      [1, 0],
      [2, 20 * S],
      [3, 40 * S],
      [4, 60 * S],
    ]);
    expect(log.retries).toEqual([
      { id: 7, n: 2, delay: 20 * S },
      { id: 7, n: 3, delay: 20 * S },
      { id: 7, n: 4, delay: 20 * S },
    ]);
    expect(log.exhausted).toEqual([{ id: 7, n: 4, reason: 'retriesExhausted', t: 60 * S }]);
    expect(log.delivered).toEqual([]);
    expect(sub.stats()).toEqual({
      deliveries: 1,
      delivered: 0,
      retries: 3,
      inRetry: 0,
      exhausted: 1,
      permanentFailures: 0,
    });
    expect(sub.active).toBe(0);
    expect(sim.pending).toBe(0);
  });

  it('delivers once a down endpoint comes back in the middle of the retries', () => {
    const upAt = 30 * S;
    const { sim, sub, log } = setup({ protocol: 'sqs' }, (_id, _n, now) =>
      now >= upAt ? 'ok' : 'retryable',
    );
    sub.deliver(1);
    sim.runUntil(upAt - 1);
    expect(sub.inRetry).toBe(1);
    expect(sub.stats().inRetry).toBe(1);
    sim.runUntil(DAY);
    // Attempts follow the AWS-managed schedule: 1 + 3 immediate + 2 at 1 s + backoff from 1 s.
    const schedule = retrySchedule(SNS_AWS_MANAGED_POLICY);
    let t = 0;
    let n = 1;
    while (t < upAt) t += schedule[n++ - 1] as number;
    expect(log.delivered).toEqual([{ id: 1, n, t }]);
    expect(log.attempts.slice(0, 4).map((a) => a.t)).toEqual([0, 0, 0, 0]);
    expect(log.exhausted).toEqual([]);
    expect(sub.stats()).toMatchObject({ delivered: 1, retries: n - 1, inRetry: 0, exhausted: 0 });
  });

  it('does not retry a client-side (permanent) failure', () => {
    const { sim, sub, log } = setup({ protocol: 'lambda', redrive: true }, () => 'permanent');
    sub.deliver(3);
    sim.runUntil(DAY);
    expect(log.attempts).toHaveLength(1);
    expect(log.exhausted).toEqual([{ id: 3, n: 1, reason: 'permanent', t: 0 }]);
    expect(sub.stats()).toMatchObject({ retries: 0, permanentFailures: 1, exhausted: 0 });
  });

  it('treats an HTTP 4xx as not failed (no retry, no exhaustion), a 5xx as failed', () => {
    let status = 403;
    const { sim, sub, log } = setup({ protocol: 'http' }, () => snsHttpResult(status));
    sub.deliver(1);
    sim.runUntil(HOUR);
    expect(log.delivered).toHaveLength(1);
    status = 502;
    sub.deliver(2);
    sim.runUntil(2 * HOUR);
    expect(log.exhausted).toEqual([{ id: 2, n: 4, reason: 'retriesExhausted', t: HOUR + 60 * S }]);
  });

  it('exhausts the AWS-managed policy after 100,016 attempts over about 23 days', () => {
    const { sim, sub, log } = setup({ protocol: 'lambda' }, () => 'retryable');
    sub.deliver(9);
    sim.runUntil(30 * DAY);
    expect(log.attempts).toHaveLength(100_016);
    expect(log.exhausted).toHaveLength(1);
    const end = log.exhausted[0];
    expect(end).toMatchObject({ id: 9, n: 100_016, reason: 'retriesExhausted' });
    expect(end?.t).toBe(totalRetryTimeMs(SNS_AWS_MANAGED_POLICY));
    expect(sub.stats()).toMatchObject({ retries: 100_015, exhausted: 1, inRetry: 0 });
  }, 20_000);

  it('exhausts the email policy after 51 attempts, a little under 7 hours', () => {
    const { sim, sub, log } = setup({ protocol: 'email' }, () => 'retryable');
    sub.deliver(4);
    sim.runUntil(DAY);
    expect(log.attempts).toHaveLength(51);
    expect(log.exhausted[0]?.t).toBe(totalRetryTimeMs(SNS_CUSTOMER_MANAGED_POLICY));
  });

  it('reports each outcome exactly once across many concurrent deliveries', () => {
    // Endpoint fails ids divisible by 3 permanently, even ids until t = 50 s, and accepts the rest.
    const { sim, sub, log } = setup({ protocol: 'https' }, (id, _n, now) => {
      if (id % 3 === 0) return 'permanent';
      if (id % 2 === 0 && now < 50 * S) return 'retryable';
      return 'ok';
    });
    for (let id = 1; id <= 600; id++) sub.deliver(id);
    sim.runUntil(HOUR);
    const ended = [...log.delivered.map((d) => d.id), ...log.exhausted.map((e) => e.id)].sort(
      (a, b) => a - b,
    );
    expect(ended).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    const s = sub.stats();
    expect(s.deliveries).toBe(600);
    expect(s.delivered + s.exhausted + s.permanentFailures).toBe(600);
    expect(s.permanentFailures).toBe(200);
    // Even ids not divisible by 3 fail at 0, 20, 40 s and get through at 60 s (the 4th attempt).
    expect(s.exhausted).toBe(0);
    expect(
      log.delivered.filter((d) => d.id % 2 === 0).every((d) => d.n === 4 && d.t === 60 * S),
    ).toBe(true);
  });

  it('keeps thousands of waiting retries in one pending event and typed columns', () => {
    const { sim, sub } = setup({ protocol: 'https' }, () => 'retryable');
    for (let id = 0; id < 20_000; id++) sub.deliver(id);
    sim.runUntil(1);
    expect(sub.inRetry).toBe(20_000);
    expect(sim.pending).toBe(1);
    sim.runUntil(HOUR);
    expect(sub.stats()).toMatchObject({ exhausted: 20_000, retries: 60_000, inRetry: 0 });
  }, 20_000);

  it('throws when an endpoint reports twice', () => {
    const sim = new Simulation(1);
    let saved: ((r: DeliveryResult) => void) | undefined;
    const sub = new SnsSubscription(sim, 's', { protocol: 'sqs' }, (_id, _n, done) => {
      saved = done;
      done('ok');
    });
    sub.deliver(1);
    sim.runUntil(0);
    expect(() => saved?.('ok')).toThrow(/twice/);
  });

  it('lets an endpoint answer later (an attempt that takes time)', () => {
    const sim = new Simulation(1);
    const times: number[] = [];
    const sub = new SnsSubscription(
      sim,
      's',
      { protocol: 'https' },
      (_id, n, done) => {
        // Each attempt times out after 15 s; the third one succeeds.
        sim.schedule(15 * S, done, n < 3 ? 'retryable' : 'ok');
      },
      { onDelivered: () => times.push(sim.now) },
    );
    sub.deliver(1);
    sim.runUntil(HOUR);
    // 0 → fails at 15, retry at 35 → fails at 50, retry at 70 → ok at 85 ("about 35 seconds").
    expect(times).toEqual([85 * S]);
  });

  it('jitters delays from the Rng given, deterministically and around the schedule', () => {
    const run = (seed: string) => {
      const { sim, sub, log } = setup(
        { protocol: 'email', jitter: { rng: new Rng(seed), ratio: 0.4 } },
        () => 'retryable',
      );
      sub.deliver(1);
      sim.runUntil(DAY);
      return log.retries.map((r) => r.delay);
    };
    const a = run('x');
    expect(run('x')).toEqual(a);
    expect(run('y')).not.toEqual(a);
    const base = retrySchedule(SNS_CUSTOMER_MANAGED_POLICY);
    a.forEach((d, i) => {
      const b = base[i] as number;
      expect(d).toBeGreaterThanOrEqual(b * 0.8);
      expect(d).toBeLessThan(b * 1.2);
    });
  });
});

describe('SNS topic', () => {
  it('answers Publish before any delivery, whether anyone receives the message or not', () => {
    const sim = new Simulation(1);
    const topic = new SnsTopic(sim, 'orders');
    // Nobody subscribed: still published.
    expect(topic.publish()).toBe('published');
    // A subscriber that rejects everything: still published, and not yet attempted on return.
    const calls: number[] = [];
    const sub = new SnsSubscription(sim, 's', { protocol: 'lambda' }, (id, _n, done) => {
      calls.push(id);
      done('permanent');
    });
    const result = topic.publish();
    sub.deliver(2);
    expect(result).toBe('published');
    expect(calls).toEqual([]);
    sim.runUntil(0);
    expect(calls).toEqual([2]);
    expect(topic.stats()).toEqual({ published: 2, throttled: 0 });
  });

  it('throttles Publish over the quota: accepted ≤ burst + rate·T', () => {
    const sim = new Simulation(1);
    const topic = new SnsTopic(sim, 't', { publishPerSecond: 100, publishBurst: 100 });
    // 1,000 publishes a second for 5 s.
    let published = 0;
    const tick = (): void => {
      if (topic.publish() === 'published') published++;
      if (sim.now < 5000 - 1) sim.schedule(1, tick, undefined);
    };
    sim.schedule(0, tick, undefined);
    sim.runUntil(5000);
    const s = topic.stats();
    expect(s.published).toBe(published);
    expect(s.published + s.throttled).toBe(5000);
    expect(published).toBeLessThanOrEqual(100 + 100 * 5);
    expect(published).toBeGreaterThanOrEqual(100 * 5);
  });

  it('defaults to the us-east-1 quota (30,000 messages per second) and can share a bucket', () => {
    const sim = new Simulation(1);
    const topic = new SnsTopic(sim, 't');
    let ok = 0;
    for (let i = 0; i < 40_000; i++) if (topic.publish() === 'published') ok++;
    expect(ok).toBe(30_000);
    const shared = new TokenBucket(10, 10, 0);
    const a = new SnsTopic(sim, 'a', { sharedQuota: shared });
    const b = new SnsTopic(sim, 'b', { sharedQuota: shared });
    for (let i = 0; i < 6; i++) {
      a.publish();
      b.publish();
    }
    expect(a.stats().published + b.stats().published).toBe(10);
  });
});
