import type { Rng } from '../../engine';
import { ApiGateway, TokenBucket, UsagePlan, type HttpStatus, type QuotaPeriod } from '../../aws';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link, Request } from '../link';
import type { Reply, Result, Trace } from '../messages';
import { Throughput } from '../throughput';
import { narrateApiGateway } from './stories';

/** One route of the API: an outgoing sync edge with a `route`, its own throttle and counts. */
interface Route {
  link: Link;
  /** The route's method throttling; undefined when it has none. */
  bucket: TokenBucket | undefined;
  /**
   * The stage's limits for this route alone (AWS applies them per method); undefined on a
   * gateway without a route table, whose one stage bucket (ApiGateway) covers its requests.
   */
  stageBucket: TokenBucket | undefined;
  counts: {
    requests: number;
    ok: number;
    throttled: number;
    clientErrors: number;
    serverErrors: number;
    timedOut: number;
  };
  /** Requests per second over the last ten seconds. */
  recent: Throughput;
}

/**
 * API Gateway. A request takes a token from the account's bucket (10,000 requests/s, burst 5,000,
 * shared by every API of the account in the Region: every gateway of the run), is matched to a
 * route (an outgoing sync edge whose `route` has its method and path; an edge without a route
 * takes every request), takes a token from that route's buckets, and calls the Lambda proxy
 * integration behind it. AWS applies a stage's rate and burst to each method separately ("per-API,
 * per-stage throttling limits are applied at the API method level for a stage"), so every route
 * has a bucket of its own at the stage's limits, and another at its method throttling where set
 * (the stricter of the two decides, as reported from tests on AWS). One noisy route therefore never
 * takes tokens from another, behind one gateway or several; what they all share is the account's
 * limit. A gateway without a route table has one bucket, the stage's.
 *
 * The answer is the function's own status; 500 when Lambda throttled the invocation; 502 when the
 * function failed; 504 past the integration timeout. A request no route takes gets what the API type answers: a REST API 403
 * "Missing Authentication Token", an HTTP API 404 "Not Found".
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * and https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 *
 * Usage plans (`usagePlan: true`): every method then requires an API key, and each key has the
 * plan's own token bucket and quota (see `aws/usagePlan.ts`), applied before the stage's throttle
 * as AWS does. The callers' requests spread over `apiKeys` keys per caller (each node calling the
 * gateway has keys of its own, used in turn); `missingKeyPercent` of the requests come without a
 * valid key and get 403 "Forbidden"; over a key's throttle 429 "Too Many Requests", over its quota
 * 429 "Limit Exceeded".
 *
 * Config: `apiType` (REST | HTTP), `rateLimitPerS`, `burst`, `integrationTimeoutMs`, `overhead`
 * (distribution, ms each way), `usagePlan`, `apiKeys`, `keyRateLimitPerS`, `keyBurst`,
 * `quotaLimit` (requests per key and period; 0: no quota), `quotaPeriod` (DAY | WEEK | MONTH),
 * `missingKeyPercent`. Route edge config: `throttleRatePerS`, `throttleBurst`.
 *
 * Stats: `throttled` counts every 429 the gateway answered (account, stage, method, key throttle,
 * quota);
 * `billedRequests` counts the requests sent on to an integration, which is what API Gateway bills:
 * throttled (429) and unrouted requests are not billed. A gateway with a route table also reports
 * `requestsPerS`, `stageThrottled`, `methodThrottled`, `accountThrottled`, `keyThrottled`,
 * `quotaExceeded`, `tokens` (the stage's tokens on its emptiest route),
 * `forbidden`, `clientErrors` (4xx other than 429), `serverErrors` (5xx) and, with a usage plan,
 * `keyTokens` (the emptiest key's tokens); each route the same per edge (`edgeStats`).
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
  private methodThrottled = 0;
  /** 429s from a route's bucket at the stage's limits (a route table's stage throttling). */
  private stagePerMethodThrottled = 0;
  /** 429s because the account's bucket, shared by every gateway of the run, was empty. */
  private accountThrottled = 0;
  /** Whether the API has a route table (its stage's limits then apply per method). */
  private perMethod = false;
  private readonly recent: Throughput;
  /** The usage plan while one is on; undefined otherwise. */
  private plan: UsagePlan | undefined;
  private missingKeyShare = 0;
  private keysPerCaller = 1;
  /** Which of its keys each caller uses next (round robin). */
  private readonly nextKey = new Map<string, number>();
  /** Draws which requests come without a valid key (a stream of its own: nothing else shifts). */
  private readonly keyRng: Rng;

  constructor(private readonly ctx: NodeContext) {
    this.api = new ApiGateway(ctx.world, ctx.rng, settings(ctx.config));
    this.apiType = ctx.config.str('apiType', 'REST');
    this.recent = new Throughput(ctx.world.sim);
    this.keyRng = ctx.rng.split('apiKeys');
    this.configurePlan(ctx.config);
  }

  /** Turns the usage plan on, off, or gives it new limits (keys keep what they used). */
  private configurePlan(config: ConfigReader): void {
    if (!config.bool('usagePlan', false)) {
      this.plan = undefined;
      return;
    }
    const quota = config.num('quotaLimit', 0);
    const limits = {
      rateLimitPerS: config.num('keyRateLimitPerS', 10_000),
      burst: config.num('keyBurst', 5_000),
      quotaLimit: quota > 0 ? quota : undefined,
      quotaPeriod: quotaPeriod(config.str('quotaPeriod', 'DAY')),
    };
    if (this.plan) this.plan.reconfigure(limits, this.ctx.world.sim.now);
    else this.plan = new UsagePlan(limits);
    this.keysPerCaller = Math.max(1, Math.round(config.num('apiKeys', 1)));
    this.missingKeyShare = Math.min(1, Math.max(0, config.num('missingKeyPercent', 0) / 100));
  }

  /** The API key a request from `caller` carries; undefined when it has no valid one. */
  private keyOf(caller: string): string | undefined {
    if (this.missingKeyShare > 0 && this.keyRng.chance(this.missingKeyShare)) return undefined;
    const i = this.nextKey.get(caller) ?? 0;
    this.nextKey.set(caller, (i + 1) % this.keysPerCaller);
    return `${caller}#${i % this.keysPerCaller}`;
  }

  start(): void {
    const links = this.ctx.runtime.out.filter(
      // An AWS service integration that hands the request to a buffer (SQS SendMessage, Step
      // Functions StartExecution) is an `async` edge with a route.
      (link) => link.edge.kind === 'sync' || (link.edge.kind === 'async' && link.edge.route),
    );
    this.perMethod = links.some((link) => link.edge.route);
    // With a route table the stage's limits go to each route's bucket instead of one for all.
    if (this.perMethod) this.api.reconfigure({ stageThrottle: false });
    for (const link of links) {
      this.routes.push({
        link,
        bucket: undefined,
        stageBucket: undefined,
        counts: { requests: 0, ok: 0, throttled: 0, clientErrors: 0, serverErrors: 0, timedOut: 0 },
        recent: new Throughput(this.ctx.world.sim),
      });
    }
    this.limitRoutes(this.ctx.config);
  }

  /** Gives each route its buckets' limits: the stage's (per method), and its method throttling. */
  private limitRoutes(config: ConfigReader): void {
    const now = this.ctx.world.sim.now;
    const stage = settings(config);
    const limit = (b: TokenBucket | undefined, rate: number, burst: number) => {
      if (!b) return new TokenBucket(rate, burst, now);
      b.setLimits(rate, burst, now);
      return b;
    };
    for (const r of this.routes) {
      const rate = r.link.config.optNum('throttleRatePerS');
      r.bucket =
        rate === undefined
          ? undefined
          : limit(r.bucket, rate, r.link.config.num('throttleBurst', rate));
      r.stageBucket = this.perMethod
        ? limit(r.stageBucket, stage.rateLimitPerS, stage.burst)
        : undefined;
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

  accept(trace: Trace, reply: Reply, link: Link, request?: Request): void {
    let outcome: Result | undefined;
    const route = this.match(request);
    const now = this.ctx.world.sim.now;
    this.recent.record(now, 1);
    if (route) {
      route.counts.requests++;
      route.recent.record(now, 1);
    }
    // API keys and usage plans come first (a request no route takes is refused before any key
    // is looked at: AWS answers 403 "Missing Authentication Token" without one).
    const plan = this.plan;
    const admit = route
      ? (): HttpStatus | undefined => {
          if (plan) {
            const verdict = plan.admit(this.keyOf(link.source.node.id), now);
            if (verdict !== 'ok') {
              outcome = usagePlanRefusal(verdict);
              return outcome.status as HttpStatus;
            }
          }
          // The account's limit, shared by every API of the account in the Region.
          if (!accountBucket(this.ctx.world).tryTake(now)) {
            this.accountThrottled++;
            outcome = {
              ok: false,
              error: 'throttled',
              status: 429,
              atGateway: true,
              message: 'Too Many Requests',
            };
            return 429;
          }
          return undefined;
        }
      : undefined;
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
        const t = this.ctx.world.sim.now;
        const stageEmpty = route.stageBucket !== undefined && route.stageBucket.available(t) < 1;
        const methodEmpty = route.bucket !== undefined && route.bucket.available(t) < 1;
        if (stageEmpty || methodEmpty) {
          if (methodEmpty) this.methodThrottled++;
          else this.stagePerMethodThrottled++;
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
        route.stageBucket?.tryTake(t);
        route.bucket?.tryTake(t);
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
      admit,
    );
  }

  reconfigure(config: ConfigReader): void {
    const { overhead, ...limits } = settings(config);
    this.api.reconfigure({ ...limits, stageThrottle: !this.perMethod });
    this.api.config.overhead = overhead; // read at each request
    this.apiType = config.str('apiType', 'REST');
    this.configurePlan(config);
    this.limitRoutes(config);
  }

  stats(): NodeStats {
    const api = this.api.stats();
    const plan = this.plan?.counts ?? { forbidden: 0, keyThrottled: 0, quotaExceeded: 0 };
    const routeThrottled = this.methodThrottled + this.stagePerMethodThrottled;
    const stats: NodeStats = {
      ...api,
      throttled:
        api.throttled +
        routeThrottled +
        this.accountThrottled +
        plan.keyThrottled +
        plan.quotaExceeded,
      unrouted: this.unrouted,
      billedRequests: this.billed,
    };
    if (!this.routes.some((r) => r.link.edge.route)) return stats;
    // A gateway with a route table: what its badges and per-route charts show.
    let clientErrors = 0;
    let serverErrors = 0;
    for (const r of this.routes) {
      clientErrors += r.counts.clientErrors;
      serverErrors += r.counts.serverErrors + r.counts.timedOut;
    }
    const now = this.ctx.world.sim.now;
    // The stage's tokens: with its limits applied per method, the emptiest route's.
    let tokens = Infinity;
    for (const r of this.routes)
      if (r.stageBucket) tokens = Math.min(tokens, r.stageBucket.available(now));
    return {
      ...stats,
      ...(Number.isFinite(tokens) ? { tokens: Math.floor(tokens) } : {}),
      requestsPerS: Math.round(this.recent.perSecond() * 10) / 10,
      stageThrottled: api.throttled + this.stagePerMethodThrottled,
      methodThrottled: this.methodThrottled,
      accountThrottled: this.accountThrottled,
      ...plan,
      clientErrors: clientErrors + this.unrouted,
      serverErrors,
      ...(this.plan ? { keyTokens: this.plan.minTokens(now) } : {}),
    };
  }

  edgeStats(): Record<string, NodeStats> {
    const out: Record<string, NodeStats> = {};
    const now = this.ctx.world.sim.now;
    for (const r of this.routes) {
      if (!r.link.edge.route) continue;
      out[r.link.id] = {
        ...r.counts,
        requestsPerS: Math.round(r.recent.perSecond() * 10) / 10,
        http5xx: r.counts.serverErrors + r.counts.timedOut,
        ...routeTokens(r, now),
      };
    }
    return out;
  }
}

/**
 * The account's throttle in the Region: 10,000 requests a second with a burst of 5,000, shared by
 * every API (AWS, "Throttle requests to your REST APIs", account-level throttling per Region). One
 * per run: every gateway node of a world takes from the same bucket.
 */
const ACCOUNT_RATE_PER_S = 10_000;
const ACCOUNT_BURST = 5_000;
const accounts = new WeakMap<object, TokenBucket>();
function accountBucket(world: { sim: { now: number } }): TokenBucket {
  let bucket = accounts.get(world);
  if (!bucket) {
    bucket = new TokenBucket(ACCOUNT_RATE_PER_S, ACCOUNT_BURST, world.sim.now);
    accounts.set(world, bucket);
  }
  return bucket;
}

/** A route's tokens left: the fewer of its stage-limit and method buckets'. */
function routeTokens(r: Route, now: number): { tokens?: number } {
  const left = [r.stageBucket, r.bucket]
    .filter((b) => b !== undefined)
    .map((b) => b.available(now));
  return left.length > 0 ? { tokens: Math.floor(Math.min(...left)) } : {};
}

/** The answer to a request the usage plan refused. */
function usagePlanRefusal(verdict: 'forbidden' | 'throttled' | 'quotaExceeded'): Result {
  if (verdict === 'forbidden')
    return { ok: false, error: 'refused', status: 403, atGateway: true, message: 'Forbidden' };
  return {
    ok: false,
    error: 'throttled',
    status: 429,
    atGateway: true,
    message: verdict === 'quotaExceeded' ? 'Limit Exceeded' : 'Too Many Requests',
  };
}

function quotaPeriod(s: string): QuotaPeriod {
  return s === 'WEEK' || s === 'MONTH' ? s : 'DAY';
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
  narrate: narrateApiGateway,
  statKeys: [
    'requests',
    'throttled',
    'timedOut',
    'errors',
    'tokens',
    'burst',
    'unrouted',
    'billedRequests',
    'requestsPerS',
    'stageThrottled',
    'methodThrottled',
    'accountThrottled',
    'keyThrottled',
    'quotaExceeded',
    'forbidden',
    'clientErrors',
    'serverErrors',
    'keyTokens',
  ],
  create: (ctx) => new ApiGatewayNode(ctx),
};
