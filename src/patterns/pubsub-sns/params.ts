import type { ParamSpec } from '../../kit';
import { downableFunctionParams, emailParams } from '../commonParts';

const WHEN_DOWN =
  'SNS hands the message to Lambda, whose own queue retries twice (after 1 and 2 minutes) and then drops it: the message is lost, and the publisher never hears of it.';

/** The pattern's parameters; ids are contracts (URLs, `--set`, docs). */
export const params: ParamSpec[] = [
  {
    id: 'publishRate',
    node: 'user',
    kind: 'number',
    label: 'Payment rate',
    unit: 'msg/s',
    min: 0,
    max: 2000,
    step: 0.1,
    default: 10,
    log: true,
    description: 'Payments per second; each one is published to the topic once.',
  },
  {
    id: 'arrivalPattern',
    node: 'user',
    kind: 'choice',
    label: 'Arrival pattern',
    unit: '',
    options: [
      { value: 'poisson', label: 'Poisson (random)' },
      { value: 'constant', label: 'Constant' },
      { value: 'bursts', label: 'Bursts (5 s on, 15 s off)' },
    ],
    default: 'poisson',
    description: 'How payments are spaced in time; the average is the payment rate.',
  },
  {
    id: 'mixCustomer',
    node: 'user',
    kind: 'number',
    label: 'Mix: type Customer',
    unit: 'weight',
    min: 0,
    max: 100,
    step: 1,
    default: 40,
    description:
      'Relative share of messages with type "Customer" from source "payments": the only ones the email subscription lets through.',
  },
  {
    id: 'mixSales',
    node: 'user',
    kind: 'number',
    label: 'Mix: type Sales',
    unit: 'weight',
    min: 0,
    max: 100,
    step: 1,
    default: 40,
    description: 'Relative share of messages with type "Sales" from source "payments".',
  },
  {
    id: 'mixRefunds',
    node: 'user',
    kind: 'number',
    label: 'Mix: source refunds',
    unit: 'weight',
    min: 0,
    max: 100,
    step: 1,
    default: 20,
    description:
      'Relative share of messages with type "Customer" but source "refunds": the email filter wants source "payments", so it drops these.',
  },
  ...downableFunctionParams('customer', 'Customer', WHEN_DOWN),
  ...downableFunctionParams('sales', 'Sales', WHEN_DOWN),
  ...emailParams(
    "the message goes to the subscription's dead-letter queue if it has one, or is lost.",
  ),
  {
    id: 'emailDlq',
    node: ['email', 'emailDlq'],
    restarts: true,
    kind: 'boolean',
    label: 'Email subscription DLQ',
    unit: '',
    default: false,
    description:
      'A redrive policy on the email subscription: deliveries SNS gives up on are kept in an SQS dead-letter queue instead of being lost. Changing this restarts the run.',
  },
];
