import type { GraphEdge, GraphNode } from '../../kit';

const INTERNET = { kind: 'lognormal', mean: 25, cv: 0.3 } as const;
const coldStart = { kind: 'lognormal', mean: 300, cv: 0.2 };

/** A subscriber function: down means every invocation fails (its dependency is gone). */
const subscriber = (id: 'customer' | 'sales') => ({
  duration: { kind: 'lognormal', mean: { $param: `${id}DurationMs` }, cv: 0.5 },
  errorRate: {
    $if: { param: `${id}Up`, equals: false },
    then: 1,
    else: { $param: `${id}ErrorRate`, times: 0.01 },
  },
  coldStart,
  timeoutMs: 10_000,
});

/** The seed's "Pub/Sub with SNS" diagram, redrawn. */
export const nodes: GraphNode[] = [
  {
    id: 'user',
    kind: 'user',
    label: 'User',
    sublabel: 'Make payment',
    position: { x: 0, y: 200 },
    config: {
      pattern: { $param: 'arrivalPattern' },
      ratePerS: { $param: 'publishRate' },
      payloads: [
        { weight: { $param: 'mixCustomer' }, body: { type: 'Customer', source: 'payments' } },
        { weight: { $param: 'mixSales' }, body: { type: 'Sales', source: 'payments' } },
        { weight: { $param: 'mixRefunds' }, body: { type: 'Customer', source: 'refunds' } },
      ],
    },
  },
  {
    id: 'api',
    kind: 'apiGateway',
    label: 'API Gateway',
    sublabel: '/payments',
    position: { x: 220, y: 200 },
    config: { overhead: { kind: 'lognormal', mean: 3, cv: 0.3 } },
  },
  {
    id: 'payments',
    kind: 'lambda',
    label: 'Lambda "Payments"',
    position: { x: 460, y: 200 },
    config: { duration: { kind: 'lognormal', mean: 15, cv: 0.5 }, coldStart, timeoutMs: 10_000 },
  },
  {
    id: 'topic',
    kind: 'sns',
    label: 'SNS topic "Payments"',
    position: { x: 720, y: 200 },
    config: { publishRateLimitPerS: 30_000 },
  },
  {
    id: 'customer',
    kind: 'lambda',
    label: 'Lambda "Customer"',
    position: { x: 980, y: 40 },
    config: subscriber('customer'),
  },
  {
    id: 'customerDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'customer database',
    position: { x: 1220, y: 40 },
    config: { maxConnections: 1000, queryLatency: { kind: 'lognormal', mean: 4, cv: 0.3 } },
  },
  {
    id: 'sales',
    kind: 'lambda',
    label: 'Lambda "Sales"',
    position: { x: 980, y: 220 },
    config: subscriber('sales'),
  },
  {
    id: 'salesDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'sales database',
    position: { x: 1220, y: 220 },
    config: { maxConnections: 1000, queryLatency: { kind: 'lognormal', mean: 4, cv: 0.3 } },
  },
  {
    id: 'email',
    kind: 'email',
    label: 'Email',
    sublabel: 'subscriber',
    position: { x: 980, y: 400 },
    config: {
      available: { $param: 'emailUp' },
      errorRate: { $param: 'emailErrorRate', times: 0.01 },
      duration: { kind: 'lognormal', mean: 200, cv: 0.5 },
    },
  },
  {
    id: 'emailDlq',
    kind: 'sqs',
    label: 'SQS "Email-DLQ"',
    sublabel: 'subscription DLQ',
    role: 'deadLetterQueue',
    position: { x: 1220, y: 400 },
    visibleWhen: { param: 'emailDlq', equals: true },
    config: { retentionMs: 14 * 86_400_000 },
  },
];

export const edges: GraphEdge[] = [
  {
    id: 'userToApi',
    source: 'user',
    target: 'api',
    kind: 'sync',
    label: 'Make payment',
    latency: INTERNET,
  },
  { id: 'apiToPayments', source: 'api', target: 'payments', kind: 'sync', label: 'Invoke' },
  {
    id: 'paymentsToTopic',
    source: 'payments',
    target: 'topic',
    kind: 'async',
    label: 'Publish payment + transaction',
  },
  {
    id: 'topicToCustomer',
    source: 'topic',
    target: 'customer',
    kind: 'subscription',
    label: 'Lambda subscription',
    config: { protocol: 'lambda' },
  },
  {
    id: 'topicToSales',
    source: 'topic',
    target: 'sales',
    kind: 'subscription',
    label: 'Lambda subscription',
    config: { protocol: 'lambda' },
  },
  {
    id: 'topicToEmail',
    source: 'topic',
    target: 'email',
    kind: 'subscription',
    label: 'type = Customer, source = payments',
    config: { protocol: 'email', filterPolicyScope: 'MessageAttributes' },
    filterPolicy: { type: ['Customer'], source: ['payments'] },
  },
  {
    id: 'emailToDlq',
    source: 'topic',
    target: 'emailDlq',
    kind: 'redrive',
    label: 'undeliverable email',
    config: { subscription: 'topicToEmail' },
  },
  { id: 'customerToDb', source: 'customer', target: 'customerDb', kind: 'write', label: 'Update' },
  { id: 'salesToDb', source: 'sales', target: 'salesDb', kind: 'write', label: 'Update' },
];
