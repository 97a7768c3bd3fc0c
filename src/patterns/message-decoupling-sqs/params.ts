import type { ParamSpec } from '../types';

/**
 * The pattern's parameters. Ids are contracts (URLs, `--set`, docs): never rename one.
 * Defaults give a calm system: 10 payments/s against a Sales side that handles about 20/s.
 */
export const params: ParamSpec[] = [
  { id: 'paymentRate', kind: 'number', label: 'Payment rate', unit: 'msg/s', min: 0, max: 5000, step: 1, default: 10, log: true, description: 'Payments the users make per second.' },
  {
    id: 'arrivalPattern',
    kind: 'choice',
    label: 'Arrival pattern',
    unit: '',
    options: [
      { value: 'poisson', label: 'Poisson (random)' },
      { value: 'constant', label: 'Constant' },
      { value: 'bursts', label: 'Bursts (5 s on, 15 s off, 4× rate)' },
    ],
    default: 'poisson',
    description: 'How payments arrive: evenly spaced, at random (Poisson), or in bursts with the same average rate.',
  },
  { id: 'salesConcurrency', kind: 'number', label: 'Sales concurrency', unit: 'invocations', min: 2, max: 1000, step: 1, default: 2, log: true, description: 'Maximum concurrency of the SQS event source mapping (MaximumConcurrency, 2–1,000); without the queue, the Sales function\'s reserved concurrency.' },
  { id: 'salesDurationMs', kind: 'number', label: 'Sales duration', unit: 'ms per message', min: 1, max: 10000, step: 1, default: 100, log: true, description: 'Mean time the Sales function spends on one transaction (log-normal).' },
  { id: 'salesErrorRate', kind: 'number', label: 'Sales error rate', unit: '%', min: 0, max: 100, step: 1, default: 0, description: 'Chance that processing one transaction throws. On error the whole batch goes back to the queue.' },
  { id: 'batchSize', kind: 'number', label: 'Batch size', unit: 'messages', min: 1, max: 10000, step: 1, default: 10, log: true, description: 'Most messages per Sales invocation (above 10 needs a batching window).' },
  { id: 'batchWindowS', kind: 'number', label: 'Batching window', unit: 's', min: 0, max: 300, step: 1, default: 0, description: 'MaximumBatchingWindowInSeconds: how long the poller gathers messages before invoking.' },
  { id: 'visibilityTimeoutS', kind: 'number', label: 'Visibility timeout', unit: 's', min: 0, max: 43200, step: 1, default: 30, log: true, description: 'How long a received message stays hidden; a failed message is retried after it.' },
  { id: 'maxReceiveCount', kind: 'number', label: 'maxReceiveCount', unit: 'receives', min: 1, max: 1000, step: 1, default: 3, log: true, description: 'Receives before SQS moves a message to the dead-letter queue.' },
  { id: 'withoutQueue', kind: 'boolean', label: 'Without the queue', unit: '', default: false, description: 'Customer invokes Sales synchronously and waits, so Sales\' latency, errors and throttles reach the user.' },
  { id: 'apiRateLimit', kind: 'number', label: 'API throttle rate', unit: 'req/s', min: 1, max: 10000, step: 1, default: 10000, log: true, description: 'API Gateway token-bucket refill rate (account default 10,000/s); past it, 429.' },
  { id: 'apiBurst', kind: 'number', label: 'API throttle burst', unit: 'requests', min: 1, max: 5000, step: 1, default: 5000, log: true, description: 'API Gateway token-bucket size (account default 5,000).' },
  { id: 'integrationTimeoutMs', kind: 'number', label: 'Integration timeout', unit: 'ms', min: 50, max: 29000, step: 50, default: 29000, log: true, description: 'API Gateway REST integration timeout (50 ms–29 s); past it the user gets 504.' },
  { id: 'customerDurationMs', kind: 'number', label: 'Customer duration', unit: 'ms', min: 1, max: 5000, step: 1, default: 20, log: true, description: 'Mean time the Customer function spends besides its database write and SQS send.' },
  { id: 'dbConnections', kind: 'number', label: 'Sales DB connections', unit: 'connections', min: 1, max: 1000, step: 1, default: 50, log: true, description: 'Connection limit of the sales database; queries wait for a free connection and give up after 5 s.' },
  { id: 'coldStartMs', kind: 'number', label: 'Cold start', unit: 'ms', min: 0, max: 10000, step: 10, default: 300, log: true, description: 'Extra time when a Lambda invocation needs a new execution environment.' },
];
