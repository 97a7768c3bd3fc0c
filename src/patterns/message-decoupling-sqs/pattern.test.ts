import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRun, defaultParams, resolveParams } from '../index';
import type { ParamValues } from '../types';
import { messageDecouplingSqs as pattern } from './index';

const run = (set: Record<string, string>, seconds: number, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  const r = createRun(pattern, values, { seed });
  r.advanceTo(seconds * 1000);
  return r;
};

const balanced = (s: ReturnType<ReturnType<typeof run>['summary']>) => {
  const dropped = Object.values(s.ledger.dropped).reduce((a, b) => a + (b ?? 0), 0);
  return (
    s.ledger.completed + s.ledger.deadLettered + dropped + s.ledger.inSystem === s.ledger.created
  );
};

describe('message-decoupling-sqs: determinism', () => {
  it('same parameters and seed give an identical trace; another seed a different one', () => {
    const a = run({ paymentRate: '30', salesErrorRate: '10' }, 120, 9);
    const b = run({ paymentRate: '30', salesErrorRate: '10' }, 120, 9);
    const c = run({ paymentRate: '30', salesErrorRate: '10' }, 120, 10);
    expect(a.world.sim.fingerprint()).toBe(b.world.sim.fingerprint());
    expect(a.summary()).toEqual(b.summary());
    expect(c.world.sim.fingerprint()).not.toBe(a.world.sim.fingerprint());
  });
});

describe('message-decoupling-sqs: the ledger', () => {
  it('balances for any parameters, with and without the queue', () => {
    const numeric = pattern.params.filter((s) => s.kind === 'number');
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(
            numeric.map((s) => [
              s.id,
              fc.double({
                min: s.min,
                max: Math.min(s.max, s.id === 'paymentRate' ? 300 : s.max),
                noNaN: true,
              }),
            ]),
          ),
        ),
        fc.boolean(),
        fc.constantFrom('poisson', 'constant', 'bursts'),
        fc.nat(1000),
        (nums, withoutQueue, arrivalPattern, seed) => {
          // Whole-number parameters take whole numbers, as their sliders and links do.
          const whole = Object.fromEntries(
            Object.entries(nums).map(([id, v]) => {
              const spec = numeric.find((s) => s.id === id);
              return [id, spec && spec.step >= 1 ? Math.round(v) : v];
            }),
          );
          const params: ParamValues = {
            ...defaultParams(pattern),
            ...whole,
            withoutQueue,
            arrivalPattern,
          };
          const r = createRun(pattern, params, { seed });
          r.advanceTo(20_000);
          expect(balanced(r.summary())).toBe(true);
          // Counted message by message, not derived from the totals.
          expect(r.world.ledger.countInSystem()).toBe(r.summary().ledger.inSystem);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("message-decoupling-sqs: the seed's points", () => {
  it("the user's response time stays low while Sales is slow or failing", () => {
    const calm = run({}, 120).summary().flows.response as { p95Ms: number };
    const slow = run({ salesDurationMs: '3000', salesErrorRate: '50' }, 120).summary().flows
      .response as { p95Ms: number };
    expect(slow.p95Ms).toBeLessThan(calm.p95Ms * 1.5);
    expect(slow.p95Ms).toBeLessThan(250);
  });

  it('faster arrivals than Sales can take grow the backlog and its age; they drain when the rate drops', () => {
    const r = run({ paymentRate: '40' }, 120);
    const at120 = r.nodeStats().salesQueue as Record<string, number>;
    r.advanceTo(240_000);
    const at240 = r.nodeStats().salesQueue as Record<string, number>;
    expect(at120.visible).toBeGreaterThan(1000);
    expect(at240.visible).toBeGreaterThan((at120.visible as number) * 1.5);
    expect(at240.oldestAgeS).toBeGreaterThan(at120.oldestAgeS as number);
    expect(r.update({ ...r.params, paymentRate: 2 })).toBe(true);
    r.advanceTo(800_000);
    expect((r.nodeStats().salesQueue as Record<string, number>).visible).toBeLessThan(20);
    expect(balanced(r.summary())).toBe(true);
  });

  it('failed messages are retried after the visibility timeout and end in the DLQ after maxReceiveCount', () => {
    const r = run(
      { salesErrorRate: '100', paymentRate: '2', visibilityTimeoutS: '15', maxReceiveCount: '3' },
      120,
    );
    const s = r.summary();
    const q = s.nodes.salesQueue as Record<string, number>;
    expect(s.ledger.deadLettered).toBeGreaterThan(150);
    expect(s.nodes.salesDlq?.visible).toBe(s.ledger.deadLettered);
    // Every dead-lettered message was received exactly maxReceiveCount times.
    expect(q.received).toBeGreaterThanOrEqual(3 * s.ledger.deadLettered);
    expect(s.ledger.completed).toBe(0);
  });

  it("without the queue, Sales' slowness, errors and throttles reach the caller", () => {
    const p50 = (s: ReturnType<ReturnType<typeof run>['summary']>) =>
      (s.flows.response as { p50Ms: number }).p50Ms;
    const slowQ = run({ salesDurationMs: '500', salesConcurrency: '20' }, 120).summary();
    const slowNoQ = run(
      { salesDurationMs: '500', salesConcurrency: '20', withoutQueue: 'true' },
      120,
    ).summary();
    expect(p50(slowNoQ)).toBeGreaterThan(p50(slowQ) + 400);

    const withQ = run({ paymentRate: '40', salesErrorRate: '10' }, 120).summary();
    const noQ = run(
      { paymentRate: '40', salesErrorRate: '10', withoutQueue: 'true' },
      120,
    ).summary();
    const u = noQ.nodes.user as Record<string, number>;
    expect(u.throttled).toBeGreaterThan(1000);
    expect(u.errors).toBeGreaterThan(100);
    // A few 429s may still be on their way back to the user at the end of the run.
    expect(Math.abs((noQ.ledger.dropped.throttled ?? 0) - (u.throttled as number))).toBeLessThan(
      10,
    );
    const uq = withQ.nodes.user as Record<string, number> & { errors: number; throttled: number };
    expect(uq.errors + uq.throttled).toBe(0);
  });

  it('the gateway throttles with 429 past its token bucket', () => {
    const s = run({ paymentRate: '200', apiRateLimit: '50', apiBurst: '100' }, 60).summary();
    const u = s.nodes.user as Record<string, number> & { throttled: number; sent: number };
    expect(u.throttled / u.sent).toBeGreaterThan(0.7);
    // Each refused payment's fate is settled when the 429 reaches the user.
    expect(s.ledger.dropped.throttled).toBe(u.throttledByGateway);
    expect(u.throttledByGateway).toBeGreaterThan((s.nodes.api?.throttled ?? 0) - 10);
  });

  it('a slow integration gets 504 at the gateway timeout', () => {
    const s = run({ customerDurationMs: '2000', integrationTimeoutMs: '1000' }, 60).summary();
    expect((s.nodes.user as Record<string, number>).timedOut).toBeGreaterThan(300);
  });
});

describe('message-decoupling-sqs: settings and results', () => {
  it('a reserve AWS would refuse is adjusted, said, and the run goes on', () => {
    const r = run({ withoutQueue: 'true', salesConcurrency: '1000', paymentRate: '20' }, 10);
    const s = r.summary();
    expect(s.notes.sales).toMatch(/fewer than 100 unreserved.*using 900/);
    expect(s.nodes.sales?.concurrencyLimit).toBe(900);
    expect(s.nodes.user?.ok).toBeGreaterThan(100);
  });

  it('a warm-up period is left out of the latencies', () => {
    const { values } = resolveParams(pattern, { coldStartMs: '5000' });
    const cold = createRun(pattern, values, { seed: 4 });
    const warm = createRun(pattern, values, { seed: 4, warmUpMs: 30_000 });
    cold.advanceTo(60_000);
    warm.advanceTo(60_000);
    const a = cold.summary();
    const b = warm.summary();
    expect(b.warmUpS).toBe(30);
    // Same run, fewer samples: the cold starts of the first seconds are not in the warm one.
    expect(b.ledger).toEqual(a.ledger);
    expect(b.flows.response!.count).toBeLessThan(a.flows.response!.count * 0.6);
    expect(b.flows.response!.p99Ms).toBeLessThan(a.flows.response!.p99Ms);
    // The queue's statistics start afresh too: the backlog of the cold start is left out.
    expect(b.nodes.salesQueue!.maxVisible).toBeLessThan(a.nodes.salesQueue!.maxVisible!);
    expect(b.nodes.salesQueue!.sent).toBe(a.nodes.salesQueue!.sent);
  });

  it('warns when the visibility timeout is shorter than the function timeout', () => {
    const s = run({ salesTimeoutS: '60', visibilityTimeoutS: '30' }, 5).summary();
    expect(s.notes.sales).toMatch(/visibility timeout is shorter than the function timeout/);
    expect(run({}, 5).summary().notes).toEqual({});
  });

  it('with an RDS Proxy the sales database makes queries wait instead of refusing them', () => {
    const set = {
      paymentRate: '200',
      salesConcurrency: '100',
      dbConnections: '2',
      dbQueryMs: '50',
    };
    const refused = run(set, 60).summary().nodes.salesDb!;
    const proxied = run({ ...set, rdsProxy: 'true' }, 60).summary().nodes.salesDb!;
    expect(refused.refused).toBeGreaterThan(100);
    expect(proxied.refused).toBe(0);
    expect(proxied.queries).toBeGreaterThan(refused.queries ?? 0);
  }, 60_000);

  it('without a DLQ, failing messages stay until retention ends and are then lost as expired', () => {
    const s = run(
      { dlqEnabled: 'false', salesErrorRate: '100', retentionS: '120', paymentRate: '5' },
      300,
    ).summary();
    expect(s.ledger.deadLettered).toBe(0);
    expect(s.nodes.salesDlq).toBeUndefined();
    expect(s.ledger.dropped.expired).toBeGreaterThan(400);
  }, 60_000);
});

describe('message-decoupling-sqs: golden run', () => {
  it('seed 42, 300 s, defaults but 25 payments/s and 5% errors', async () => {
    const s = run({ paymentRate: '25', salesErrorRate: '5' }, 300, 42).summary();
    await expect(JSON.stringify(s, null, 2) + '\n').toMatchFileSnapshot(
      '../../../test/golden/message-decoupling-sqs.json',
    );
  });
});
