import { TokenBucket } from './tokenBucket';

/** The period a usage plan's quota counts over. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

const DAY_MS = 86_400_000;
/** How long each quota period lasts, in ms (a month as 30 days, like the cost model). */
export const QUOTA_PERIOD_MS: Record<QuotaPeriod, number> = {
  DAY: DAY_MS,
  WEEK: 7 * DAY_MS,
  MONTH: 30 * DAY_MS,
};

/** A usage plan's limits, the same for every API key in it. */
export interface UsagePlanConfig {
  /** Steady requests per second each key may make (the plan's throttle rate). */
  rateLimitPerS: number;
  /** Each key's token-bucket size (the plan's throttle burst). */
  burst: number;
  /** Requests each key may make per `quotaPeriod`; undefined: no quota. */
  quotaLimit: number | undefined;
  quotaPeriod: QuotaPeriod;
}

/**
 * What API Gateway decides for one request under a usage plan, before the stage's throttle:
 * - `forbidden`: the method requires an API key and the request has none that is valid (403
 *   "Forbidden");
 * - `throttled`: the key's token bucket is empty (429 "Too Many Requests");
 * - `quotaExceeded`: the key used up its quota for the period (429 "Limit Exceeded");
 * - `ok`: on it goes (a token and one request of the quota spent).
 */
export type UsagePlanVerdict = 'ok' | 'forbidden' | 'throttled' | 'quotaExceeded';

interface KeyState {
  bucket: TokenBucket;
  /** Which period `used` counts (period number since t = 0). */
  period: number;
  used: number;
}

/**
 * A usage plan: API keys, each with its own token bucket (the plan's rate and burst) and its own
 * quota per day, week or month. Quotas restart at the start of each period (counted from t = 0 of
 * the run, as AWS counts from the start of the UTC day, week or month); requests refused by the
 * key's throttle or quota use none of it (the quota is checked first, so a key over its quota
 * spends no tokens).
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 * and, for the order (usage plan limits before method, stage and account limits),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class UsagePlan {
  private readonly keys = new Map<string, KeyState>();
  readonly counts = { forbidden: 0, keyThrottled: 0, quotaExceeded: 0 };

  constructor(public config: UsagePlanConfig) {}

  /** Changes the plan's limits mid-run (every key keeps the tokens and quota it has used). */
  reconfigure(config: UsagePlanConfig, nowMs: number): void {
    this.config = config;
    for (const k of this.keys.values())
      k.bucket.setLimits(config.rateLimitPerS, config.burst, nowMs);
  }

  /** Decides one request made with `key` (undefined: no valid key) at `nowMs`. */
  admit(key: string | undefined, nowMs: number): UsagePlanVerdict {
    if (key === undefined) {
      this.counts.forbidden++;
      return 'forbidden';
    }
    const k = this.state(key, nowMs);
    const { quotaLimit, quotaPeriod } = this.config;
    const period = Math.floor(nowMs / QUOTA_PERIOD_MS[quotaPeriod]);
    if (period !== k.period) {
      k.period = period;
      k.used = 0;
    }
    if (quotaLimit !== undefined && k.used >= quotaLimit) {
      this.counts.quotaExceeded++;
      return 'quotaExceeded';
    }
    if (!k.bucket.tryTake(nowMs)) {
      this.counts.keyThrottled++;
      return 'throttled';
    }
    k.used++;
    return 'ok';
  }

  /** Requests `key` has left in its current quota period (Infinity without a quota). */
  remaining(key: string, nowMs: number): number {
    const { quotaLimit, quotaPeriod } = this.config;
    if (quotaLimit === undefined) return Infinity;
    const k = this.keys.get(key);
    if (!k || Math.floor(nowMs / QUOTA_PERIOD_MS[quotaPeriod]) !== k.period) return quotaLimit;
    return Math.max(0, quotaLimit - k.used);
  }

  /** The fewest whole tokens any key has now (the burst when no key has been used). */
  minTokens(nowMs: number): number {
    let min = this.config.burst;
    for (const k of this.keys.values()) min = Math.min(min, k.bucket.available(nowMs));
    return Math.floor(min);
  }

  /** Keys that have made a request so far. */
  get keysSeen(): number {
    return this.keys.size;
  }

  private state(key: string, nowMs: number): KeyState {
    let k = this.keys.get(key);
    if (!k) {
      k = {
        bucket: new TokenBucket(this.config.rateLimitPerS, this.config.burst, nowMs),
        period: Math.floor(nowMs / QUOTA_PERIOD_MS[this.config.quotaPeriod]),
        used: 0,
      };
      this.keys.set(key, k);
    }
    return k;
  }
}
