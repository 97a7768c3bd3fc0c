import type { ChartSpec, Explanation, FlowSpec } from '../../kit';

/** The seed's points about the message bus, in the project's own words. */
export const explanation: Explanation = {
  messageNoun: 'event',
  summary:
    'Microservice A publishes each important event once, to an SNS topic that acts as the bus. The topic copies it into one SQS queue per consumer, and each consumer works through its own queue at its own pace.',
  whenToUse: [
    'Several services react to the same events, and the producer should not know who they are.',
    'A consumer may be slow, redeployed or down for a while without holding up the producer or the other consumers.',
    'You want each consumer to get every event (fan-out), with its own buffer and its own retries.',
  ],
  tradeOffs: [
    'Delivery is at least once: a consumer that fails after doing its work gets the message again, so its work must be idempotent.',
    'Each queue grows while its consumer is down or too slow; watch the backlog and the age of the oldest message, or it quietly turns into lost events once retention ends.',
    'There is no order across the queues, and a standard queue promises none inside one either.',
    'The producer learns nothing about the consumers: the bus hides a missing consumer as well as a healthy one.',
  ],
  whatToTry: [
    {
      text: 'Watch events flow: every event is copied to both queues, and both consumers keep up.',
      speed: 2,
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'queueB', stat: 'visible' }, below: 10 },
        { stat: { node: 'queueC', stat: 'visible' }, below: 10 },
        { stat: { node: 'consumerB', stat: 'processed' }, above: 100 },
      ],
    },
    {
      text: "Switch Microservice B off. Queue B grows by the publish rate every second, yet nothing is lost and C is not affected: the queue is B's buffer.",
      set: { consumerBUp: false },
      until: { afterS: 30 },
      expect: [
        { stat: { node: 'queueB', stat: 'visible' }, above: 400 },
        { stat: { node: 'queueC', stat: 'visible' }, below: 10 },
        { stat: { ledger: 'lost' }, below: 1 },
      ],
    },
    {
      text: 'Switch B back on: its instances work through the backlog and the age of the oldest message falls back to zero. More instances drain it faster.',
      set: { consumerBUp: true, consumerBInstances: 4 },
      until: {
        when: [
          { stat: { node: 'queueB', stat: 'visible' }, below: 5 },
          { stat: { node: 'queueB', stat: 'oldestAgeS' }, below: 1 },
        ],
        withinS: 120,
      },
      expect: [
        { stat: { node: 'queueB', stat: 'visible' }, fell: true },
        { stat: { node: 'queueB', stat: 'oldestAgeS' }, below: 1 },
      ],
    },
    {
      text: "Give C more events than it can take: at 20 events/s and 60 ms each, one instance handles about 16/s, so queue C grows slowly while B's stays empty. Add a second instance to C.",
      set: { consumerCInstances: 1, consumerCDurationMs: 60, publishRate: 20 },
      until: { afterS: 60 },
      expect: [
        { stat: { node: 'queueC', stat: 'visible' }, rose: true },
        { stat: { node: 'queueB', stat: 'visible' }, below: 10 },
      ],
    },
    {
      text: 'Now shorten the retention to 2 minutes and switch C off for longer: what is older than the retention period is deleted by SQS, and those events are lost for C alone.',
      set: { retentionS: 120, consumerCUp: false },
      until: { when: [{ stat: { node: 'queueC', stat: 'expired' }, above: 0 }], withinS: 300 },
      expect: [
        { stat: { node: 'queueC', stat: 'expired' }, rose: true },
        { stat: { node: 'queueB', stat: 'expired' }, below: 1 },
      ],
    },
  ],
};

/** End-to-end paths measured for the CLI and the charts. */
export const flows: FlowSpec[] = [
  {
    id: 'deliveredB',
    label: 'Handled by B',
    description:
      'From publish until Microservice B handled the event and deleted it from its queue.',
    measure: { kind: 'ended', fate: 'completed', node: 'consumerB' },
  },
  {
    id: 'deliveredC',
    label: 'Handled by C',
    description:
      'From publish until Microservice C handled the event and deleted it from its queue.',
    measure: { kind: 'ended', fate: 'completed', node: 'consumerC' },
  },
];

/** The pattern's charts; each series names where its numbers come from. */
export const charts: ChartSpec[] = [
  {
    id: 'throughput',
    title: 'Events published / handled',
    unit: 'msg/s',
    series: [
      {
        id: 'published',
        label: 'published',
        color: '#64748b',
        source: { node: 'provider', stat: 'produced', rate: true },
      },
      {
        id: 'handledB',
        label: 'handled by B',
        color: '#16a34a',
        source: { node: 'consumerB', stat: 'processed', rate: true },
      },
      {
        id: 'handledC',
        label: 'handled by C',
        color: '#0ea5e9',
        source: { node: 'consumerC', stat: 'processed', rate: true },
      },
    ],
  },
  {
    id: 'backlog',
    title: 'Queue backlogs',
    unit: 'messages',
    series: [
      {
        id: 'backlogB',
        label: 'queue B',
        color: '#e7157b',
        source: { node: 'queueB', stat: 'visible' },
      },
      {
        id: 'backlogC',
        label: 'queue C',
        color: '#f59e0b',
        source: { node: 'queueC', stat: 'visible' },
      },
    ],
  },
  {
    id: 'oldest',
    title: 'Age of oldest message',
    unit: 's',
    series: [
      {
        id: 'oldestB',
        label: 'queue B',
        color: '#e7157b',
        source: { node: 'queueB', stat: 'oldestAgeS' },
      },
      {
        id: 'oldestC',
        label: 'queue C',
        color: '#f59e0b',
        source: { node: 'queueC', stat: 'oldestAgeS' },
      },
    ],
  },
  {
    id: 'latency',
    title: 'Publish → handled',
    unit: 'ms',
    series: [
      {
        id: 'p95B',
        label: 'B p95',
        color: '#16a34a',
        source: { flow: 'deliveredB', percentile: 0.95 },
      },
      {
        id: 'p95C',
        label: 'C p95',
        color: '#0ea5e9',
        source: { flow: 'deliveredC', percentile: 0.95 },
      },
    ],
  },
  {
    id: 'lost',
    title: 'Events lost',
    unit: 'per s',
    series: [
      {
        id: 'lostRate',
        label: 'lost',
        color: '#b91c1c',
        source: { ledger: 'lost', rate: true },
      },
    ],
  },
];
