import type { GraphEdge, GraphNode, ParamCondition } from '../../kit';
import { COLD_START, downableFunction, INTERNET } from '../commonParts';

const typed: ParamCondition = { param: 'eventStyle', equals: 'typed' };
const single: ParamCondition = { param: 'eventStyle', equals: 'single' };

/** The retry policy every target gets, from the sliders. */
const retryPolicy = {
  maximumRetryAttempts: { $param: 'maximumRetryAttempts' },
  maximumEventAgeS: { $param: 'maximumEventAgeS' },
};

/** The type field every event carries: its own type, or "Payment" for the single-event option. */
const type = (own: string) => ({ $if: single, then: 'Payment', else: own });

/** The seed's "Pub/Sub with EventBridge" diagram, redrawn, with both of its options. */
export const nodes: GraphNode[] = [
  {
    id: 'user',
    kind: 'user',
    label: 'User',
    sublabel: 'Make payment',
    position: { x: 0, y: 220 },
    config: {
      pattern: 'poisson',
      ratePerS: { $param: 'publishRate' },
      payloads: [
        {
          weight: { $param: 'mixSales' },
          body: {
            type: type('Sales'),
            source: 'payments',
            customer: 'c-1',
            amount: 42,
            email: 'c-1@example.com',
          },
        },
        {
          weight: { $param: 'mixEmail' },
          body: {
            type: type('Email'),
            source: 'payments',
            customer: 'c-2',
            amount: 7,
            email: 'c-2@example.com',
          },
        },
        {
          weight: { $param: 'mixOther' },
          body: {
            type: type('Sales'),
            source: 'refunds',
            customer: 'c-3',
            amount: -5,
            email: 'c-3@example.com',
          },
        },
      ],
    },
  },
  {
    id: 'api',
    kind: 'apiGateway',
    label: 'API Gateway',
    sublabel: '/payments',
    position: { x: 220, y: 220 },
  },
  {
    id: 'payments',
    kind: 'lambda',
    label: 'Lambda "Payments"',
    position: { x: 460, y: 220 },
    config: {
      duration: { kind: 'lognormal', mean: 15, cv: 0.5 },
      coldStart: COLD_START,
      timeoutMs: 10_000,
    },
  },
  {
    id: 'bus',
    kind: 'eventBridge',
    label: 'Default event bus',
    sublabel: 'events {type, source}',
    position: { x: 720, y: 220 },
    config: { putEventsPerSecond: { $param: 'putEventsPerSecond' } },
  },
  {
    id: 'customer',
    kind: 'lambda',
    label: 'Lambda "Customer"',
    sublabel: 'target',
    position: { x: 1000, y: 40 },
    config: downableFunction('customer'),
  },
  {
    id: 'customerDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'customer database',
    position: { x: 1240, y: 40 },
  },
  {
    id: 'sales',
    kind: 'lambda',
    label: 'Lambda "Sales"',
    sublabel: 'target',
    position: { x: 1000, y: 220 },
    config: downableFunction('sales'),
  },
  {
    id: 'salesDb',
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'sales database',
    position: { x: 1240, y: 220 },
  },
  {
    id: 'emailTopic',
    kind: 'sns',
    label: 'SNS "Email"',
    sublabel: 'target',
    position: { x: 1000, y: 400 },
  },
  {
    id: 'email',
    kind: 'email',
    label: 'Email',
    position: { x: 1240, y: 400 },
    config: {
      available: { $param: 'emailUp' },
      errorRate: { $param: 'emailErrorRate', times: 0.01 },
    },
  },
  {
    id: 'salesDlq',
    kind: 'sqs',
    label: 'SQS "Sales-target-DLQ"',
    sublabel: 'target dead-letter queue',
    role: 'deadLetterQueue',
    position: { x: 1240, y: 580 },
    visibleWhen: { param: 'salesDlq', equals: true },
    config: { retentionMs: 14 * 86_400_000 },
  },
];

const salesPattern = { source: ['payments'], detail: { type: ['Sales'] } };
const emailPattern = { source: ['payments'], detail: { type: ['Email'] } };
const paymentPattern = { source: ['payments'], detail: { type: ['Payment'] } };

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
  { id: 'paymentsToBus', source: 'payments', target: 'bus', kind: 'async', label: 'PutEvents' },
  // Option 1: events of different types, each picked up by the rule for its type.
  {
    id: 'busToCustomer',
    source: 'bus',
    target: 'customer',
    kind: 'rule',
    label: 'rule "Sales": type = Sales, source = payments',
    visibleWhen: typed,
    config: { rule: 'Sales', ...retryPolicy },
    eventPattern: salesPattern,
  },
  {
    id: 'busToSales',
    source: 'bus',
    target: 'sales',
    kind: 'rule',
    label: 'rule "Sales"',
    visibleWhen: typed,
    config: { rule: 'Sales', ...retryPolicy },
    eventPattern: salesPattern,
  },
  {
    id: 'busToEmail',
    source: 'bus',
    target: 'emailTopic',
    kind: 'rule',
    label: 'rule "Email": type = Email, source = payments',
    visibleWhen: typed,
    config: { rule: 'Email', ...retryPolicy },
    eventPattern: emailPattern,
  },
  // Option 2: one kind of event, three rules, each passing its target only what it needs.
  {
    id: 'busToCustomerSingle',
    source: 'bus',
    target: 'customer',
    kind: 'rule',
    label: 'rule "ToCustomer" → {customer}',
    visibleWhen: single,
    config: {
      rule: 'ToCustomer',
      ...retryPolicy,
      inputTransformer: {
        InputPathsMap: { customer: '$.detail.customer' },
        InputTemplate: '{"customer": <customer>}',
      },
    },
    eventPattern: paymentPattern,
  },
  {
    id: 'busToSalesSingle',
    source: 'bus',
    target: 'sales',
    kind: 'rule',
    label: 'rule "ToSales" → {customer, amount}',
    visibleWhen: single,
    config: {
      rule: 'ToSales',
      ...retryPolicy,
      inputTransformer: {
        InputPathsMap: { customer: '$.detail.customer', amount: '$.detail.amount' },
        InputTemplate: '{"customer": <customer>, "amount": <amount>}',
      },
    },
    eventPattern: paymentPattern,
  },
  {
    id: 'busToEmailSingle',
    source: 'bus',
    target: 'emailTopic',
    kind: 'rule',
    label: 'rule "ToEmail" → {email}',
    visibleWhen: single,
    config: {
      rule: 'ToEmail',
      ...retryPolicy,
      inputTransformer: {
        InputPathsMap: { email: '$.detail.email' },
        InputTemplate: '{"email": <email>}',
      },
    },
    eventPattern: paymentPattern,
  },
  {
    id: 'salesToDlq',
    source: 'bus',
    target: 'salesDlq',
    kind: 'redrive',
    label: 'failed Sales events',
    config: { target: { $if: single, then: 'busToSalesSingle', else: 'busToSales' } },
  },
  { id: 'customerToDb', source: 'customer', target: 'customerDb', kind: 'write', label: 'Update' },
  { id: 'salesToDb', source: 'sales', target: 'salesDb', kind: 'write', label: 'Update' },
  {
    id: 'emailTopicToEmail',
    source: 'emailTopic',
    target: 'email',
    kind: 'subscription',
    label: 'email subscription',
    config: { protocol: 'email' },
  },
];
