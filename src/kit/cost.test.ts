/**
 * The cost model's own points, without a pattern (the bills of the registered patterns are
 * checked in src/patterns/cost.test.ts, since src/kit may not import src/patterns): SQS requests
 * counted as AWS counts them, SNS deliveries priced by protocol, tiers, and no NaN anywhere.
 */
import { describe, expect, it } from 'vitest';
import { Ec2Consumers, SqsQueue } from '../aws';
import { World } from '../engine';
import { costOf, HOURS_PER_MONTH, SECONDS_PER_MONTH, type CostSummary } from './cost';
import type { GraphEdge, GraphNode, PatternDefinition } from './definition';
import { PRICES } from './prices';

const DAY = 86_400_000;

/** A definition with only what the cost model reads: nodes, edges and parameters. */
function definition(nodes: GraphNode[], edges: GraphEdge[] = []): PatternDefinition {
  return {
    id: 'cost-test',
    title: 'cost test',
    seedDiagram: '',
    nodes,
    edges,
    params: [],
    flows: [],
    charts: [],
    explanation: {} as PatternDefinition['explanation'],
  };
}

const node = (id: string, kind: GraphNode['kind'], config?: GraphNode['config']): GraphNode => ({
  id,
  kind,
  label: id,
  position: { x: 0, y: 0 },
  ...(config ? { config } : {}),
});

const item = (c: CostSummary, nodeId: string, what: string) => {
  const found = c.items.find((i) => i.node === nodeId && i.item === what);
  if (!found) throw new Error(`no item "${what}" for ${nodeId}: ${JSON.stringify(c.items)}`);
  return found;
};

describe('SQS requests, as AWS counts them', () => {
  it('a ReceiveMessage of 10 messages is one request, a DeleteMessageBatch of 10 entries one', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 30_000, retentionMs: DAY });
    for (let i = 0; i < 25; i++) queue.send(world.ledger.create());
    let got: Parameters<Parameters<SqsQueue['receive']>[2]>[0] = [];
    queue.receive(10, 0, (batch) => (got = batch));
    expect(got).toHaveLength(10);
    expect(queue.stats()).toMatchObject({ sent: 25, received: 10, receiveRequests: 1 });
    const deleted: boolean[] = [];
    queue.deleteBatch(got, (_r, ok) => deleted.push(ok));
    expect(deleted).toEqual(new Array(10).fill(true));
    expect(queue.stats()).toMatchObject({ deleted: 10, deleteRequests: 1 });

    // 15 more in two receives (10 + 5); deleting them takes two batch requests (10 + 5).
    const rest: typeof got = [];
    queue.receive(10, 0, (b) => rest.push(...b));
    queue.receive(10, 0, (b) => rest.push(...b));
    queue.deleteBatch(rest, () => {});
    expect(queue.stats()).toMatchObject({ receiveRequests: 3, deleteRequests: 3, deleted: 25 });

    // An empty receive is a request too, and so is a single DeleteMessage.
    queue.receive(10, 0, () => {});
    expect(queue.stats().receiveRequests).toBe(4);
    queue.send(world.ledger.create());
    queue.receive(1, 0, (b) => queue.delete(b[0] as (typeof got)[number]));
    expect(queue.stats()).toMatchObject({ receiveRequests: 5, deleteRequests: 4, deleted: 26 });
  });

  it('a consumer that long-polls gets 10 waiting messages in one request and deletes them in one', () => {
    const world = new World({ seed: 1 });
    const queue = new SqsQueue(world, 'q', { visibilityTimeoutMs: 30_000, retentionMs: DAY });
    for (let i = 0; i < 10; i++) queue.send(world.ledger.create());
    const consumers = new Ec2Consumers(world, world.sim.rng.split('ec2'), queue, {
      instances: 1,
      batchSize: 10,
      apiLatencyMs: 5,
      messageDuration: { kind: 'constant', value: 1 },
    });
    consumers.start();
    world.sim.runUntil(1000);
    // One receive with the 10, one DeleteMessageBatch, then one long poll still waiting (20 s).
    expect(queue.stats()).toMatchObject({ deleted: 10, receiveRequests: 2, deleteRequests: 1 });
    // Empty long polls are billed: 20 s each, three a minute per polling thread.
    world.sim.runUntil(60_000 + 1000);
    expect(queue.stats().receiveRequests).toBe(2 + 3);
  });

  it('the bill counts sends, receives (empty ones too) and deletes at the request price', () => {
    const pattern = definition([node('q', 'sqs')]);
    const month = SECONDS_PER_MONTH;
    // Over a simulated month: 10 sends, 1 receive of 10, 1 empty receive, 1 batch delete.
    const c = costOf(pattern, {
      durationS: month,
      params: {},
      nodes: { q: { sent: 10, receiveRequests: 2, deleteRequests: 1 } },
    });
    expect(item(c, 'q', 'SendMessage requests').quantity).toBe(10);
    expect(item(c, 'q', 'ReceiveMessage requests').quantity).toBe(2);
    expect(item(c, 'q', 'DeleteMessageBatch requests').quantity).toBe(1);
    // A million each way over ten simulated seconds: 259.2 billion a month... at $0.40 a million.
    const busy = costOf(pattern, {
      durationS: 10,
      params: {},
      nodes: { q: { sent: 1e6, receiveRequests: 1e5, deleteRequests: 1e5 } },
    });
    const perMonth = month / 10;
    expect(busy.total).toBeCloseTo(((1e6 + 2e5) * perMonth * 0.4) / 1e6, 2);
  });
});

describe('SNS deliveries by protocol', () => {
  const pattern = definition(
    [
      node('topic', 'sns'),
      node('queue', 'sqs'),
      node('fn', 'lambda'),
      node('mail', 'email'),
      node('hook', 'email'), // an HTTPS endpoint stands in as any receiving node
    ],
    [
      { id: 'toQueue', source: 'topic', target: 'queue', kind: 'subscription' },
      { id: 'toFn', source: 'topic', target: 'fn', kind: 'subscription' },
      { id: 'toMail', source: 'topic', target: 'mail', kind: 'subscription' },
      {
        id: 'toHook',
        source: 'topic',
        target: 'hook',
        kind: 'subscription',
        config: { protocol: 'https' },
      },
    ],
  );
  const c = costOf(pattern, {
    durationS: SECONDS_PER_MONTH,
    params: {},
    nodes: {
      topic: { published: 1_000_000 },
      queue: { sent: 1_000_000, receiveRequests: 0, deleteRequests: 0 },
      fn: { invocations: 0, busyS: 0 },
      mail: {},
      hook: {},
    },
    edges: {
      toQueue: { delivered: 1_000_000 },
      toFn: { delivered: 1_000_000 },
      toMail: { delivered: 200_000, retried: 50_000 },
      toHook: { delivered: 1_000_000 },
    },
  });

  it('to SQS and Lambda are free; email and HTTP/S are charged', () => {
    expect(item(c, 'topic', 'deliveries (sqs)')).toMatchObject({
      quantity: 1_000_000,
      monthlyUsd: 0,
    });
    expect(item(c, 'topic', 'deliveries (lambda)')).toMatchObject({
      quantity: 1_000_000,
      monthlyUsd: 0,
    });
    // $2.00 per 100,000 emails: 200,000 → $4 (retried attempts are not counted).
    expect(item(c, 'topic', 'deliveries (email)')).toMatchObject({
      quantity: 200_000,
      monthlyUsd: 4,
    });
    // $0.60 per million HTTP/S deliveries.
    expect(item(c, 'topic', 'deliveries (https)').monthlyUsd).toBeCloseTo(0.6, 6);
    // The publish is charged once whatever the fan-out: $0.50 a million.
    expect(item(c, 'topic', 'publishes').monthlyUsd).toBeCloseTo(0.5, 6);
    // The SQS side of an SQS subscription is SQS's: SendMessage at $0.40 a million.
    expect(item(c, 'queue', 'SendMessage requests').monthlyUsd).toBeCloseTo(0.4, 6);
  });

  it('a subscription not part of the run costs nothing and is not listed', () => {
    const without = costOf(pattern, {
      durationS: SECONDS_PER_MONTH,
      params: {},
      nodes: { topic: { published: 10 } },
      edges: { toMail: { delivered: 10 } },
    });
    expect(without.items.map((i) => i.item)).toEqual(['publishes', 'deliveries (email)']);
  });
});

describe('the bill', () => {
  it('carries a run over a month at its rate, and bills instances for the whole month', () => {
    const pattern = definition([
      node('fn', 'lambda', { memoryMb: 512, architecture: 'arm64' }),
      node('api', 'apiGateway', { apiType: 'HTTP' }),
      node('db', 'aurora'),
      node('serverlessDb', 'aurora', { serverlessV2Acu: 2 }),
      node('worker', 'ec2', { instances: 3 }),
    ]);
    const c = costOf(pattern, {
      durationS: 60,
      params: {},
      nodes: {
        fn: { invocations: 600, busyS: 30 },
        api: { requests: 700, throttled: 100, billedRequests: 600 },
        db: {},
        serverlessDb: {},
        worker: {},
      },
    });
    const perMonth = SECONDS_PER_MONTH / 60; // 43,200
    expect(item(c, 'fn', 'requests').quantity).toBe(600 * perMonth);
    expect(item(c, 'fn', 'compute (512 MB, arm64)')).toMatchObject({
      quantity: 30 * 0.5 * perMonth,
      price: 'lambdaComputeArm',
    });
    expect(item(c, 'fn', 'compute (512 MB, arm64)').monthlyUsd).toBeCloseTo(
      30 * 0.5 * perMonth * 0.0000133334,
      3,
    );
    // HTTP API: $1.00 a million, throttled requests not billed.
    expect(item(c, 'api', 'requests')).toMatchObject({ quantity: 600 * perMonth });
    expect(item(c, 'api', 'requests').monthlyUsd).toBeCloseTo((600 * perMonth) / 1e6, 4);
    expect(item(c, 'db', 'db.r6g.large instance')).toMatchObject({
      quantity: 720,
      monthlyUsd: 187.2,
      basis: 'fixed',
    });
    expect(item(c, 'serverlessDb', 'Serverless v2, 2 ACU')).toMatchObject({
      quantity: 2 * HOURS_PER_MONTH,
      monthlyUsd: 172.8,
    });
    expect(item(c, 'worker', '3 × m5.large').monthlyUsd).toBeCloseTo(3 * 720 * 0.096, 4);
    const sum = c.items.reduce((s, i) => s + i.monthlyUsd, 0);
    expect(c.total).toBeCloseTo(sum, 4);
  });

  it('applies volume tiers where a price has them (Step Functions Express duration)', () => {
    const pattern = definition([node('sfn', 'stepFunctions', { workflowType: 'EXPRESS' })]);
    // 16 GB-s per second over a month: 41,472,000 GB-s, through all three tiers.
    const c = costOf(pattern, {
      durationS: 1,
      params: {},
      nodes: { sfn: { executions: 1, busyS: 256 } },
    });
    const gbs = 256 * (64 / 1024) * SECONDS_PER_MONTH;
    const expected =
      3_600_000 * 0.00001667 + 14_400_000 * 0.00000833 + (gbs - 18_000_000) * 0.00000456;
    expect(item(c, 'sfn', 'Express duration (64 MB)').monthlyUsd).toBeCloseTo(expected, 3);
  });

  it('a run of no simulated time bills only what runs whatever the traffic, and no NaN', () => {
    const pattern = definition([node('fn', 'lambda'), node('db', 'aurora'), node('q', 'sqs')]);
    const c = costOf(pattern, { durationS: 0, params: {}, nodes: { fn: {}, db: {}, q: {} } });
    for (const i of c.items) {
      for (const v of [i.quantity, i.monthlyUsd, i.unitPriceUsd])
        expect(Number.isFinite(v)).toBe(true);
      if (i.basis === 'rate') expect(i.monthlyUsd).toBe(0);
    }
    expect(c.total).toBe(187.2);
  });

  it('every price has its Region, the date it was read and a source page', () => {
    for (const [id, p] of Object.entries(PRICES)) {
      expect(p.region, id).toBe('us-east-1');
      expect(p.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source, id).toMatch(/^https:\/\//);
      expect(p.usd, id).toBeGreaterThanOrEqual(0);
      if (!p.verified) expect(p.note, id).toBeTruthy();
    }
  });
});
