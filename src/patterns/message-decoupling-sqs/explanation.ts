import type { ChartSpec, Explanation, FlowSpec } from '../../kit';

/** The seed's points about decoupling, in the project's own words. */
export const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'The front half of the payment (gateway, Customer function, customer database) answers the user straight away with a request id. ' +
    'The transaction itself is handed to an SQS queue, and the Sales function works through it later at its own pace.',
  whenToUse: [
    'You want services that can fail, slow down or be redeployed without taking their callers with them.',
    'Not every step has to finish inside one request: part of the work can safely happen a little later.',
    'The downstream side cannot absorb the incoming transactions per second; a queue lets it catch up when resources allow.',
  ],
  tradeOffs: [
    'The user hears "accepted", not "done": the business transaction is still in progress after the response, so failures after that point must be handled without the user (retries, a dead-letter queue, alerts).',
    'A backlog hides overload instead of refusing it: watch the queue depth and the age of the oldest message, or work finishes hours late.',
    'Delivery is at least once and retries repeat work: the Sales side must be idempotent.',
    'A failing message is retried only after its visibility timeout, and after maxReceiveCount receives it is parked in the DLQ until someone acts.',
  ],
  whatToTry: [
    {
      text: "Watch payments flow: each one is answered as soon as the Customer function has written it and queued the transaction, so the user's response time stays near the gateway and Customer latency (about 100 ms).",
      speed: 2,
      until: { afterS: 10 },
      expect: [
        { stat: { flow: 'response', percentile: 0.5 }, below: 150 },
        { stat: { ledger: 'completed' }, above: 50 },
      ],
    },
    {
      text: "Raise the payment rate to 40/s, about twice what Sales can process (2 concurrent batches of ~104 ms per message: about 19/s): the backlog and the oldest message's age climb, yet the user's latency does not move.",
      set: { paymentRate: 40 },
      until: { when: [{ stat: { node: 'salesQueue', stat: 'visible' }, above: 200 }], withinS: 60 },
      expect: [
        { stat: { node: 'salesQueue', stat: 'visible' }, rose: true },
        { stat: { node: 'salesQueue', stat: 'oldestAgeS' }, above: 3 },
        { stat: { flow: 'response', percentile: 0.5 }, below: 150 },
      ],
    },
    {
      text: 'Bring the rate back to 5/s and watch the backlog drain: Sales now has spare capacity to catch up.',
      set: { paymentRate: 5 },
      until: { when: [{ stat: { node: 'salesQueue', stat: 'visible' }, below: 5 }], withinS: 120 },
      expect: [{ stat: { node: 'salesQueue', stat: 'visible' }, fell: true }],
    },
    {
      text: 'Set the Sales error rate to 30%: the first messages reach the DLQ after about two minutes. One failing message fails its whole batch: with batches of 10, about 97% of batches fail (1 − 0.7¹⁰), so little gets through; failed messages return after the visibility timeout and land in the DLQ after maxReceiveCount receives. Batch size 1 shows the difference.',
      set: { salesErrorRate: 30 },
      speed: 20,
      until: { when: [{ stat: { node: 'salesDlq', stat: 'visible' }, above: 0 }], withinS: 300 },
      expect: [
        { stat: { node: 'sales', stat: 'errors' }, rose: true },
        { stat: { ledger: 'deadLettered' }, above: 0 },
      ],
    },
    {
      text: 'Turn on "Without the queue" at 40 payments/s (errors off): now the user waits for Sales, and gets a 429 whenever Sales has no free concurrency.',
      set: { withoutQueue: true, paymentRate: 40, salesErrorRate: 0 },
      until: { afterS: 10 },
      expect: [{ stat: { node: 'user', stat: 'throttled' }, above: 50 }],
    },
    {
      text: 'Back with the queue, give Sales a concurrency of 10: the same 40/s is absorbed and the backlog stays near zero. Decoupling let you choose how much capacity to pay for.',
      set: { withoutQueue: false, salesConcurrency: 10, salesErrorRate: 0, paymentRate: 40 },
      until: { afterS: 30 },
      expect: [
        { stat: { node: 'salesQueue', stat: 'visible' }, below: 40 },
        { stat: { node: 'user', stat: 'throttled' }, below: 1 },
      ],
    },
  ],
};

/** End-to-end paths measured for the CLI and the charts. */
export const flows: FlowSpec[] = [
  {
    id: 'response',
    label: 'User response',
    description: "From the user's request until the user has the response (any status).",
    measure: { kind: 'response', node: 'user' },
  },
  {
    id: 'payment',
    label: 'Payment recorded',
    description: "From the user's request until the sales database has the transaction.",
    measure: { kind: 'reached', node: 'salesDb' },
  },
  {
    id: 'deadLettered',
    label: 'Payment dead-lettered',
    description:
      "From the user's request until the payment was parked in the dead-letter queue after maxReceiveCount receives.",
    measure: { kind: 'ended', fate: 'deadLettered' },
  },
];

/** Charts of the pattern; each series names where its numbers come from. */
export const charts: ChartSpec[] = [
  {
    id: 'throughput',
    title: 'Payments in / processed',
    unit: 'msg/s',
    series: [
      {
        id: 'rateIn',
        label: 'in',
        color: '#64748b',
        source: { node: 'user', stat: 'sent', rate: true },
      },
      {
        id: 'rateOut',
        label: 'recorded in sales DB',
        color: '#16a34a',
        source: { flow: 'payment', rate: true },
      },
    ],
  },
  {
    id: 'backlog',
    visibleWhen: { param: 'withoutQueue', equals: false },
    title: 'Queue backlog',
    unit: 'messages',
    series: [
      {
        id: 'backlog',
        label: 'visible',
        color: '#e7157b',
        source: { node: 'salesQueue', stat: 'visible' },
      },
      {
        id: 'inFlight',
        label: 'in flight',
        color: '#f59e0b',
        source: { node: 'salesQueue', stat: 'inFlight' },
      },
    ],
  },
  {
    id: 'oldest',
    visibleWhen: { param: 'withoutQueue', equals: false },
    title: 'Age of oldest message',
    unit: 's',
    series: [
      {
        id: 'oldestAgeS',
        label: 'oldest',
        color: '#e7157b',
        source: { node: 'salesQueue', stat: 'oldestAgeS' },
      },
    ],
  },
  {
    id: 'latency',
    title: 'User response time',
    unit: 'ms',
    series: [
      {
        id: 'responseP50',
        label: 'p50',
        color: '#8c4fff',
        source: { flow: 'response', percentile: 0.5 },
      },
      {
        id: 'responseP95',
        label: 'p95',
        color: '#c084fc',
        source: { flow: 'response', percentile: 0.95 },
      },
      {
        id: 'responseP99',
        label: 'p99',
        color: '#f0abfc',
        source: { flow: 'response', percentile: 0.99 },
      },
    ],
  },
  {
    id: 'errors',
    title: 'Errors and throttles',
    unit: 'per s',
    series: [
      {
        id: 'salesErrors',
        label: 'Sales errors',
        color: '#f59e0b',
        source: { node: 'sales', stat: 'errors', rate: true },
      },
      {
        id: 'userErrors',
        label: 'user 5xx',
        color: '#dc2626',
        source: { node: 'user', stat: 'serverErrors', rate: true },
      },
      {
        id: 'throttles',
        label: 'user 429',
        color: '#8c4fff',
        source: { node: 'user', stat: 'throttled', rate: true },
      },
      {
        id: 'lost',
        label: 'payments lost',
        color: '#7f1d1d',
        source: { ledger: 'lost', rate: true },
      },
    ],
  },
  {
    id: 'dlq',
    visibleWhen: {
      all: [
        { param: 'withoutQueue', equals: false },
        { param: 'dlqEnabled', equals: true },
      ],
    },
    title: 'Dead-letter queue',
    unit: 'messages',
    series: [
      {
        id: 'dlqDepth',
        label: 'in DLQ',
        color: '#b91c1c',
        source: { node: 'salesDlq', stat: 'visible' },
      },
    ],
  },
];
