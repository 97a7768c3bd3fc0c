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

/** One API Gateway for the three services: one route table, one stage throttle. */
const gateway: GraphNode = {
  id: 'gateway',
  kind: 'apiGateway',
  label: 'API Gateway',
  sublabel: '/gateway',
  position: { x: GRID.x.gateways, y: rowOf(1) },
  config: {
    rateLimitPerS: { $param: 'routeApiRate' },
    burst: { $param: 'routeApiBurst' },
    integrationTimeoutMs: { $param: 'integrationTimeoutMs' },
    ...usagePlanConfig,
  },
};

const nodes: GraphNode[] = [
  ...frontNodes(SERVICES.map((s) => ({ edge: 'paymentsToGateway', method: 'POST', path: s.path }))),
  gateway,
  ...serviceNodes(),
];

/** The edge from the gateway to a route's function (the route and its method throttling). */
const routeEdge = (id: ServiceId) => `gatewayTo${id.charAt(0).toUpperCase()}${id.slice(1)}`;

const edges: GraphEdge[] = [
  ...frontEdges,
  {
    id: 'paymentsToGateway',
    source: 'payments',
    target: 'gateway',
    kind: 'sync',
    label: 'POST /customer, /sales, /communication',
  },
  ...SERVICES.map((s): GraphEdge => ({
    id: routeEdge(s.id),
    source: 'gateway',
    target: s.id,
    kind: 'sync',
    label: `POST ${s.path}`,
    route: { method: 'POST', path: s.path },
    config: routeThrottle(s.id),
  })),
  ...serviceEdges(() => 'gateway'),
];

const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'Payments reaches the three services through one API Gateway that routes /customer, /sales and /communication to their functions: one front door, one route table, one stage to configure.',
  whenToUse: [
    ...GATEWAY_WHEN_TO_USE,
    'One team or one product publishes the services together, and clients should see one API.',
    'Cross-cutting concerns (authorisation, throttling, logging) are configured once.',
  ],
  tradeOffs: [
    'The calls are still synchronous and their latencies add up hop by hop.',
    "A shared gateway is not a shared throttle: API Gateway applies the stage's rate and burst to each route (method) separately, so a burst on /sales leaves /customer's tokens alone. What every API of an account shares is the account's limit, 10,000 requests a second per Region.",
    'One API is one place for everything: a change or an outage there touches every service.',
  ],
  whatToTry: [
    {
      text: 'Watch payments flow: each one makes three calls through the same gateway.',
      speed: 2,
      until: { afterS: 10 },
      expect: [{ stat: { node: 'gateway', stat: 'requests' }, above: 400 }],
    },
    {
      text: "Make /sales noisy (300 requests a second against a stage throttle of 200): only /sales answers 429. API Gateway applies the stage's limits to each route separately, so /customer and /communication keep tokens of their own, as they would behind gateways of their own (compare the two).",
      set: { salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 },
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'gateway', stat: 'throttled' }, rose: true },
        { stat: { edge: 'gatewayToCustomer', stat: 'throttled' }, below: 1 },
        { stat: { edge: 'gatewayToCommunication', stat: 'throttled' }, below: 1 },
        { stat: { node: 'user', stat: 'throttled' }, above: 0 },
      ],
    },
    {
      text: 'Call the routes in parallel: the response time drops to the slowest call.',
      set: { callMode: 'parallel' },
      until: { afterS: 10 },
      expect: [{ stat: { flow: 'response', percentile: 0.5 }, fell: true }],
    },
    {
      text: 'Keep /sales noisy, but give it a throttle of its own (method throttling: 100 a second, burst 50) under a roomy gateway throttle: now only /sales answers 429.',
      set: {
        salesClientRate: 300,
        routeApiRate: 10_000,
        routeApiBurst: 5000,
        salesRouteRate: 100,
        salesRouteBurst: 50,
      },
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'gateway', stat: 'methodThrottled' }, rose: true },
        { stat: { edge: 'gatewayToCustomer', stat: 'throttled' }, steady: true },
      ],
    },
    {
      text: 'Or turn on a usage plan: every caller has its own API key allowed 100 requests a second. The noisy clients run into their key’s limit; Payments’ key has room of its own.',
      set: {
        salesClientRate: 300,
        routeApiRate: 10_000,
        routeApiBurst: 5000,
        salesRouteRate: 10_000,
        salesRouteBurst: 5000,
        usagePlan: true,
        keyRateLimit: 100,
        keyBurst: 50,
      },
      until: { afterS: 10 },
      expect: [{ stat: { node: 'gateway', stat: 'keyThrottled' }, rose: true }],
    },
    {
      text: 'Give each key a quota of 600 requests a day: after about ten seconds Payments has used its key’s quota, and every payment fails with 429 "Limit Exceeded" until the day is over.',
      set: {
        salesClientRate: 0,
        usagePlan: true,
        keyRateLimit: 10_000,
        keyBurst: 5000,
        keyQuota: 600,
      },
      until: { afterS: 30 },
      expect: [{ stat: { node: 'gateway', stat: 'quotaExceeded' }, rose: true }],
    },
    {
      text: 'Click the User, then one of its recent requests: its waterfall shows every call on one time axis, each under its caller, and where the time went.',
      set: { keyQuota: 0, usagePlan: false },
      until: { afterS: 5 },
      expect: [{ stat: { node: 'user', stat: 'ok' }, rose: true }],
    },
  ],
};

/** "Single API gateway", from the seed's first diagram, as data. */
export const definition: PatternDefinition = {
  id: 'api-gateway-single',
  title: 'API gateway: one for all services',
  seedDiagram: 'Single-api-gateway-solution.png',
  nodes,
  edges,
  params: sharedParams(['gateway'], () => 'gateway'),
  flows: sharedFlows(() => 'paymentsToGateway'),
  charts: sharedCharts(routeEdge),
  explanation,
};

/** The pattern: its definition and the Payments handler. */
export const apiGatewaySingle: Pattern = {
  ...definition,
  comparisons: [singleVsMultipleGateways],
  handlers,
};
