import type { ChartSpec, Explanation, FlowSpec } from '../../kit';

/** The seed's points about orchestration, in the project's own words. */
export const explanation: Explanation = {
  messageNoun: 'order',
  summary:
    'One Step Functions state machine runs the order workflow: OrderService, then InventoryService alongside InvoiceService and LogisticService, then CustomerNotificationService. The services only do their own work; the order of the steps, the retries, the error paths and what each step passes on are written once, in the workflow. The second arrow of the diagram is an error path: an order OrderService cannot place (or that fulfilment fails, after its retries) goes straight to the notification, and the execution ends failed.',
  whenToUse: [
    'A business process runs across several services in a set order, some steps in parallel, and someone must know where each order is.',
    'Failures need the same handling everywhere (retry transient errors with back-off, then take a fallback path) and you would rather not write it in every service.',
    'Services should stay replaceable: none of them knows which one comes next.',
  ],
  tradeOffs: [
    'The orchestrator is one more service on every request: each state transition takes time, and a Standard workflow bills every one of them (retries included).',
    'The workflow knows every service it calls: adding a step is a change to the workflow, not only a new subscriber as with pub/sub.',
    'Express workflows are cheaper at high rates and run at least once (your services must tolerate a second call), but stop after 5 minutes and keep no execution history.',
    'Retries hide a slow or throttled service for a while: executions queue up in the state waiting for it instead of failing, and the end-to-end time grows.',
  ],
  whatToTry: [
    {
      text: 'Watch orders arrive: each one is an execution. Follow the counts on the states: most executions wait in LogisticService, the slowest service.',
      speed: 2,
      until: { afterS: 10 },
      expect: [{ stat: { node: 'stateMachine', stat: 'succeeded' }, above: 20 }],
    },
    {
      text: 'Make InvoiceService fail often: its Task retries (1 s, then 2 s), and when the retries run out the Parallel state catches the error and the customer is told. Orders now end failed.',
      set: { invoiceErrorRate: 60 },
      until: { when: [{ stat: { node: 'stateMachine', stat: 'failed' }, above: 5 }], withinS: 60 },
      expect: [
        { stat: { node: 'stateMachine', stat: 'retries' }, rose: true },
        { stat: { node: 'invoice', stat: 'errors' }, rose: true },
        { stat: { node: 'stateMachine', stat: 'failed' }, rose: true },
      ],
    },
    {
      text: 'Send more orders than LogisticService can take at once (its concurrency is 20): Lambda throttles, the Task backs off and retries, and executions pile up retrying in that state. The back-offs absorb part of the overload; orders whose three retries of the throttle run out are caught and fail.',
      set: { executionRate: 150, invoiceErrorRate: 1, logisticsConcurrency: 20 },
      until: {
        when: [{ stat: { node: 'logistics', stat: 'throttles' }, above: 100 }],
        withinS: 60,
      },
      expect: [
        { stat: { node: 'logistics', stat: 'throttles' }, rose: true },
        { stat: { node: 'stateMachine', stat: 'running' }, rose: true },
      ],
    },
    {
      text: 'Switch to Express: the same workflow, billed per request and duration instead of per state transition, and no history kept.',
      set: { express: true, executionRate: 5 },
      until: { afterS: 20 },
      expect: [{ stat: { node: 'stateMachine', stat: 'succeeded' }, rose: true }],
    },
    {
      text: 'Make OrderService fail every time: no order is placed, every execution takes the error path straight to the notification, and fulfilment is never called.',
      set: { orderErrorRate: 100, express: false },
      until: { afterS: 20 },
      expect: [
        { stat: { node: 'stateMachine', stat: 'failed' }, rose: true },
        { stat: { node: 'notification', stat: 'invocations' }, rose: true },
      ],
    },
  ],
};

/** End-to-end paths measured for the CLI and the charts. */
export const flows: FlowSpec[] = [
  {
    id: 'succeeded',
    label: 'Execution succeeded',
    description: 'From the order until its execution succeeded (the customer was told).',
    measure: { kind: 'ended', fate: 'completed', node: 'stateMachine' },
  },
  {
    id: 'failed',
    label: 'Execution failed',
    description:
      'From the order until its execution failed or timed out (an order that could not be placed or fulfilled).',
    measure: { kind: 'ended', fate: 'dropped', node: 'stateMachine' },
  },
];

/** The pattern's charts; each series names where its numbers come from. */
export const charts: ChartSpec[] = [
  {
    id: 'executions',
    title: 'Executions',
    unit: 'per s',
    series: [
      {
        id: 'started',
        label: 'started',
        color: '#64748b',
        source: { node: 'stateMachine', stat: 'started', rate: true },
      },
      {
        id: 'succeeded',
        label: 'succeeded',
        color: '#16a34a',
        source: { node: 'stateMachine', stat: 'succeeded', rate: true },
      },
      {
        id: 'failed',
        label: 'failed',
        color: '#b91c1c',
        source: { node: 'stateMachine', stat: 'failed', rate: true },
      },
    ],
  },
  {
    id: 'running',
    title: 'Executions running',
    unit: 'executions',
    series: [
      {
        id: 'running',
        label: 'running',
        color: '#e7157b',
        source: { node: 'stateMachine', stat: 'running' },
      },
    ],
  },
  {
    id: 'latency',
    title: 'Execution time',
    unit: 'ms',
    series: [
      {
        id: 'succeededP50',
        label: 'succeeded p50',
        color: '#16a34a',
        source: { flow: 'succeeded', percentile: 0.5 },
      },
      {
        id: 'succeededP95',
        label: 'succeeded p95',
        color: '#8c4fff',
        source: { flow: 'succeeded', percentile: 0.95 },
      },
      {
        id: 'failedP95',
        label: 'failed p95',
        color: '#b91c1c',
        source: { flow: 'failed', percentile: 0.95 },
      },
    ],
  },
  {
    id: 'retries',
    title: 'Retries and throttles',
    unit: 'per s',
    series: [
      {
        id: 'retries',
        label: 'retries',
        color: '#f59e0b',
        source: { node: 'stateMachine', stat: 'retries', rate: true },
      },
      {
        id: 'logisticsThrottles',
        label: 'LogisticService throttled',
        color: '#ed7100',
        source: { node: 'logistics', stat: 'throttles', rate: true },
      },
    ],
  },
  {
    id: 'concurrency',
    title: 'Service concurrency',
    unit: 'invocations',
    series: [
      {
        id: 'orderConcurrency',
        label: 'OrderService',
        color: '#3b48cc',
        source: { node: 'order', stat: 'concurrency' },
      },
      {
        id: 'invoiceConcurrency',
        label: 'InvoiceService',
        color: '#8c4fff',
        source: { node: 'invoice', stat: 'concurrency' },
      },
      {
        id: 'logisticsConcurrency',
        label: 'LogisticService',
        color: '#ed7100',
        source: { node: 'logistics', stat: 'concurrency' },
      },
    ],
  },
];
