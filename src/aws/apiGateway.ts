import {
  sample,
  TimeoutQueue,
  type Counter,
  type Distribution,
  type Rng,
  type TimeoutHandle,
  type World,
} from '../engine';
import { TokenBucket } from './tokenBucket';

/** HTTP status codes the models answer with. */
export type HttpStatus = 200 | 202 | 403 | 404 | 429 | 500 | 502 | 504;

/** API Gateway settings (REST API, Lambda integration). */
export interface ApiGatewayConfig {
  /** Token-bucket refill rate, requests/s (account default 10,000). */
  rateLimitPerS: number;
  /** Token-bucket size (account default 5,000). */
  burst: number;
  /**
   * Integration timeout, ms; past it the caller gets 504. REST APIs allow 50 ms to 29 s by
   * default, and since June 2024 Regional and private REST APIs may go above 29 s through a
   * quota increase (which may lower the account's throttle rate). The model takes any positive
   * value and caps none: keeping a timeout within what the API type allows is the pattern's job.
   */
  integrationTimeoutMs: number;
  /** The gateway's own processing time per request, each way. */
  overhead: Distribution;
  /**
   * Whether `handle` applies the rate limit and burst itself, to every request (default true).
   * False when the caller applies them per method instead (an API with a route table: AWS applies
   * a stage's limits to each method separately) and this bucket stays untouched.
   */
  stageThrottle?: boolean;
}

/** The integration behind a route: call `done` with the status it produced. */
export type Integration = (done: (status: HttpStatus) => void) => void;

/** Live numbers for the node badge and the CLI (a type alias, so a `Record<string, number>`). */
export type ApiGatewayStats = {
  /** Requests received. */
  requests: number;
  /** Requests refused with 429 by the throttle. */
  throttled: number;
  /** Requests answered 504 at the integration timeout. */
  timedOut: number;
  /** Requests whose integration answered 500 or 502. */
  errors: number;
  /** Whole tokens in the throttle bucket now. */
  tokens: number;
  /** The bucket's size (burst limit). */
  burst: number;
};

/**
 * API Gateway in front of a synchronous integration. A request takes a token from the throttle
 * bucket (none left: 429 at once), pays the gateway's overhead, calls the integration and waits
 * for it; an integration slower than the timeout gets 504 (its late answer is ignored, but the
 * work it started goes on, as on AWS).
 *
 * Throttling is a token bucket, one token per request, refilled at the rate limit up to the burst
 * (AWS, "Throttle requests to your REST APIs",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 * The integration timeout's range is in "Quotas for configuring and running a REST API",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html,
 * and "Amazon API Gateway integration timeout limit increase beyond 29 seconds" (What's New,
 * 4 June 2024),
 * https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/.
 */
export class ApiGateway {
  readonly bucket: TokenBucket;
  readonly requests: Counter = { value: 0 };
  readonly throttled: Counter = { value: 0 };
  readonly timedOut: Counter = { value: 0 };
  readonly errors: Counter = { value: 0 };
  private deadlines: TimeoutQueue<(status: HttpStatus) => void>;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    readonly config: ApiGatewayConfig,
  ) {
    this.bucket = new TokenBucket(config.rateLimitPerS, config.burst, world.sim.now);
    this.deadlines = this.makeDeadlines();
  }

  /** Changes throttle limits and timeout mid-run; requests already waiting keep their deadline. */
  reconfigure(config: Partial<Omit<ApiGatewayConfig, 'overhead'>>): void {
    const now = this.world.sim.now;
    Object.assign(this.config, config);
    this.bucket.setLimits(this.config.rateLimitPerS, this.config.burst, now);
    if (this.deadlines.durationMs !== this.config.integrationTimeoutMs)
      this.deadlines = this.makeDeadlines();
  }

  private makeDeadlines(): TimeoutQueue<(status: HttpStatus) => void> {
    return new TimeoutQueue(this.world.sim, this.config.integrationTimeoutMs, (answer) => {
      this.timedOut.value++;
      answer(504);
    });
  }

  /**
   * Handles one request; `respond` gets the status once the gateway answers. `admit` runs first
   * (API keys and usage plans, which AWS applies before the stage's throttle): a status from it
   * is the answer at once, and the stage's bucket is not touched.
   */
  handle(
    integration: Integration,
    respond: (status: HttpStatus) => void,
    admit?: () => HttpStatus | undefined,
  ): void {
    const sim = this.world.sim;
    this.requests.value++;
    const refused = admit?.();
    if (refused !== undefined) {
      respond(refused);
      return;
    }
    if (this.config.stageThrottle !== false && !this.bucket.tryTake(sim.now)) {
      this.throttled.value++;
      respond(429);
      return;
    }
    let answered = false;
    let deadline: TimeoutHandle | undefined;
    const deadlines = this.deadlines;
    const answer = (status: HttpStatus): void => {
      if (answered) return;
      answered = true;
      if (deadline) deadlines.cancel(deadline);
      if (status === 500 || status === 502) this.errors.value++;
      sim.schedule(sample(this.config.overhead, this.rng), respond, status);
    };
    sim.schedule(
      sample(this.config.overhead, this.rng),
      () => {
        deadline = deadlines.add(answer);
        integration(answer);
      },
      undefined,
    );
  }

  /** Live numbers for the node badge and the CLI. */
  stats(): ApiGatewayStats {
    return {
      requests: this.requests.value,
      throttled: this.throttled.value,
      timedOut: this.timedOut.value,
      errors: this.errors.value,
      tokens: Math.floor(this.bucket.available(this.world.sim.now)),
      burst: this.config.burst,
    };
  }
}
