import { ApiGateway, TokenBucket, type HttpStatus } from '../../aws';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link, Request } from '../link';
import type { Reply, Result, Trace } from '../messages';

/** One route of the API: an outgoing sync edge with a `route`, its own throttle and counts. */
interface Route {
  link: Link;
  /** Method-level throttling (a stage's route settings); undefined: only the stage's. */
  bucket: TokenBucket | undefined;
  counts: {
    requests: number;
    ok: number;
    throttled: number;
    clientErrors: number;
    serverErrors: number;
    timedOut: number;
  };
}

/**
 * API Gateway. A request takes a token from the stage's bucket (none left: 429), is matched to a
 * route (an outgoing sync edge whose `route` has its method and path; an edge without a route
 * takes every request), takes a token from that route's own bucket if it has method throttling,
 * and calls the Lambda proxy integration behind it. The answer is the function's own status;
 * 500 when Lambda throttled the invocation; 502 when the function failed; 504 past the
 * integration timeout. A request no route takes gets what the API type answers: a REST API 403
 * "Missing Authentication Token", an HTTP API 404 "Not Found".
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * and https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 *
 * Config: `apiType` (REST | HTTP), `rateLimitPerS`, `burst`, `integrationTimeoutMs`, `overhead`
 * (distribution, ms each way). Route edge config: `throttleRatePerS`, `throttleBurst`.
 *
 * Stats: `billedRequests` counts the requests sent on to an integration, which is what API Gateway
 * bills: throttled (429) and unrouted requests are not billed.
 */
class ApiGatewayNode implements NodeInstance {
  private readonly api: ApiGateway;
  private readonly routes: Route[] = [];
  private apiType: string;
  private unrouted = 0;
  /**
   * Requests sent on to an integration: what API Gateway bills (throttled and unrouted ones are
   * not billed).
   */
  private billed = 0;

  constructor(private readonly ctx: NodeContext) {
    this.api = new ApiGateway(ctx.world, ctx.rng, settings(ctx.config));
    this.apiType = ctx.config.str('apiType', 'REST');
  }

  start(): void {
    for (const link of this.ctx.runtime.out) {
      // An AWS service integration that hands the request to a buffer (SQS SendMessage, Step
      // Functions StartExecution) is an `async` edge with a route.
      if (link.edge.kind !== 'sync' && !(link.edge.kind === 'async' && link.edge.route)) continue;
      this.routes.push({
        link,
        bucket: routeBucket(link, this.ctx.world.sim.now),
        counts: { requests: 0, ok: 0, throttled: 0, clientErrors: 0, serverErrors: 0, timedOut: 0 },
      });
    }
  }

  /** The route that takes a request: the one with its method and path, else a catch-all. */
  private match(request: Request | undefined): Route | undefined {
    if (request) {
      const exact = this.routes.find(
        (r) =>
          r.link.edge.route?.path === request.path &&
          (r.link.edge.route.method === request.method || r.link.edge.route.method === 'ANY'),
      );
      if (exact) return exact;
    }
    return this.routes.find((r) => r.link.edge.route === undefined);
  }

  accept(trace: Trace, reply: Reply, _link: Link, request?: Request): void {
    let outcome: Result | undefined;
    const route = this.match(request);
    if (route) route.counts.requests++;
    this.api.handle(
      (answer) => {
        if (!route) {
          this.unrouted++;
          outcome =
            this.apiType === 'HTTP'
              ? { ok: false, error: 'notFound', status: 404, atGateway: true, message: 'Not Found' }
              : {
                  ok: false,
                  error: 'notFound',
                  status: 403,
                  atGateway: true,
                  message: 'Missing Authentication Token',
                };
          answer(outcome.status as HttpStatus);
          return;
        }
        if (route.bucket && !route.bucket.tryTake(this.ctx.world.sim.now)) {
          outcome = {
            ok: false,
            error: 'throttled',
            status: 429,
            atGateway: true,
            message: 'Too Many Requests',
          };
          answer(429);
          return;
        }
        this.billed++;
        route.link.call(trace, (r) => {
          outcome = r;
          answer(proxyStatus(r));
        });
      },
      (status) => {
        const result: Result =
          status === 429 && !outcome
            ? {
                ok: false,
                error: 'throttled',
                status,
                atGateway: true,
                message: 'Too Many Requests',
              }
            : status === 504
              ? { ok: false, error: 'timeout', status, message: 'Endpoint request timed out' }
              : outcome
                ? { ...outcome, status }
                : { ok: false, error: 'error', status };
        if (route) count(route, result);
        reply(result);
      },
    );
  }

  reconfigure(config: ConfigReader): void {
    const { overhead, ...limits } = settings(config);
    this.api.reconfigure(limits);
    this.api.config.overhead = overhead; // read at each request
    this.apiType = config.str('apiType', 'REST');
    const now = this.ctx.world.sim.now;
    for (const r of this.routes) {
      const rate = r.link.config.optNum('throttleRatePerS');
      const burst = r.link.config.optNum('throttleBurst');
      if (rate === undefined) r.bucket = undefined;
      else if (r.bucket) r.bucket.setLimits(rate, burst ?? rate, now);
      else r.bucket = routeBucket(r.link, now);
    }
  }

  stats(): NodeStats {
    return { ...this.api.stats(), unrouted: this.unrouted, billedRequests: this.billed };
  }

  edgeStats(): Record<string, NodeStats> {
    const out: Record<string, NodeStats> = {};
    const now = this.ctx.world.sim.now;
    for (const r of this.routes) {
      if (!r.link.edge.route) continue;
      out[r.link.id] = {
        ...r.counts,
        ...(r.bucket ? { tokens: Math.floor(r.bucket.available(now)) } : {}),
      };
    }
    return out;
  }
}

function routeBucket(link: Link, now: number): TokenBucket | undefined {
  const rate = link.config.optNum('throttleRatePerS');
  if (rate === undefined) return undefined;
  return new TokenBucket(rate, link.config.num('throttleBurst', rate), now);
}

function count(route: Route, r: Result): void {
  const status = r.status ?? (r.ok ? 200 : 500);
  const c = route.counts;
  if (status < 400) c.ok++;
  else if (status === 429) c.throttled++;
  else if (status === 504) c.timedOut++;
  else if (status < 500) c.clientErrors++;
  else c.serverErrors++;
}

function settings(config: ConfigReader) {
  return {
    rateLimitPerS: config.num('rateLimitPerS', 10_000),
    burst: config.num('burst', 5_000),
    integrationTimeoutMs: config.num('integrationTimeoutMs', 29_000),
    overhead: config.dist('overhead', { kind: 'lognormal', mean: 3, cv: 0.3 }),
  };
}

/** What API Gateway answers for a Lambda proxy integration's result. */
function proxyStatus(r: Result): HttpStatus {
  if (r.ok) return (r.status ?? 200) as HttpStatus;
  if (r.status) return r.status as HttpStatus;
  return r.error === 'throttled' ? 500 : 502;
}

/** The `apiGateway` kind. */
export const apiGatewayKind: KindModule = {
  kind: 'apiGateway',
  statKeys: [
    'requests',
    'throttled',
    'timedOut',
    'errors',
    'tokens',
    'burst',
    'unrouted',
    'billedRequests',
  ],
  create: (ctx) => new ApiGatewayNode(ctx),
};
