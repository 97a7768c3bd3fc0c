import type { ConfigValue, GraphEdge, GraphNode } from '../../kit';
import {
  functionArn,
  ORDER_WORKFLOW,
  SERVICE_OUTPUTS,
  SERVICES,
  type ServiceName,
} from './workflow';

/** Node and parameter-id prefix of each service. */
export const SERVICE_IDS: Record<ServiceName, string> = {
  OrderService: 'order',
  InventoryService: 'inventory',
  InvoiceService: 'invoice',
  LogisticService: 'logistics',
  CustomerNotificationService: 'notification',
};

/** Where the services' row starts, and how far apart its cards are (a Lambda card is 176 wide). */
const ROW = { y: 205, gap: 198 };

/**
 * A service: a Lambda function whose duration, errors and concurrency are parameters. The five
 * sit in one row under the state machine, in the workflow's order, so the diagram is as wide as a
 * desktop canvas and cards stay full size (a column of five made it too tall to read).
 */
function service(name: ServiceName, i: number): GraphNode {
  const id = SERVICE_IDS[name];
  return {
    id,
    kind: 'lambda',
    label: `Lambda "${name}"`,
    position: { x: i * ROW.gap, y: ROW.y },
    config: {
      duration: { kind: 'lognormal', mean: { $param: `${id}DurationMs` }, cv: 0.5 },
      errorRate: { $param: `${id}ErrorRate`, times: 0.01 },
      reservedConcurrency: { $param: `${id}Concurrency` },
      timeoutMs: 10_000,
    },
  };
}

/** The seed's "Orchestration with Step Functions" diagram: the workflow runs in one state machine. */
export const nodes: GraphNode[] = [
  {
    id: 'orders',
    kind: 'user',
    label: 'Orders',
    sublabel: 'StartExecution',
    position: { x: ROW.gap, y: 0 },
    config: {
      pattern: 'poisson',
      ratePerS: { $param: 'executionRate' },
      payloads: [
        {
          weight: 1,
          body: { customer: 'customer-42', items: [{ sku: 'book-17', qty: 1 }], total: 25 },
        },
      ],
    },
  },
  {
    id: 'stateMachine',
    kind: 'stepFunctions',
    label: 'Step Functions',
    sublabel: 'Order workflow',
    position: { x: 2 * ROW.gap, y: 0 },
    config: {
      // The ASL is plain JSON: a config value as it stands.
      definition: ORDER_WORKFLOW as unknown as ConfigValue,
      workflowType: { $if: { param: 'express', equals: true }, then: 'EXPRESS', else: 'STANDARD' },
      startExecutionRatePerS: { $param: 'startExecutionQuota' },
      stateTransitionRatePerS: { $param: 'stateTransitionQuota' },
    },
  },
  ...SERVICES.map((name, i) => service(name, i)),
];

export const edges: GraphEdge[] = [
  {
    id: 'ordersToStateMachine',
    source: 'orders',
    target: 'stateMachine',
    kind: 'async',
    label: 'StartExecution',
    latency: { kind: 'lognormal', mean: 25, cv: 0.3 },
  },
  ...SERVICES.map((name): GraphEdge => ({
    id: `${SERVICE_IDS[name]}Task`,
    source: 'stateMachine',
    target: SERVICE_IDS[name],
    kind: 'sync',
    // The card says which service; "Task" on each of the five fanning edges stays legible.
    label: 'Task',
    sourceSide: 'bottom',
    targetSide: 'top',
    config: { resource: functionArn(name), output: SERVICE_OUTPUTS[name] },
  })),
];
