import type { ParamSpec } from '../../kit';
import { SERVICE_IDS } from './graph';
import { SERVICES, type ServiceName } from './workflow';

/** Each service's mean duration (ms) by default: the invoice and the shipment take longest. */
const DURATION_MS: Record<ServiceName, number> = {
  OrderService: 100,
  InventoryService: 150,
  InvoiceService: 200,
  LogisticService: 300,
  CustomerNotificationService: 80,
};

/**
 * The three sliders of a simulated function a Task calls: how long it takes (mean, log-normal),
 * how often it fails (%), and how many run at once (reserved concurrency). Each `says` what it
 * does in the workflow it belongs to.
 */
export function taskFunctionParams(
  id: string,
  name: string,
  defaults: { durationMs: number; errorRate: number; concurrency: number },
  says: { duration: string; errorRate: string; concurrency: string },
): ParamSpec[] {
  return [
    {
      id: `${id}DurationMs`,
      node: id,
      kind: 'number',
      label: `${name} duration`,
      unit: 'ms',
      min: 1,
      max: 10_000,
      step: 1,
      default: defaults.durationMs,
      log: true,
      description: says.duration,
    },
    {
      id: `${id}ErrorRate`,
      node: id,
      kind: 'number',
      label: `${name} error rate`,
      unit: '%',
      min: 0,
      max: 100,
      step: 1,
      default: defaults.errorRate,
      description: says.errorRate,
    },
    {
      id: `${id}Concurrency`,
      node: id,
      kind: 'number',
      label: `${name} concurrency`,
      unit: 'invocations',
      min: 1,
      max: 500,
      step: 1,
      default: defaults.concurrency,
      log: true,
      description: says.concurrency,
    },
  ];
}

/** A service's three sliders: how long it takes, how often it fails, how many run at once. */
function serviceParams(name: ServiceName): ParamSpec[] {
  return taskFunctionParams(
    SERVICE_IDS[name],
    name,
    { durationMs: DURATION_MS[name], errorRate: 1, concurrency: 20 },
    {
      duration: `Mean time ${name} takes for one order (log-normal).`,
      errorRate: `Chance that one invocation of ${name} fails. The workflow retries it twice (after 1 and 2 s); if it still fails, the order is caught and the customer told.`,
      concurrency: `Reserved concurrency of ${name}: at most this many invocations at once. Above it Lambda answers TooManyRequestsException, and the workflow backs off and retries.`,
    },
  );
}

/** The pattern's parameters; ids are contracts (URLs, `--set`, docs). */
export const params: ParamSpec[] = [
  {
    id: 'executionRate',
    node: 'orders',
    kind: 'number',
    label: 'Executions per second',
    unit: 'msg/s',
    min: 0,
    max: 2000,
    step: 0.1,
    default: 5,
    log: true,
    description: 'Orders per second; each one starts one execution of the workflow.',
  },
  {
    id: 'express',
    node: 'stateMachine',
    kind: 'boolean',
    label: 'Express workflow',
    unit: '',
    default: false,
    description:
      'Off: a Standard workflow (exactly-once, up to a year, history kept, billed per state transition). On: an Express workflow (at-least-once, at most 5 minutes, no history kept, billed per request and duration). Applies to executions that start from now on.',
  },
  {
    id: 'startExecutionQuota',
    node: 'stateMachine',
    kind: 'number',
    label: 'StartExecution quota',
    unit: 'per s',
    min: 1,
    max: 5000,
    step: 1,
    default: 300,
    log: true,
    description:
      "Standard workflows: StartExecution's token bucket refills at this rate (AWS's default in us-east-1 is 300 per second, with a bucket of 1,300). Starts past it are refused with ThrottlingException and the order is lost.",
  },
  {
    id: 'stateTransitionQuota',
    node: 'stateMachine',
    kind: 'number',
    label: 'State transition quota',
    unit: 'per s',
    min: 1,
    max: 50_000,
    step: 1,
    default: 5000,
    log: true,
    description:
      "Standard workflows: the state transitions' token bucket refills at this rate (AWS's default in us-east-1 is 5,000 per second, bucket 5,000; new accounts get less). Past it executions are not failed but slowed down: each one waits for its turn before its next Task.",
  },
  ...SERVICES.flatMap(serviceParams),
];
