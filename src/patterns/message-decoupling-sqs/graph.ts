import type { GraphEdge, GraphNode } from '../../kit';
import { INTERNET } from '../commonParts';

const withQueue = { param: 'withoutQueue', equals: false } as const;
const withoutQueue = { param: 'withoutQueue', equals: true } as const;
const withDlq = { all: [withQueue, { param: 'dlqEnabled', equals: true }] };

/** The Sales function's duration: its shape, mean and spread are parameters. */
const salesDuration = {
  kind: { $param: 'salesDurationShape' },
  mean: { $param: 'salesDurationMs' },
  cv: { $param: 'salesDurationCv' },
};
const coldStart = { kind: 'lognormal', mean: { $param: 'coldStartMs' }, cv: 0.2 };
/** Both Aurora databases answer in the same mean query time when idle. */
const dbQuery = { kind: 'lognormal', mean: { $param: 'dbQueryMs' }, cv: 0.3 };

/**
 * The seed's "Message decoupling with SQS" diagram, redrawn (plus the DLQ the text implies).
 * Node ids key the CLI's `nodes` object and the badges; edge ids are what hops refer to.
 */
export const nodes: GraphNode[] = [
  {
    id: 'user',
    kind: 'user',
    label: 'User',
    sublabel: 'Make payment',
    position: { x: 0, y: 120 },
    config: {
      pattern: { $param: 'arrivalPattern' },
      ratePerS: { $param: 'paymentRate' },
      burstLengthS: { $param: 'burstLengthS' },
      burstGapS: { $param: 'burstGapS' },
      rampFromPerS: { $param: 'rampFromRate' },
      rampDurationS: { $param: 'rampDurationS' },
      peakToTrough: { $param: 'peakToTrough' },
      dayCompression: { $param: 'dayCompression' },
    },
  },
  {
    id: 'api',
    kind: 'apiGateway',
    label: 'API Gateway',
    sublabel: '/payments',
    position: { x: 230, y: 120 },
    config: {
      rateLimitPerS: { $param: 'apiRateLimit' },
      burst: { $param: 'apiBurst' },
      integrationTimeoutMs: { $param: 'integrationTimeoutMs' },
      overhead: { kind: 'lognormal', mean: 3, cv: 0.3 },
    },
  },
  {
    id: 'customer',
    kind: 'lambda',
    label: 'Lambda "Customer"',
    position: { x: 480, y: 120 },
    handler: 'customer',
    config: {
      duration: { kind: 'lognormal', mean: { $param: 'customerDurationMs' }, cv: 0.5 },
      coldStart,
      timeoutMs: 30_000,
    },
  },
  {
    id: 'customerDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'customer database',
    position: { x: 480, y: 360 },
    config: {
      maxConnections: 1000,
      queryLatency: dbQuery,
      contention: 2,
      proxy: { $param: 'rdsProxy' },
    },
  },
  {
    id: 'salesQueue',
    kind: 'sqs',
    label: 'SQS "Sales"',
    sublabel: 'standard queue',
    position: { x: 780, y: 120 },
    visibleWhen: withQueue,
    config: {
      visibilityTimeoutMs: { $param: 'visibilityTimeoutS', times: 1000 },
      retentionMs: { $param: 'retentionS', times: 1000 },
      delayMs: { $param: 'deliveryDelayS', times: 1000 },
      maxReceiveCount: { $param: 'maxReceiveCount' },
    },
  },
  {
    id: 'salesDlq',
    kind: 'sqs',
    label: 'SQS "Sales-DLQ"',
    sublabel: 'dead-letter queue',
    role: 'deadLetterQueue',
    position: { x: 1060, y: 120 },
    visibleWhen: withDlq,
    config: { visibilityTimeoutMs: 30_000, retentionMs: 14 * 86_400_000 },
  },
  {
    id: 'sales',
    kind: 'lambda',
    label: 'Lambda "Sales"',
    position: { x: 780, y: 360 },
    config: {
      duration: salesDuration,
      errorRate: { $param: 'salesErrorRate', times: 0.01 },
      coldStart,
      timeoutMs: { $param: 'salesTimeoutS', times: 1000 },
      // Without the queue Sales' own reserve limits it; with the queue, the event source
      // mapping's MaximumConcurrency does (on the poll edge).
      reservedConcurrency: { $if: withoutQueue, then: { $param: 'salesConcurrency' }, else: null },
      provisionedConcurrency: { $param: 'salesProvisioned' },
    },
  },
  {
    id: 'salesDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'sales database',
    position: { x: 1060, y: 360 },
    config: {
      maxConnections: { $param: 'dbConnections' },
      queryLatency: dbQuery,
      contention: 2,
      proxy: { $param: 'rdsProxy' },
    },
  },
];

export const edges: GraphEdge[] = [
  {
    id: 'userToApi',
    source: 'user',
    target: 'api',
    kind: 'sync',
    label: '1 · Make payment',
    latency: INTERNET,
  },
  { id: 'apiToCustomer', source: 'api', target: 'customer', kind: 'sync', label: 'Invoke' },
  {
    id: 'customerToDb',
    source: 'customer',
    target: 'customerDb',
    kind: 'write',
    label: '2 · Payment details',
    sourceSide: 'bottom',
    targetSide: 'top',
  },
  {
    id: 'customerToQueue',
    source: 'customer',
    target: 'salesQueue',
    kind: 'async',
    label: '2 · Transaction details',
    visibleWhen: withQueue,
  },
  {
    id: 'queueToSales',
    source: 'salesQueue',
    target: 'sales',
    kind: 'poll',
    label: '3 · Read transactions',
    sourceSide: 'bottom',
    targetSide: 'top',
    visibleWhen: withQueue,
    config: {
      batchSize: { $param: 'batchSize' },
      batchWindowMs: { $param: 'batchWindowS', times: 1000 },
      maxConcurrency: { $param: 'salesConcurrency' },
      reportBatchItemFailures: { $param: 'reportBatchItemFailures' },
    },
  },
  {
    id: 'queueToDlq',
    source: 'salesQueue',
    target: 'salesDlq',
    kind: 'redrive',
    label: 'after maxReceiveCount',
    visibleWhen: withDlq,
  },
  {
    id: 'customerToSales',
    source: 'customer',
    target: 'sales',
    kind: 'sync',
    label: 'Invoke and wait',
    sourceSide: 'right',
    targetSide: 'left',
    visibleWhen: withoutQueue,
  },
  {
    id: 'salesToDb',
    source: 'sales',
    target: 'salesDb',
    kind: 'write',
    label: '3 · Update sales DB',
  },
];
