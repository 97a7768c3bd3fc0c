import type { ComparisonOffer } from '../kit';

/**
 * The comparisons the built-in patterns offer one click away (each pattern lists its own in
 * `comparisons`). Both sides of an offer get the same seed, so the same payments arrive on both.
 */

/** One shared gateway against one gateway per service, with /sales made noisy on both: alike. */
export const singleVsMultipleGateways: ComparisonOffer = {
  id: 'single-vs-multiple-gateways',
  label: 'Single vs multiple gateways',
  description:
    "The same payments and the same noisy /sales clients (300 requests a second against a throttle of 200 a second, burst 100) through one shared gateway and through one gateway per service. They answer alike: API Gateway applies a stage's limits to each route, so only /sales throttles in both, and every call crosses one gateway in both. The difference is who owns and configures the APIs, not the numbers.",
  a: {
    pattern: 'api-gateway-single',
    label: 'One gateway',
    params: { salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 },
  },
  b: {
    pattern: 'api-gateway-multiple',
    label: 'One gateway per service',
    params: { salesClientRate: 300, routeApiRate: 200, routeApiBurst: 100 },
  },
};

/** The queue between Customer and Sales, and the same load without it. */
export const withVsWithoutQueue: ComparisonOffer = {
  id: 'with-vs-without-queue',
  label: 'With vs without the queue',
  description:
    'The same 30 payments a second, faster than Sales can record them (about 20 a second): with the queue a backlog builds and every payment is kept; without it Sales is throttled and the user gets errors.',
  a: { pattern: 'message-decoupling-sqs', label: 'With the queue', params: { paymentRate: 30 } },
  b: {
    pattern: 'message-decoupling-sqs',
    label: 'Without the queue',
    params: { paymentRate: 30, withoutQueue: true },
  },
};
