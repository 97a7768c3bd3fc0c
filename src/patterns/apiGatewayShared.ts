/**
 * What the two API gateway patterns share: the services behind the gateways, their parameters,
 * the Payments handler that calls the three routes, charts and flows. Each pattern's folder says
 * only how the gateways are laid out (one per service, or one for all). Everything here is data,
 * apart from the handler.
 */
import type {
  ChartSpec,
  FlowSpec,
  GraphEdge,
  GraphNode,
  HandlerMap,
  ParamSpec,
  Result,
} from '../kit';
import { COLD_START, INTERNET } from './commonParts';

/** The three services and the routes that reach them. */
export const SERVICES = [
  { id: 'customer', label: 'Customer', path: '/customer', store: 'customerDb' },
  { id: 'sales', label: 'Sales', path: '/sales', store: 'salesDb' },
  { id: 'communication', label: 'Communication', path: '/communication', store: 'topic' },
] as const;

export type ServiceId = (typeof SERVICES)[number]['id'];

const coldStart = COLD_START;

/** The user, the front gateway "/payments", the Payments function. */
export function frontNodes(
  routeCalls: { edge: string; method: string; path: string }[],
): GraphNode[] {
  return [
    {
      id: 'user',
      kind: 'user',
      label: 'User',
      sublabel: 'Make payment',
      position: { x: 0, y: 260 },
      config: { pattern: 'poisson', ratePerS: { $param: 'paymentRate' } },
    },
    {
      id: 'apiPayments',
      kind: 'apiGateway',
      label: 'API Gateway',
      sublabel: '/payments',
      position: { x: 220, y: 260 },
      config: { integrationTimeoutMs: { $param: 'integrationTimeoutMs' } },
    },
    {
      id: 'payments',
      kind: 'lambda',
      label: 'Lambda "Payments"',
      position: { x: 460, y: 260 },
      handler: 'payments',
      config: {
        duration: { kind: 'lognormal', mean: 10, cv: 0.5 },
        coldStart,
        timeoutMs: 30_000,
        handlerOptions: {
          calls: routeCalls,
          callMode: { $param: 'callMode' },
          onRouteFailure: { $param: 'onRouteFailure' },
        },
      },
    },
  ];
}

export const frontEdges: GraphEdge[] = [
  {
    id: 'userToApi',
    source: 'user',
    target: 'apiPayments',
    kind: 'sync',
    label: 'Make payment',
    latency: INTERNET,
    route: { method: 'POST', path: '/payments' },
  },
  {
    id: 'apiToPayments',
    source: 'apiPayments',
    target: 'payments',
    kind: 'sync',
    label: 'POST /payments',
    route: { method: 'POST', path: '/payments' },
  },
];

/**
 * The three functions (in the column at `x`), their stores, the email topic, and the other
 * clients of each route (left of the gateways).
 */
export function serviceNodes(x: number): GraphNode[] {
  const nodes: GraphNode[] = [];
  SERVICES.forEach((s, i) => {
    const y = 60 + i * 200;
    nodes.push({
      id: s.id,
      kind: 'lambda',
      label: `Lambda "${s.label}"`,
      position: { x, y },
      config: {
        duration: { kind: 'lognormal', mean: { $param: `${s.id}DurationMs` }, cv: 0.5 },
        errorRate: { $param: `${s.id}ErrorRate`, times: 0.01 },
        coldStart,
        timeoutMs: 30_000,
        reservedConcurrency: { $param: 'serviceConcurrency' },
      },
    });
    nodes.push({
      id: `${s.id}Clients`,
      kind: 'user',
      label: 'Other clients',
      sublabel: s.path,
      position: { x: 460, y: [90, 430, 590][i] as number },
      config: { pattern: 'poisson', ratePerS: { $param: `${s.id}ClientRate` } },
    });
  });
  nodes.push(
    {
      id: 'customerDb',
      kind: 'aurora',
      label: 'Aurora',
      sublabel: 'customer database',
      position: { x: x + 260, y: 60 },
      config: {
        maxConnections: { $param: 'dbConnections' },
        queryLatency: { kind: 'lognormal', mean: { $param: 'dbQueryMs' }, cv: 0.3 },
      },
    },
    {
      id: 'salesDb',
      kind: 'aurora',
      label: 'Aurora',
      sublabel: 'sales database',
      position: { x: x + 260, y: 260 },
      config: {
        maxConnections: { $param: 'dbConnections' },
        queryLatency: { kind: 'lognormal', mean: { $param: 'dbQueryMs' }, cv: 0.3 },
      },
    },
    {
      id: 'topic',
      kind: 'sns',
      label: 'SNS',
      sublabel: 'communication',
      position: { x: x + 260, y: 460 },
    },
    { id: 'email', kind: 'email', label: 'Email', position: { x: x + 520, y: 460 } },
  );
  return nodes;
}

/** From each function to its store, and the other clients to their route's gateway. */
export function serviceEdges(gatewayFor: (id: ServiceId) => string): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const s of SERVICES) {
    edges.push({
      id: `${s.id}ClientsToGateway`,
      source: `${s.id}Clients`,
      target: gatewayFor(s.id),
      kind: 'sync',
      label: `POST ${s.path}`,
      latency: INTERNET,
      route: { method: 'POST', path: s.path },
    });
    edges.push({
      id: `${s.id}ToStore`,
      source: s.id,
      target: s.store,
      kind: s.id === 'communication' ? 'async' : 'write',
      label: s.id === 'communication' ? 'Publish' : 'Update',
    });
  }
  edges.push({
    id: 'topicToEmail',
    source: 'topic',
    target: 'email',
    kind: 'subscription',
    label: 'email',
    config: { protocol: 'email' },
  });
  return edges;
}

/** The parameters both patterns have; ids are contracts (URLs, `--set`, the compare view). */
export function sharedParams(gateways: string[]): ParamSpec[] {
  const perService = SERVICES.flatMap((s): ParamSpec[] => [
    {
      id: `${s.id}ClientRate`,
      node: `${s.id}Clients`,
      kind: 'number',
      label: `Other clients of ${s.path}`,
      unit: 'req/s',
      min: 0,
      max: 5000,
      step: 1,
      default: 0,
      log: true,
      description: `Requests per second that other clients send straight to ${s.path}: make one route noisy.`,
    },
    {
      id: `${s.id}DurationMs`,
      node: s.id,
      kind: 'number',
      label: `${s.label} duration`,
      unit: 'ms',
      min: 1,
      max: 10_000,
      step: 1,
      default: s.id === 'sales' ? 60 : 40,
      log: true,
      description: `Mean time Lambda "${s.label}" spends on one request besides its store (log-normal).`,
    },
    {
      id: `${s.id}ErrorRate`,
      node: s.id,
      kind: 'number',
      label: `${s.label} error rate`,
      unit: '%',
      min: 0,
      max: 100,
      step: 1,
      default: 0,
      description: `Chance that one invocation of ${s.label} fails (the gateway answers 502).`,
    },
  ]);
  return [
    {
      id: 'paymentRate',
      node: 'user',
      kind: 'number',
      label: 'Payment rate',
      unit: 'msg/s',
      min: 0,
      max: 5000,
      step: 0.1,
      default: 20,
      log: true,
      description: 'Payments per second; each one calls /customer, /sales and /communication.',
    },
    {
      id: 'callMode',
      node: 'payments',
      kind: 'choice',
      label: 'Payments calls the routes',
      unit: '',
      options: [
        { value: 'sequential', label: 'One after another (latency adds up)' },
        { value: 'parallel', label: 'In parallel (the slowest decides)' },
      ],
      default: 'sequential',
      description:
        'Whether Payments waits for each call before the next (its response time is the sum of the three) or makes them at once (the slowest of the three).',
    },
    {
      id: 'onRouteFailure',
      node: 'payments',
      kind: 'choice',
      label: 'A failed call',
      unit: '',
      options: [
        { value: 'fail', label: 'Fails the payment' },
        { value: 'skip', label: 'Is skipped' },
      ],
      default: 'fail',
      description:
        'When one of the three calls fails (a throttle, a timeout, an error): fail the payment and answer the user with that status, or carry on without it.',
    },
    {
      id: 'routeApiRate',
      node: gateways,
      kind: 'number',
      label: 'Gateway throttle rate',
      unit: 'req/s',
      min: 1,
      max: 10_000,
      step: 1,
      default: 10_000,
      log: true,
      description:
        'The stage throttle (token-bucket refill) of each gateway behind Payments. With one gateway, its three routes share it.',
    },
    {
      id: 'routeApiBurst',
      node: gateways,
      kind: 'number',
      label: 'Gateway throttle burst',
      unit: 'requests',
      min: 1,
      max: 5000,
      step: 1,
      default: 5000,
      log: true,
      description: 'The stage token bucket size of each gateway behind Payments.',
    },
    {
      id: 'integrationTimeoutMs',
      node: ['apiPayments', ...gateways],
      kind: 'number',
      label: 'Integration timeout',
      unit: 'ms',
      min: 50,
      max: 300_000,
      step: 50,
      default: 29_000,
      log: true,
      description:
        "Every gateway's integration timeout (29 s by default; REST APIs may go higher with a quota increase). Past it the caller gets 504.",
    },
    {
      id: 'serviceConcurrency',
      node: SERVICES.map((s) => s.id),
      kind: 'number',
      label: 'Service concurrency',
      unit: 'invocations',
      min: 1,
      max: 300,
      step: 1,
      default: 100,
      log: true,
      description:
        'Reserved concurrency of each of the three functions; past it Lambda throttles (the gateway answers 500).',
    },
    {
      id: 'dbQueryMs',
      node: ['customerDb', 'salesDb'],
      kind: 'number',
      label: 'Query time',
      unit: 'ms',
      min: 0.1,
      max: 10_000,
      step: 0.1,
      default: 4,
      log: true,
      description: 'Mean query time of both databases when idle (log-normal).',
    },
    {
      id: 'dbConnections',
      node: ['customerDb', 'salesDb'],
      kind: 'number',
      label: 'DB connections',
      unit: 'connections',
      min: 1,
      max: 1000,
      step: 1,
      default: 200,
      log: true,
      description: 'max_connections of both databases: past it new connections are refused.',
    },
    ...perService,
  ];
}

/** End-to-end paths measured for the CLI and the charts. */
export const sharedFlows: FlowSpec[] = [
  {
    id: 'response',
    label: 'User response',
    description: "From the user's request until the user has the answer, through every hop.",
    measure: { kind: 'response', node: 'user' },
  },
  ...SERVICES.map((s): FlowSpec => ({
    id: `${s.id}Response`,
    label: `Other clients of ${s.path}`,
    description: `From a request of the other clients of ${s.path} until their answer.`,
    measure: { kind: 'response', node: `${s.id}Clients` },
  })),
];

/** The charts both patterns draw. */
export function sharedCharts(): ChartSpec[] {
  return [
    {
      id: 'latency',
      title: 'User response time',
      unit: 'ms',
      series: [
        {
          id: 'p50',
          label: 'p50',
          color: '#8c4fff',
          source: { flow: 'response', percentile: 0.5 },
        },
        {
          id: 'p95',
          label: 'p95',
          color: '#c084fc',
          source: { flow: 'response', percentile: 0.95 },
        },
        {
          id: 'p99',
          label: 'p99',
          color: '#f0abfc',
          source: { flow: 'response', percentile: 0.99 },
        },
      ],
    },
    {
      id: 'userErrors',
      title: 'User answers that failed',
      unit: 'per s',
      series: [
        {
          id: 'user429',
          label: '429',
          color: '#8c4fff',
          source: { node: 'user', stat: 'throttled', rate: true },
        },
        {
          id: 'user5xx',
          label: '5xx',
          color: '#dc2626',
          source: { node: 'user', stat: 'serverErrors', rate: true },
        },
      ],
    },
    {
      id: 'clientThrottles',
      title: '429s of the other clients',
      unit: 'per s',
      series: SERVICES.map((s, i) => ({
        id: `${s.id}Client429`,
        label: s.path,
        color: ['#0ea5e9', '#16a34a', '#f59e0b'][i] as string,
        source: { node: `${s.id}Clients`, stat: 'throttled', rate: true },
      })),
    },
  ];
}

/**
 * Payments: call /customer, /sales and /communication (one after another or at once); a failed
 * call fails the payment with that call's status (the function returns it as its proxy
 * response), or is skipped, as the parameters say.
 */
export const handlers: HandlerMap = {
  payments: (h) =>
    h.work(() => {
      const options = h.config.record('handlerOptions') ?? {};
      const calls = (Array.isArray(options.calls) ? options.calls : []) as {
        edge: string;
        method: string;
        path: string;
      }[];
      const skip = options.onRouteFailure === 'skip';
      const failed = (r: Result): Result =>
        r.ok
          ? r
          : {
              ok: true,
              status: r.status ?? (r.error === 'throttled' ? 429 : 502),
              fate:
                r.error === 'throttled'
                  ? 'throttled'
                  : r.error === 'timeout'
                    ? 'timedOut'
                    : 'error',
            };
      if (options.callMode === 'parallel') {
        let left = calls.length;
        let first: Result | undefined;
        if (left === 0) return h.done({ ok: true, status: 200 });
        for (const c of calls)
          h.call(
            c.edge,
            (r) => {
              if (!r.ok && !skip && !first) first = failed(r);
              if (--left === 0) h.done(first ?? { ok: true, status: 200 });
            },
            { method: c.method, path: c.path },
          );
        return;
      }
      const next = (i: number): void => {
        const c = calls[i];
        if (!c) return h.done({ ok: true, status: 200 });
        h.call(c.edge, (r) => (r.ok || skip ? next(i + 1) : h.done(failed(r))), {
          method: c.method,
          path: c.path,
        });
      };
      next(0);
    }),
};
