import type { GraphEdge, GraphNode } from '../../kit';

/** One consumer service: EC2 instances polling their own queue. */
const consumer = (id: 'B' | 'C') => ({
  instances: { $param: `consumer${id}Instances` },
  duration: { kind: 'lognormal', mean: { $param: `consumer${id}DurationMs` }, cv: 0.5 },
  errorRate: { $param: `consumer${id}ErrorRate`, times: 0.01 },
  running: { $param: `consumer${id}Up` },
});

/** The seed's "Message bus on AWS" diagram, redrawn. */
export const nodes: GraphNode[] = [
  {
    id: 'provider',
    kind: 'ec2',
    label: 'Microservice A',
    sublabel: 'provider',
    position: { x: 0, y: 180 },
    config: {
      pattern: { $param: 'arrivalPattern' },
      ratePerS: { $param: 'publishRate' },
      duration: { kind: 'lognormal', mean: 5, cv: 0.5 },
      payloads: [{ weight: 1, body: { type: 'ImportantEvent', source: 'microservice-a' } }],
    },
  },
  {
    id: 'bus',
    kind: 'sns',
    label: 'SNS topic',
    sublabel: 'the message bus',
    position: { x: 260, y: 180 },
    config: { publishRateLimitPerS: 30_000 },
  },
  {
    id: 'queueB',
    kind: 'sqs',
    label: 'SQS "B"',
    sublabel: 'standard queue',
    position: { x: 520, y: 60 },
    config: { retentionMs: { $param: 'retentionS', times: 1000 }, visibilityTimeoutMs: 30_000 },
  },
  {
    id: 'queueC',
    kind: 'sqs',
    label: 'SQS "C"',
    sublabel: 'standard queue',
    position: { x: 520, y: 300 },
    config: { retentionMs: { $param: 'retentionS', times: 1000 }, visibilityTimeoutMs: 30_000 },
  },
  {
    id: 'consumerB',
    kind: 'ec2',
    label: 'Microservice B',
    sublabel: 'consumer',
    position: { x: 780, y: 60 },
    config: consumer('B'),
  },
  {
    id: 'consumerC',
    kind: 'ec2',
    label: 'Microservice C',
    sublabel: 'consumer',
    position: { x: 780, y: 300 },
    config: consumer('C'),
  },
];

export const edges: GraphEdge[] = [
  {
    id: 'providerToBus',
    source: 'provider',
    target: 'bus',
    kind: 'async',
    label: 'Important event',
  },
  {
    id: 'busToQueueB',
    source: 'bus',
    target: 'queueB',
    kind: 'subscription',
    label: 'SQS subscription',
    config: { protocol: 'sqs', rawMessageDelivery: { $param: 'rawDelivery' } },
  },
  {
    id: 'busToQueueC',
    source: 'bus',
    target: 'queueC',
    kind: 'subscription',
    label: 'SQS subscription',
    config: { protocol: 'sqs', rawMessageDelivery: { $param: 'rawDelivery' } },
  },
  { id: 'queueBToConsumerB', source: 'queueB', target: 'consumerB', kind: 'poll', label: 'poll' },
  { id: 'queueCToConsumerC', source: 'queueC', target: 'consumerC', kind: 'poll', label: 'poll' },
];
