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

/**
 * When an API gateway is the right choice at all, from the seed's text in the project's words:
 * both patterns start their "when to use it" with these.
 */
export const GATEWAY_WHEN_TO_USE: string[] = [
  'A gateway is a front door: clients know one address, and it maps each request to the service behind it, hiding how the services are split (a facade, spread over the network).',
  'Choose it when callers need an answer now (the whole chain is synchronous) and the latency budget is tight enough that queueing the work for later is not an option.',
  'It suits a service whose dependencies are few and stay few: every one added is one more hop the caller waits for, and one more place a failure comes back from.',
  'It suits one API that gathers data from several services for a client, in one request.',
];

/** The three services and the routes that reach them. */
export const SERVICES = [
  { id: 'customer', label: 'Customer', path: '/customer', store: 'customerDb' },
  { id: 'sales', label: 'Sales', path: '/sales', store: 'salesDb' },
  { id: 'communication', label: 'Communication', path: '/communication', store: 'topic' },
] as const;

export type ServiceId = (typeof SERVICES)[number]['id'];

const coldStart = COLD_START;

/**
 * The sketch's grid, left to right as in the seed's diagrams: the user, the front gateway,
 * Payments, the gateway(s) behind Payments, the three functions, their stores (and Email under
 * SNS). One row per route; Payments sits on the /sales row, as in the seed. Each route's other
 * clients stand in Payments' column, on /customer's row or below their own route's row, so that
 * every call bends in the gap before the gateways and none crosses a card.
 */
export const GRID = {
  x: { user: 0, front: 220, payments: 460, gateways: 720, services: 980, stores: 1240 },
  /** The rows of /customer, /sales and /communication. */
  rows: [0, 320, 640] as const,
  /** Where each route's other clients sit (in Payments' column). */
  clientRows: [0, 560, 800] as const,
  email: 920,
};

/** The row of a route, by its index in SERVICES. */
export const rowOf = (i: number): number => GRID.rows[i] as number;

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
      position: { x: GRID.x.user, y: rowOf(1) },
      config: { pattern: 'poisson', ratePerS: { $param: 'paymentRate' } },
    },
    {
      id: 'apiPayments',
      kind: 'apiGateway',
      label: 'API Gateway',
      sublabel: '/payments',
      position: { x: GRID.x.front, y: rowOf(1) },
      config: { integrationTimeoutMs: { $param: 'integrationTimeoutMs' } },
    },
    {
      id: 'payments',
      kind: 'lambda',
      label: 'Lambda "Payments"',
      position: { x: GRID.x.payments, y: rowOf(1) },
      handler: 'payments',
      config: {
        duration: { kind: 'lognormal', mean: { $param: 'paymentsDurationMs' }, cv: 0.5 },
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
export function serviceNodes(): GraphNode[] {
  const x = GRID.x.services;
  const nodes: GraphNode[] = [];
  SERVICES.forEach((s, i) => {
    const y = rowOf(i);
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
      position: { x: GRID.x.payments, y: GRID.clientRows[i] as number },
      config: { pattern: 'poisson', ratePerS: { $param: `${s.id}ClientRate` } },
    });
  });
  nodes.push(
    {
      id: 'customerDb',
      kind: 'aurora',
      label: 'Aurora',
      sublabel: 'customer database',
      position: { x: GRID.x.stores, y: rowOf(0) },
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
      position: { x: GRID.x.stores, y: rowOf(1) },
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
      position: { x: GRID.x.stores, y: rowOf(2) },
    },
    { id: 'email', kind: 'email', label: 'Email', position: { x: GRID.x.stores, y: GRID.email } },
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
    // Email hangs under SNS, as in the seed's diagrams.
    sourceSide: 'bottom',
    targetSide: 'top',
  });
  return edges;
}

/**
 * Method throttling of one route (its own token bucket in the stage's settings), bound to the
 * route's parameters: put it in the config of the edge that serves the route.
 */
export function routeThrottle(id: ServiceId): Record<string, { $param: string }> {
  return {
    throttleRatePerS: { $param: `${id}RouteRate` },
    throttleBurst: { $param: `${id}RouteBurst` },
  };
}

/** Usage plan settings of a gateway behind Payments, bound to the usage-plan parameters. */
export const usagePlanConfig = {
  usagePlan: { $param: 'usagePlan' },
  apiKeys: { $param: 'apiKeys' },
  keyRateLimitPerS: { $param: 'keyRateLimit' },
  keyBurst: { $param: 'keyBurst' },
  quotaLimit: { $param: 'keyQuota' },
  quotaPeriod: { $param: 'quotaPeriod' },
  missingKeyPercent: { $param: 'missingKeyPercent' },
};

const withPlan = { param: 'usagePlan', equals: true };

/** The usage plan's parameters (on the gateways behind Payments). */
function usagePlanParams(gateways: string[]): ParamSpec[] {
  return [
    {
      id: 'usagePlan',
      node: gateways,
      kind: 'boolean',
      label: 'Usage plan with API keys',
      unit: '',
      default: false,
      description:
        'Every method requires an API key, and each key gets the usage plan’s own throttle and quota, checked before the gateway’s throttle. Without a valid key: 403.',
    },
    {
      id: 'apiKeys',
      node: gateways,
      kind: 'number',
      label: 'API keys per caller',
      unit: 'keys',
      min: 1,
      max: 100,
      step: 1,
      default: 1,
      usedWhen: withPlan,
      description:
        'How many API keys each caller (Payments, each route’s other clients) spreads its requests over, in turn. More keys, more room under a per-key limit.',
    },
    {
      id: 'keyRateLimit',
      node: gateways,
      kind: 'number',
      label: 'Per-key throttle rate',
      unit: 'req/s',
      min: 1,
      max: 10_000,
      step: 1,
      default: 100,
      log: true,
      usedWhen: withPlan,
      description: 'The usage plan’s steady rate for each API key; past it the key gets 429.',
    },
    {
      id: 'keyBurst',
      node: gateways,
      kind: 'number',
      label: 'Per-key throttle burst',
      unit: 'requests',
      min: 1,
      max: 5000,
      step: 1,
      default: 200,
      log: true,
      usedWhen: withPlan,
      description: 'The usage plan’s burst (token bucket size) for each API key.',
    },
    {
      id: 'keyQuota',
      node: gateways,
      kind: 'number',
      label: 'Per-key quota',
      unit: 'requests',
      min: 0,
      max: 10_000_000,
      step: 1,
      default: 0,
      log: true,
      usedWhen: withPlan,
      description:
        'Requests each key may make per quota period (0: no quota). Past it the key gets 429 "Limit Exceeded" until the next period.',
    },
    {
      id: 'quotaPeriod',
      node: gateways,
      kind: 'choice',
      label: 'Quota period',
      unit: '',
      options: [
        { value: 'DAY', label: 'Per day' },
        { value: 'WEEK', label: 'Per week' },
        { value: 'MONTH', label: 'Per month' },
      ],
      default: 'DAY',
      usedWhen: withPlan,
      description: 'The period the quota counts over; it starts afresh at the start of each one.',
    },
    {
      id: 'missingKeyPercent',
      node: gateways,
      kind: 'number',
      label: 'Requests without a valid key',
      unit: '%',
      min: 0,
      max: 100,
      step: 1,
      default: 0,
      usedWhen: withPlan,
      description:
        'Share of requests that come without an API key, or with one not in the plan: the gateway answers 403 Forbidden.',
    },
  ];
}

/**
 * The parameters both patterns have; ids are contracts (URLs, `--set`, the compare view).
 * `gateways` are the gateways behind Payments; `gatewayFor` names the one serving a route.
 */
export function sharedParams(
  gateways: string[],
  gatewayFor: (id: ServiceId) => string,
): ParamSpec[] {
  const perService = SERVICES.flatMap((s): ParamSpec[] => [
    {
      id: `${s.id}RouteRate`,
      node: gatewayFor(s.id),
      kind: 'number',
      label: `${s.path} throttle rate`,
      unit: 'req/s',
      min: 1,
      max: 10_000,
      step: 1,
      default: 10_000,
      log: true,
      description: `Method throttling of ${s.path}: its own token bucket's refill rate, in the stage's settings for that route, on top of the gateway's throttle.`,
    },
    {
      id: `${s.id}RouteBurst`,
      node: gatewayFor(s.id),
      kind: 'number',
      label: `${s.path} throttle burst`,
      unit: 'requests',
      min: 1,
      max: 5000,
      step: 1,
      default: 5000,
      log: true,
      description: `Method throttling of ${s.path}: its own token bucket's size.`,
    },
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
      id: 'paymentsDurationMs',
      node: 'payments',
      kind: 'number',
      label: 'Payments duration',
      unit: 'ms',
      min: 1,
      max: 10_000,
      step: 1,
      default: 10,
      log: true,
      description:
        'Mean time Lambda "Payments" spends on its own work before it calls the routes (log-normal).',
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
    ...usagePlanParams(gateways),
  ];
}

/** A colour per route, the same in every chart. */
const ROUTE_COLOURS = ['#0ea5e9', '#16a34a', '#f59e0b'] as const;
const ROUTE_LIGHT = ['#7dd3fc', '#86efac', '#fcd34d'] as const;

/**
 * End-to-end paths measured for the CLI and the charts: the user's response, each route's other
 * clients, and each route as Payments sees it (a flow per route: the calls across `callEdgeFor`
 * with that route's path, from sending to the answer).
 */
export function sharedFlows(callEdgeFor: (id: ServiceId) => string): FlowSpec[] {
  return [
    {
      id: 'response',
      label: 'User response',
      description: "From the user's request until the user has the answer, through every hop.",
      measure: { kind: 'response', node: 'user' },
    },
    ...SERVICES.map((s): FlowSpec => ({
      id: `${s.id}Route`,
      label: `Payments → ${s.path}`,
      description: `One call of Payments to ${s.path}: from sending it to the answer back at Payments, gateway and function included.`,
      measure: { kind: 'call', edge: callEdgeFor(s.id), path: s.path },
    })),
    ...SERVICES.map((s): FlowSpec => ({
      id: `${s.id}Response`,
      label: `Other clients of ${s.path}`,
      description: `From a request of the other clients of ${s.path} until their answer.`,
      measure: { kind: 'response', node: `${s.id}Clients` },
    })),
  ];
}

/**
 * The charts both patterns draw: the user's response time and failed answers, then per route
 * (the edge from the gateway to the route's function, `routeEdgeFor`) its latency as Payments sees
 * it, its 429s and its 5xx answers, whoever called it.
 */
export function sharedCharts(routeEdgeFor: (id: ServiceId) => string): ChartSpec[] {
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
      id: 'routeLatency',
      title: 'Route response time, as Payments sees it (p50, p99)',
      unit: 'ms',
      series: SERVICES.flatMap((s, i) => [
        {
          id: `${s.id}RouteP50`,
          label: `${s.path} p50`,
          color: ROUTE_LIGHT[i] as string,
          source: { flow: `${s.id}Route`, percentile: 0.5 },
        },
        {
          id: `${s.id}RouteP99`,
          label: `${s.path} p99`,
          color: ROUTE_COLOURS[i] as string,
          source: { flow: `${s.id}Route`, percentile: 0.99 },
        },
      ]),
    },
    {
      id: 'route429',
      title: '429s per route (every caller)',
      unit: 'per s',
      series: SERVICES.map((s, i) => ({
        id: `${s.id}Route429`,
        label: s.path,
        color: ROUTE_COLOURS[i] as string,
        source: { edge: routeEdgeFor(s.id), stat: 'throttled', rate: true },
      })),
    },
    {
      id: 'route5xx',
      title: '5xx per route (every caller)',
      unit: 'per s',
      series: SERVICES.map((s, i) => ({
        id: `${s.id}Route5xx`,
        label: s.path,
        color: ROUTE_COLOURS[i] as string,
        source: { edge: routeEdgeFor(s.id), stat: 'http5xx', rate: true },
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
