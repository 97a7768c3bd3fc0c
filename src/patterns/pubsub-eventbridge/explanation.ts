import type { ChartSpec, Explanation, FlowSpec } from '../../kit';

/** The seed's points about pub/sub with EventBridge, in the project's own words. */
export const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'The Payments function puts one event per payment on the default event bus, shaped {type, source, …}. Rules on the bus decide who gets what: a rule for type "Sales" sends it to the Customer and Sales functions, a rule for type "Email" to an SNS topic that emails it.',
  whenToUse: [
    'Many kinds of event, each wanted by different services: routing by content is configuration, not code.',
    "Targets should get only what concerns them (a rule's input transformer trims the event).",
    'Producers and consumers change independently; adding a rule touches neither.',
  ],
  tradeOffs: [
    "EventBridge retries a target for up to 24 hours and 185 attempts, but only while it cannot hand the event over: a Lambda target accepts at once and then fails on its own, where only Lambda's two retries apply.",
    'An event no rule matches is accepted and goes nowhere: the publisher cannot tell.',
    "A typo in a rule's pattern silently stops a flow of events; test patterns against real events.",
    'The bus has a rate quota (PutEvents); past it publishers are throttled.',
  ],
  whatToTry: [
    {
      text: 'Watch events arrive on the bus: each reaches only the targets whose rule matches; the grey marks are deliveries a rule filtered out.',
      speed: 2,
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'bus', stat: 'matched' }, above: 50 },
        { stat: { node: 'bus', stat: 'filtered' }, above: 0 },
      ],
    },
    {
      text: 'Switch to one kind of event with three rules (the run starts again): every rule matches every payment, and each target gets only the fields its rule passes on.',
      set: { eventStyle: 'single' },
      speed: 2,
      until: { afterS: 10 },
      expect: [{ stat: { node: 'bus', stat: 'matched' }, above: 200 }],
    },
    {
      text: 'Take Sales down: its events are accepted by Lambda and lost after two retries (1 and 2 minutes): EventBridge never knew anything failed.',
      set: { eventStyle: 'typed', salesUp: false },
      speed: 20,
      until: {
        when: [{ stat: { node: 'sales', stat: 'asyncDroppedRetriesExhausted' }, above: 0 }],
        withinS: 300,
      },
      expect: [
        { stat: { node: 'bus', stat: 'lost' }, below: 1 },
        { stat: { ledger: 'lost' }, above: 0 },
      ],
    },
    {
      text: 'Take the mail server down: the SNS email subscription keeps retrying; after about 6.8 hours the emails are lost.',
      set: { salesUp: true, emailUp: false },
      speed: 20,
      until: { when: [{ stat: { node: 'emailTopic', stat: 'inRetry' }, above: 50 }], withinS: 120 },
      expect: [{ stat: { node: 'emailTopic', stat: 'inRetry' }, rose: true }],
    },
    {
      text: 'Lower the PutEvents quota below the payment rate: the bus throttles, the Payments function fails, and the user sees 502s.',
      set: { emailUp: true, putEventsPerSecond: 5, publishRate: 10 },
      speed: 2,
      until: { when: [{ stat: { node: 'user', stat: 'serverErrors' }, above: 20 }], withinS: 60 },
      expect: [
        { stat: { node: 'bus', stat: 'throttled' }, rose: true },
        { stat: { node: 'user', stat: 'serverErrors' }, rose: true },
      ],
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
    id: 'events',
    title: 'Events on the bus',
    unit: 'msg/s',
    series: [
      {
        id: 'events',
        label: 'events',
        color: '#64748b',
        source: { node: 'bus', stat: 'events', rate: true },
      },
      {
        id: 'delivered',
        label: 'delivered to targets',
        color: '#16a34a',
        source: { node: 'bus', stat: 'delivered', rate: true },
      },
      {
        id: 'unmatched',
        label: 'no rule matched',
        color: '#a1a1aa',
        source: { node: 'bus', stat: 'unmatched', rate: true },
      },
    ],
  },
  {
    id: 'retrying',
    title: 'Waiting for a retry',
    unit: 'messages',
    series: [
      {
        id: 'busRetrying',
        label: 'EventBridge',
        color: '#f59e0b',
        source: { node: 'bus', stat: 'inRetry' },
      },
      {
        id: 'salesQueued',
        label: 'Sales async queue',
        color: '#ed7100',
        source: { node: 'sales', stat: 'asyncQueued' },
      },
      {
        id: 'emailRetrying',
        label: 'SNS email',
        color: '#e7157b',
        source: { node: 'emailTopic', stat: 'inRetry' },
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
    title: 'Response time',
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
