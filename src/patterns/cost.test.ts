/**
 * The monthly bill of the registered patterns (the cost model is src/kit/cost.ts; its own unit
 * tests are beside it): a bill worked out by hand for one fixed scenario, and a sound bill for
 * every pattern.
 */
import { describe, expect, it } from 'vitest';
import { costOf } from '../kit/cost';
import { createRun, defaultParams, findPattern, patterns, resolveParams } from './index';
import type { RunSummary } from './runtime';

const runOf = (id: string, set: Record<string, string>, seconds: number, seed = 1) => {
  const pattern = findPattern(id);
  if (!pattern) throw new Error(`no pattern ${id}`);
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  const run = createRun(pattern, values, { seed });
  run.advanceTo(seconds * 1000);
  return run;
};

const itemOf = (s: RunSummary, node: string, what: string) => {
  const found = s.cost.items.find((i) => i.node === node && i.item === what);
  if (!found) throw new Error(`no item "${what}" for ${node}`);
  return found;
};

/** A stat that must be there. */
const stat = (s: RunSummary, node: string, key: string): number => {
  const v = s.nodes[node]?.[key];
  if (v === undefined) throw new Error(`no ${node}.${key}`);
  return v;
};

describe('message-decoupling-sqs, seed 1, 600 s, defaults: the bill by hand', () => {
  const s = runOf('message-decoupling-sqs', {}, 600).summary();
  // The run's rate carried over a 30-day month: 2,592,000 s / 600 s.
  const k = (30 * 24 * 3600) / 600;
  const M = 1_000_000;

  it('counts what AWS bills, consistently with the rest of the summary', () => {
    const requests = stat(s, 'api', 'requests');
    expect(requests).toBeGreaterThan(5000); // about 10 payments a second
    expect(stat(s, 'api', 'throttled')).toBe(0);
    expect(stat(s, 'api', 'billedRequests')).toBe(requests);
    expect(stat(s, 'customer', 'invocations')).toBe(requests);
    expect(stat(s, 'salesQueue', 'sent')).toBe(requests);
    // Sales: one invocation per batch; one ReceiveMessage at least per batch (more for the empty
    // long polls); one DeleteMessageBatch per batch of at most 10.
    const batches = stat(s, 'sales', 'batches');
    expect(stat(s, 'sales', 'invocations')).toBe(batches);
    expect(stat(s, 'salesQueue', 'receiveRequests')).toBeGreaterThanOrEqual(batches);
    expect(stat(s, 'salesQueue', 'deleteRequests')).toBe(batches);
    expect(stat(s, 'salesQueue', 'deleted')).toBeGreaterThanOrEqual(batches);
    // Execution time is the mean concurrency over the run (rounded to 0.01 in the summary).
    for (const fn of ['customer', 'sales'])
      expect(
        Math.abs(stat(s, fn, 'busyS') - stat(s, fn, 'meanConcurrency') * 600),
      ).toBeLessThanOrEqual(0.005 * 600);
  });

  it('matches the bill worked out from the counters and the prices', () => {
    const n = (node: string, key: string) => stat(s, node, key);
    // API Gateway, REST: $3.50 per million requests.
    const api = ((n('api', 'billedRequests') * k) / M) * 3.5;
    // Lambda: $0.20 per million requests; $0.0000166667 per GB-second (x86), 128 MB = 0.125 GB.
    const lambda = (fn: string) => ({
      requests: ((n(fn, 'invocations') * k) / M) * 0.2,
      compute: n(fn, 'busyS') * 0.125 * k * 0.0000166667,
    });
    const customer = lambda('customer');
    const sales = lambda('sales');
    // SQS standard: $0.40 per million requests (sends, receives, batch deletes).
    const sqs = (q: string, key: string) => ((n(q, key) * k) / M) * 0.4;
    // Aurora: one db.r6g.large, $0.26 an hour, 720 hours, whatever the traffic.
    const aurora = 0.26 * 720;

    expect(itemOf(s, 'api', 'requests').monthlyUsd).toBeCloseTo(api, 3);
    expect(itemOf(s, 'customer', 'requests').monthlyUsd).toBeCloseTo(customer.requests, 3);
    expect(itemOf(s, 'customer', 'compute (128 MB, x86_64)').monthlyUsd).toBeCloseTo(
      customer.compute,
      3,
    );
    expect(itemOf(s, 'sales', 'requests').monthlyUsd).toBeCloseTo(sales.requests, 3);
    expect(itemOf(s, 'sales', 'compute (128 MB, x86_64)').monthlyUsd).toBeCloseTo(sales.compute, 3);
    const queue =
      sqs('salesQueue', 'sent') +
      sqs('salesQueue', 'receiveRequests') +
      sqs('salesQueue', 'deleteRequests');
    expect(itemOf(s, 'salesQueue', 'SendMessage requests').monthlyUsd).toBeCloseTo(
      sqs('salesQueue', 'sent'),
      3,
    );
    expect(itemOf(s, 'salesQueue', 'ReceiveMessage requests').monthlyUsd).toBeCloseTo(
      sqs('salesQueue', 'receiveRequests'),
      3,
    );
    expect(itemOf(s, 'salesQueue', 'DeleteMessageBatch requests').monthlyUsd).toBeCloseTo(
      sqs('salesQueue', 'deleteRequests'),
      3,
    );
    for (const db of ['customerDb', 'salesDb']) {
      const line = itemOf(s, db, 'db.r6g.large instance');
      expect(line.basis).toBe('fixed');
      expect(line.monthlyUsd).toBeCloseTo(aurora, 6);
    }
    const total =
      api +
      customer.requests +
      customer.compute +
      sales.requests +
      sales.compute +
      queue +
      0 + // the DLQ: nothing sent, nothing polled
      2 * aurora;
    expect(s.cost.total).toBeCloseTo(total, 2);
    expect(s.cost.items).toHaveLength(13); // 1 + 2 + 1 + 3 + 3 + 2 + 1
    expect(s.cost).toMatchObject({ currency: 'USD', region: 'us-east-1', measuredS: 600 });
  });
});

describe('cost, what is billed and what is not', () => {
  it('throttled API requests are not billed', () => {
    const s = runOf(
      'message-decoupling-sqs',
      { apiRateLimit: '2', apiBurst: '5', paymentRate: '10' },
      60,
    ).summary();
    const throttled = stat(s, 'api', 'throttled');
    expect(throttled).toBeGreaterThan(100);
    const billed = stat(s, 'api', 'billedRequests');
    expect(billed).toBe(stat(s, 'api', 'requests') - throttled);
    expect(itemOf(s, 'api', 'requests').quantity).toBeCloseTo(billed * (2_592_000 / 60), 0);
  });

  it('a warm-up leaves the counted execution time alone', () => {
    const pattern = findPattern('message-decoupling-sqs');
    if (!pattern) throw new Error('no pattern');
    const params = defaultParams(pattern);
    const plain = createRun(pattern, params, { seed: 4 });
    const warm = createRun(pattern, params, { seed: 4, warmUpMs: 30_000 });
    plain.advanceTo(90_000);
    warm.advanceTo(90_000);
    const a = plain.summary();
    const b = warm.summary();
    expect(stat(b, 'sales', 'busyS')).toBeCloseTo(stat(a, 'sales', 'busyS'), 6);
    expect(b.cost.total).toBeCloseTo(a.cost.total, 6);
  });

  it('without the queue there is no SQS to pay for', () => {
    const s = runOf('message-decoupling-sqs', { withoutQueue: 'true' }, 60).summary();
    expect(s.cost.items.filter((i) => i.service === 'Amazon SQS')).toEqual([]);
  });

  it('pub/sub with SNS: Lambda deliveries are free, email deliveries are charged', () => {
    const s = runOf('pubsub-sns', {}, 120).summary();
    const lambda = itemOf(s, 'topic', 'deliveries (lambda)');
    expect(lambda.quantity).toBeGreaterThan(0);
    expect(lambda.monthlyUsd).toBe(0);
    const email = itemOf(s, 'topic', 'deliveries (email)');
    const delivered = s.edges.topicToEmail?.delivered ?? 0;
    expect(delivered).toBeGreaterThan(0);
    expect(email.quantity).toBeCloseTo(delivered * (2_592_000 / 120), 0);
    expect(email.monthlyUsd).toBeCloseTo((email.quantity / 100_000) * 2, 3);
  });

  it('message bus: SNS deliveries to SQS are free, the queues bill their requests', () => {
    const s = runOf('message-bus', {}, 120).summary();
    expect(itemOf(s, 'bus', 'deliveries (sqs)').monthlyUsd).toBe(0);
    expect(itemOf(s, 'queueB', 'SendMessage requests').monthlyUsd).toBeGreaterThan(0);
    expect(itemOf(s, 'consumerB', '1 × m5.large')).toMatchObject({ basis: 'fixed' });
  });
});

describe.each(patterns.map((p) => [p.id, p] as const))('pattern %s', (_id, pattern) => {
  it('has a monthly bill: positive, finite, the items added up', () => {
    const run = createRun(pattern, defaultParams(pattern), { seed: 1 });
    run.advanceTo(60_000);
    const { cost } = run.summary();
    expect(cost.currency).toBe('USD');
    expect(cost.total).toBeGreaterThan(0);
    expect(Number.isFinite(cost.total)).toBe(true);
    expect(cost.items.length).toBeGreaterThan(0);
    for (const i of cost.items) {
      for (const v of [i.quantity, i.unitPriceUsd, i.per, i.monthlyUsd])
        expect(Number.isNaN(v) || !Number.isFinite(v), `${i.node} ${i.item}`).toBe(false);
      expect(i.monthlyUsd).toBeGreaterThanOrEqual(0);
      expect(i.source).toMatch(/^https:\/\//);
    }
    const sum = cost.items.reduce((s, i) => s + i.monthlyUsd, 0);
    expect(cost.total).toBeCloseTo(sum, 3);
    // The same bill from the live run as from its summary.
    expect(costOf(pattern, run)).toEqual(cost);
  });
});
