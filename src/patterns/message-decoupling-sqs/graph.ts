import type { GraphEdge, GraphNode } from '../types';

/** Node ids of this pattern; they key the CLI's `nodes` object and the badges. */
export const NODE = {
  user: 'user',
  api: 'api',
  customer: 'customer',
  customerDb: 'customerDb',
  queue: 'salesQueue',
  dlq: 'salesDlq',
  sales: 'sales',
  salesDb: 'salesDb',
} as const;

/** Edge ids; hop events refer to them. */
export const EDGE = {
  userApi: 'userToApi',
  apiCustomer: 'apiToCustomer',
  customerDb: 'customerToDb',
  customerQueue: 'customerToQueue',
  queueSales: 'queueToSales',
  queueDlq: 'queueToDlq',
  customerSales: 'customerToSales',
  salesDb: 'salesToDb',
} as const;

const withQueue = { param: 'withoutQueue', equals: false } as const;
const withoutQueue = { param: 'withoutQueue', equals: true } as const;

/** The seed's "Message decoupling with SQS" diagram, redrawn (plus the DLQ the text implies). */
export const nodes: GraphNode[] = [
  {
    id: NODE.user,
    kind: 'user',
    label: 'User',
    sublabel: 'Make payment',
    position: { x: 0, y: 120 },
  },
  {
    id: NODE.api,
    kind: 'apiGateway',
    label: 'API Gateway',
    sublabel: '/payments',
    position: { x: 230, y: 120 },
  },
  { id: NODE.customer, kind: 'lambda', label: 'Lambda "Customer"', position: { x: 480, y: 120 } },
  {
    id: NODE.customerDb,
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'customer database',
    position: { x: 480, y: 360 },
  },
  {
    id: NODE.queue,
    kind: 'sqs',
    label: 'SQS "Sales"',
    sublabel: 'standard queue',
    position: { x: 780, y: 120 },
    visibleWhen: withQueue,
  },
  {
    id: NODE.dlq,
    kind: 'sqs',
    label: 'SQS "Sales-DLQ"',
    sublabel: 'dead-letter queue',
    position: { x: 1060, y: 120 },
    visibleWhen: withQueue,
  },
  { id: NODE.sales, kind: 'lambda', label: 'Lambda "Sales"', position: { x: 780, y: 360 } },
  {
    id: NODE.salesDb,
    kind: 'aurora',
    label: 'Aurora',
    sublabel: 'sales database',
    position: { x: 1060, y: 360 },
  },
];

export const edges: GraphEdge[] = [
  {
    id: EDGE.userApi,
    source: NODE.user,
    target: NODE.api,
    kind: 'sync',
    label: '1 · Make payment',
  },
  { id: EDGE.apiCustomer, source: NODE.api, target: NODE.customer, kind: 'sync', label: 'Invoke' },
  {
    id: EDGE.customerDb,
    source: NODE.customer,
    target: NODE.customerDb,
    kind: 'write',
    label: '2 · Payment details',
    sourceSide: 'bottom',
    targetSide: 'top',
  },
  {
    id: EDGE.customerQueue,
    source: NODE.customer,
    target: NODE.queue,
    kind: 'async',
    label: '2 · Transaction details',
    visibleWhen: withQueue,
  },
  {
    id: EDGE.queueSales,
    source: NODE.queue,
    target: NODE.sales,
    kind: 'poll',
    label: '3 · Read transactions',
    sourceSide: 'bottom',
    targetSide: 'top',
    visibleWhen: withQueue,
  },
  {
    id: EDGE.queueDlq,
    source: NODE.queue,
    target: NODE.dlq,
    kind: 'async',
    label: 'after maxReceiveCount',
    visibleWhen: withQueue,
  },
  {
    id: EDGE.customerSales,
    source: NODE.customer,
    target: NODE.sales,
    kind: 'sync',
    label: 'Invoke and wait',
    sourceSide: 'right',
    targetSide: 'left',
    visibleWhen: withoutQueue,
  },
  {
    id: EDGE.salesDb,
    source: NODE.sales,
    target: NODE.salesDb,
    kind: 'write',
    label: '3 · Update sales DB',
  },
];
