import type { ChartSpec, Explanation, FlowSpec } from '../../kit';

/** The seed's points about pub/sub, in the project's own words. */
export const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'The Payments function publishes each payment once, to an SNS topic, and answers the user at once. SNS copies the message to every subscription: the Customer and Sales functions, and an email subscription whose filter policy only lets type "Customer" from source "payments" through.',
  whenToUse: [
    'Your architecture is driven by events: several services react to the same thing happening.',
    'Publisher and subscribers should not know about each other; adding a subscriber changes nothing upstream.',
    'Part of the work can finish after the answer to the caller (it is asynchronous).',
  ],
  tradeOffs: [
    "Delivery is not guaranteed for every kind of subscriber: a function that keeps failing drops the message after Lambda's two retries; an email endpoint is retried for about 6 hours and then given up.",
    'The publisher assumes someone is listening: its Publish succeeds even when a subscriber is down, filtered out, or gone, and it never hears of a lost message.',
    'A subscription with a dead-letter queue keeps what SNS could not deliver; without one, what is lost is gone.',
    'Filter policies move routing decisions into configuration: a typo in one silently stops deliveries.',
  ],
  whatToTry: [
    {
      text: 'Watch payments fan out: each one is published once and delivered to every subscription; grey marks on the email edge are messages its filter policy dropped.',
      speed: 2,
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'topic', stat: 'matched' }, above: 100 },
        { stat: { node: 'topic', stat: 'filtered' }, above: 0 },
      ],
    },
    {
      text: "Take the Sales function down. The user still gets answers at once and SNS still reports deliveries (Lambda accepted them), but after Lambda's retries (1 and 2 minutes) the messages land in Sales' graveyard: lost, and nobody upstream knows.",
      set: { salesUp: false },
      speed: 20,
      until: { when: [{ stat: { ledger: 'lost' }, above: 0 }], withinS: 300 },
      expect: [
        { stat: { node: 'topic', stat: 'delivered' }, rose: true },
        { stat: { node: 'user', stat: 'serverErrors' }, below: 1 },
        { stat: { node: 'sales', stat: 'asyncDroppedRetriesExhausted' }, above: 0 },
      ],
    },
    {
      text: 'Now take the mail server down too. SNS keeps retrying each email for about 6.8 hours: the retrying count grows, and once SNS gives up they are lost.',
      set: { emailUp: false },
      speed: 20,
      until: { when: [{ stat: { node: 'topic', stat: 'inRetry' }, above: 100 }], withinS: 120 },
      expect: [
        { stat: { node: 'topic', stat: 'inRetry' }, rose: true },
        { stat: { node: 'email', stat: 'refused' }, rose: true },
      ],
    },
    {
      text: 'Give the email subscription a dead-letter queue, at one payment every ten seconds (the run starts again). Nothing changes for 6.8 hours while SNS retries; then each email it gives up on is kept in the DLQ instead of being lost.',
      set: { emailDlq: true, emailUp: false, salesUp: true, publishRate: 0.1 },
      speed: 1000,
      until: { when: [{ stat: { node: 'emailDlq', stat: 'visible' }, above: 0 }], withinS: 30000 },
      expect: [
        { stat: { node: 'emailDlq', stat: 'visible' }, above: 0 },
        { stat: { node: 'topic', stat: 'lost' }, below: 1 },
      ],
    },
    {
      text: 'Send only refunds: the email filter wants source "payments", so every email delivery is filtered out. The publisher cannot tell.',
      set: {
        mixCustomer: 0,
        mixSales: 0,
        mixRefunds: 100,
        emailUp: true,
        salesUp: true,
        publishRate: 10,
      },
      speed: 2,
      until: { afterS: 10 },
      expect: [{ stat: { node: 'topic', stat: 'filtered' }, rose: true }],
    },
  ],
};

/** End-to-end paths measured for the CLI and the charts. */
export const flows: FlowSpec[] = [
  {
    id: 'response',
    label: 'User response',
    description: "From the user's request until the user has the answer.",
    measure: { kind: 'response', node: 'user' },
  },
  {
    id: 'salesRecorded',
    label: 'Sales recorded',
    description: 'From the request until the sales database has the payment.',
    measure: { kind: 'reached', node: 'salesDb' },
  },
  {
    id: 'emailed',
    label: 'Email delivered',
    description: 'From the request until the mail server accepted the email.',
    measure: { kind: 'reached', node: 'email' },
  },
];

/** The pattern's charts; each series names where its numbers come from. */
export const charts: ChartSpec[] = [
  {
    id: 'fanout',
    title: 'Published / delivered',
    unit: 'msg/s',
    series: [
      {
        id: 'published',
        label: 'published',
        color: '#64748b',
        source: { node: 'topic', stat: 'published', rate: true },
      },
      {
        id: 'delivered',
        label: 'delivered',
        color: '#16a34a',
        source: { node: 'topic', stat: 'delivered', rate: true },
      },
      {
        id: 'filtered',
        label: 'filtered out',
        color: '#a1a1aa',
        source: { node: 'topic', stat: 'filtered', rate: true },
      },
    ],
  },
  {
    id: 'retrying',
    title: 'Deliveries waiting for a retry',
    unit: 'messages',
    series: [
      {
        id: 'inRetry',
        label: 'SNS retrying',
        color: '#f59e0b',
        source: { node: 'topic', stat: 'inRetry' },
      },
      {
        id: 'salesQueued',
        label: 'Sales async queue',
        color: '#ed7100',
        source: { node: 'sales', stat: 'asyncQueued' },
      },
    ],
  },
  {
    id: 'lost',
    title: 'Lost deliveries',
    unit: 'total',
    series: [{ id: 'lostTotal', label: 'lost', color: '#b91c1c', source: { ledger: 'lost' } }],
  },
  {
    id: 'latency',
    title: 'Response and delivery time',
    unit: 'ms',
    series: [
      {
        id: 'responseP95',
        label: 'user p95',
        color: '#8c4fff',
        source: { flow: 'response', percentile: 0.95 },
      },
      {
        id: 'salesP95',
        label: 'sales DB p95',
        color: '#3b48cc',
        source: { flow: 'salesRecorded', percentile: 0.95 },
      },
    ],
  },
];
