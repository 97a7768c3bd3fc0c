import type { Explanation, GraphEdge, GraphNode, Pattern, PatternDefinition } from '../../kit';
import {
  GATEWAY_WHEN_TO_USE,
  GRID,
  rowOf,
  routeThrottle,
  usagePlanConfig,
  frontEdges,
  frontNodes,
  handlers,
  serviceEdges,
  serviceNodes,
  sharedCharts,
  sharedFlows,
  sharedParams,
  SERVICES,
  type ServiceId,
} from '../apiGatewayShared';
import { singleVsMultipleGateways } from '../comparisons';

const gatewayOf = (id: ServiceId) => `${id}Api`;
/** The edge from a route's gateway to its function (the route and its method throttling). */
const routeEdge = (id: ServiceId) => `${id}ApiTo${cap(id)}`;
/** The edge Payments calls a route over. */
const callEdge = (id: ServiceId) => `paymentsTo${cap(id)}Api`;

/** One API Gateway per service, each with its own stage throttle. */
const gateways: GraphNode[] = SERVICES.map((s, i) => ({
  id: gatewayOf(s.id),
  kind: 'apiGateway',
  label: 'API Gateway',
  sublabel: s.path,
  position: { x: GRID.x.gateways, y: rowOf(i) },
  config: {
    rateLimitPerS: { $param: 'routeApiRate' },
    burst: { $param: 'routeApiBurst' },
    integrationTimeoutMs: { $param: 'integrationTimeoutMs' },
    ...usagePlanConfig,
  },
}));

const nodes: GraphNode[] = [
  ...frontNodes(
    SERVICES.map((s) => ({ edge: `paymentsTo${cap(s.id)}Api`, method: 'POST', path: s.path })),
  ),
  ...gateways,
  ...serviceNodes(),
];

const edges: GraphEdge[] = [
  ...frontEdges,
  ...SERVICES.flatMap((s): GraphEdge[] => [
    {
      id: `paymentsTo${cap(s.id)}Api`,
      source: 'payments',
      target: gatewayOf(s.id),
      kind: 'sync',
      label: `POST ${s.path}`,
      route: { method: 'POST', path: s.path },
    },
    {
      id: routeEdge(s.id),
      source: gatewayOf(s.id),
      target: s.id,
      kind: 'sync',
      label: 'Invoke',
      route: { method: 'POST', path: s.path },
      config: routeThrottle(s.id),
    },
  ]),
  ...serviceEdges(gatewayOf),
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'Payments reaches each service through an API Gateway of its own: /customer, /sales and /communication are three APIs, each with its own stage, settings and deployments.',
  whenToUse: [
    ...GATEWAY_WHEN_TO_USE,
    'Services are owned and deployed by different teams, each publishing its own API.',
    'Each service needs settings of its own (throttling, authorisation, usage plans, timeouts) that its team changes and deploys on its own.',
    'Clients outside need a stable, managed front door per service (authorisation, throttling, usage plans).',
  ],
  tradeOffs: [
    "Each call crosses one gateway, exactly as behind a shared one: separate APIs add no hop, and no throttling isolation either, since API Gateway already applies a stage's limits per route.",
    'The calls are synchronous: the caller waits for the whole chain, and a failure or a throttle anywhere comes back to it.',
    'Several APIs to configure, secure and pay for.',
  ],
  whatToTry: [
    {
      text: 'Watch payments flow: each one makes three calls, one after the other; the response time is their sum.',
      speed: 2,
      until: { afterS: 10 },
      expect: [{ stat: { flow: 'response', percentile: 0.5 }, above: 150 }],
    },
    {
      text: 'Call the three routes in parallel: the response time drops to the slowest of the three.',
      set: { callMode: 'parallel' },
      until: { afterS: 20 },
      expect: [{ stat: { flow: 'response', percentile: 0.5 }, fell: true }],
    },
    {
      text: "Make /sales noisy: other clients send 300 requests a second to it, while its gateway allows 200. Only /sales throttles, exactly as behind one shared gateway: API Gateway applies a stage's limits to each route, so separate APIs add no isolation here.",
      set: { callMode: 'sequential', salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 },
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'salesApi', stat: 'throttled' }, rose: true },
        { stat: { node: 'customerApi', stat: 'throttled' }, below: 1 },
        { stat: { node: 'communicationApi', stat: 'throttled' }, below: 1 },
      ],
    },
    {
      text: 'Skip failed calls instead of failing the payment: the user stops seeing 429s (a payment already failing as you switch may still get one), but some payments are now recorded without their sale.',
      set: { onRouteFailure: 'skip' },
      until: { afterS: 10 },
      expect: [
        // One payment whose /sales call had already failed as the switch moved still gets its 429.
        { stat: { node: 'user', stat: 'throttled' }, below: 65 },
        { stat: { node: 'user', stat: 'ok' }, rose: true },
        { stat: { edge: 'salesApiToSales', stat: 'throttled' }, rose: true },
      ],
    },
    {
      text: 'Put the APIs behind a usage plan: every caller has its own API key, and 10% of the requests come without one. Those get 403, and with failed calls failing the payment, so do about a quarter of the payments.',
      set: { onRouteFailure: 'fail', salesClientRate: 0, usagePlan: true, missingKeyPercent: 10 },
      until: { afterS: 10 },
      expect: [{ stat: { node: 'user', stat: 'clientErrors' }, rose: true }],
    },
    {
      text: 'Click the User, then one of its recent requests: its waterfall shows every call on one time axis, each under its caller; each call crosses one gateway, as with the single gateway, but each route now has an API, a stage and a throttle of its own.',
      set: { usagePlan: false, missingKeyPercent: 0 },
      until: { afterS: 5 },
      expect: [{ stat: { node: 'user', stat: 'ok' }, rose: true }],
    },
  ],
};

/** "Multiple API gateways", from the seed's second diagram, as data. */
export const definition: PatternDefinition = {
  id: 'api-gateway-multiple',
  title: 'API gateways: one per service',
  seedDiagram: 'Multiple_API_Gateway_solution.png',
  nodes,
  edges,
  params: sharedParams(
    SERVICES.map((s) => gatewayOf(s.id)),
    gatewayOf,
  ),
  flows: sharedFlows(callEdge),
  charts: sharedCharts(routeEdge),
  explanation,
};

/** The pattern: its definition and the Payments handler. */
export const apiGatewayMultiple: Pattern = {
  ...definition,
  comparisons: [singleVsMultipleGateways],
  handlers,
};
