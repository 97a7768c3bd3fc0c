import type { Explanation, GraphEdge, GraphNode, Pattern, PatternDefinition } from '../../kit';
import {
  frontEdges,
  frontNodes,
  handlers,
  serviceEdges,
  serviceNodes,
  sharedCharts,
  sharedFlows,
  sharedParams,
  SERVICES,
} from '../apiGatewayShared';

/** One API Gateway for the three services: one route table, one stage throttle. */
const gateway: GraphNode = {
  id: 'gateway',
  kind: 'apiGateway',
  label: 'API Gateway',
  sublabel: '/gateway',
  position: { x: 720, y: 260 },
  config: {
    rateLimitPerS: { $param: 'routeApiRate' },
    burst: { $param: 'routeApiBurst' },
    integrationTimeoutMs: { $param: 'integrationTimeoutMs' },
  },
};

const nodes: GraphNode[] = [
  ...frontNodes(SERVICES.map((s) => ({ edge: 'paymentsToGateway', method: 'POST', path: s.path }))),
  gateway,
  ...serviceNodes(980),
];

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
    id: `gatewayTo${s.id.charAt(0).toUpperCase()}${s.id.slice(1)}`,
    source: 'gateway',
    target: s.id,
    kind: 'sync',
    label: `POST ${s.path}`,
    route: { method: 'POST', path: s.path },
  })),
  ...serviceEdges(() => 'gateway'),
];

const explanation: Explanation = {
  messageNoun: 'payment',
  summary:
    'Payments reaches the three services through one API Gateway that routes /customer, /sales and /communication to their functions: one front door, one route table, one throttle.',
  whenToUse: [
    'One team or one product publishes the services together, and clients should see one API.',
    'Cross-cutting concerns (authorisation, throttling, logging) are configured once.',
  ],
  tradeOffs: [
    'The calls are still synchronous and their latencies add up hop by hop.',
    "The routes share the stage's throttle: a burst on one route uses up the tokens the others need (method throttling per route limits that).",
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
      text: 'Make /sales noisy (300 requests a second against a throttle of 200): now /customer and /communication answer 429 too, because the three routes share one bucket. Compare with the multiple-gateway pattern.',
      set: { salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 },
      until: { afterS: 10 },
      expect: [
        { stat: { node: 'gateway', stat: 'throttled' }, rose: true },
        { stat: { edge: 'gatewayToCustomer', stat: 'throttled' }, above: 0 },
        { stat: { edge: 'gatewayToCommunication', stat: 'throttled' }, above: 0 },
        { stat: { node: 'user', stat: 'throttled' }, above: 0 },
      ],
    },
    {
      text: 'Call the routes in parallel: the response time drops to the slowest call.',
      set: { callMode: 'parallel' },
      until: { afterS: 10 },
      expect: [{ stat: { flow: 'response', percentile: 0.5 }, fell: true }],
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
  params: sharedParams(['gateway']),
  flows: sharedFlows,
  charts: sharedCharts(),
  explanation,
};

/** The pattern: its definition and the Payments handler. */
export const apiGatewaySingle: Pattern = { ...definition, handlers };
