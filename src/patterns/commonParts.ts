/**
 * Parts several patterns share: network and cold-start times, functions that can be taken down, their
 * parameters, and the email endpoint's switches. Data, built once at module load.
 */
import type { ParamSpec } from '../kit';

/** A user's request over the internet, each way. */
export const INTERNET = { kind: 'lognormal', mean: 25, cv: 0.3 } as const;

/** A Lambda cold start (log-normal, 300 ms). */
export const COLD_START = { kind: 'lognormal', mean: 300, cv: 0.2 };

/** A subscriber or target function: down means every invocation fails (its dependency is gone). */
export const downableFunction = (id: 'customer' | 'sales') => ({
  duration: { kind: 'lognormal', mean: { $param: `${id}DurationMs` }, cv: 0.5 },
  errorRate: {
    $if: { param: `${id}Up`, equals: false },
    then: 1,
    else: { $param: `${id}ErrorRate`, times: 0.01 },
  },
  coldStart: COLD_START,
  timeoutMs: 10_000,
});

/** The switch, error rate and duration of a function from {@link downableFunction}. */
export const downableFunctionParams = (
  id: 'customer' | 'sales',
  label: string,
  /** What happens to messages while it is down, in this pattern. */
  whenDown: string,
): ParamSpec[] => [
  {
    id: `${id}Up`,
    node: id,
    kind: 'boolean',
    label: `${label} up`,
    unit: '',
    default: true,
    description: `Off: every invocation of ${label} fails. ${whenDown}`,
  },
  {
    id: `${id}ErrorRate`,
    node: id,
    kind: 'number',
    label: `${label} error rate`,
    unit: '%',
    min: 0,
    max: 100,
    step: 1,
    default: 0,
    description: `Chance that one invocation of ${label} fails; Lambda retries a failed asynchronous event twice.`,
  },
  {
    id: `${id}DurationMs`,
    node: id,
    kind: 'number',
    label: `${label} duration`,
    unit: 'ms',
    min: 1,
    max: 10_000,
    step: 1,
    default: 30,
    log: true,
    description: `Mean time ${label} spends on one message before writing its database (log-normal).`,
  },
];

/** The mail server's switch and failure rate (behind an SNS email subscription). */
export const emailParams = (afterRetries: string): ParamSpec[] => [
  {
    id: 'emailUp',
    node: 'email',
    kind: 'boolean',
    label: 'Email server up',
    unit: '',
    default: true,
    description: `Off: the mail server refuses connections. SNS retries an email delivery 50 times over about 6.8 hours (its policy for customer-managed endpoints), then gives up: ${afterRetries}`,
  },
  {
    id: 'emailErrorRate',
    node: 'email',
    kind: 'number',
    label: 'Email failure rate',
    unit: '%',
    min: 0,
    max: 100,
    step: 1,
    default: 0,
    description: 'Chance that one delivery attempt to the mail server fails (SNS retries it).',
  },
];
