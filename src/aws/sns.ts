import type { Counter, Rng, Simulation } from '../engine';
import {
  RetryLoop,
  type DeliveryEndpoint,
  type DeliveryResult,
  type DeliveryStopReason,
  type RetryDecider,
} from './delivery';
import { TokenBucket } from './tokenBucket';

/**
 * Amazon SNS standard topics: Publish (with the account's publish-rate quota) and the delivery of
 * each message to each subscription, with the retries of the protocol's delivery policy.
 *
 * Filtering is not done here: the caller matches subscription filter policies (src/aws/snsFilter)
 * and hands each matching subscription the message with {@link SnsSubscription.deliver}.
 *
 * AWS behaviour followed:
 * - Publish (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html): "When a messageId is
 *   returned, the message is saved and Amazon SNS immediately delivers it to subscribers." The
 *   publisher's call succeeds whether or not any subscription receives the message: the topic
 *   answers first, and every delivery attempt runs later (here: in a later event of the same
 *   instant at the earliest; see {@link SnsSubscription.deliver}).
 * - Publish quota ("Amazon Simple Notification Service endpoints and quotas",
 *   https://docs.aws.amazon.com/general/latest/gr/sns.html): messages per second per account,
 *   counting Publish and PublishBatch together; standard topics 30,000/s in US East (N. Virginia),
 *   9,000/s in US West (Oregon) and Europe (Ireland), 1,500/s in eight more Regions, 300/s
 *   elsewhere. Over it, the call fails with ThrottlingException ("Rate exceeded",
 *   https://repost.aws/knowledge-center/sns-throttling-exception-errors). Modelled as a token
 *   bucket; AWS publishes no burst size, so the bucket holds one second's worth by default.
 * - Delivery policies ("Amazon SNS message delivery retries",
 *   https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html): four phases
 *   (immediate retries with no delay, pre-backoff retries at the minimum delay, backoff retries
 *   from the minimum to the maximum delay, post-backoff retries at the maximum delay).
 *   AWS-managed endpoints (Lambda, SQS, Firehose): 3 immediate, 2 one second apart, 10 with
 *   exponential backoff from 1 s to 20 s, 100,000 twenty seconds apart: "100,015 times, over 23
 *   days". Customer-managed endpoints (SMTP, SMS, mobile push): 0 immediate, 2 ten seconds apart,
 *   10 with exponential backoff from 10 s to 600 s, 38 six hundred seconds apart: "50 attempts,
 *   over 6 hours". AWS's "attempts" there are the retries (the four phases add up to them), so the
 *   first delivery attempt comes on top: 100,016 and 51 attempts in all here. "With the exception
 *   of HTTP/S, you can't change Amazon SNS-defined delivery policies."
 * - HTTP/S: the default is "up to three retries with a delay between failed attempts set at 20
 *   seconds" (https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.retry.html; the
 *   subscription's healthyRetryPolicy defaults: minDelayTarget 20, maxDelayTarget 20, numRetries
 *   3, backoffFunction linear). A custom policy is validated with the documented constraints:
 *   minDelayTarget 1 to maxDelayTarget, maxDelayTarget up to 3,600 s, numRetries 0 to 100, the
 *   phase counts 0 or more, and "the total policy retry time for an HTTP/S endpoint cannot be
 *   greater than 3,600 seconds". The backoff phase has numRetries − numNoDelayRetries −
 *   numMinDelayRetries − numMaxDelayRetries retries (AWS's formula), so the three counts may not
 *   add up to more than numRetries. Whole seconds, as in AWS's JSON (int).
 * - Which failures are retried: "server-side errors" (the endpoint is unavailable or answers that
 *   it can't process the request) are retried by the policy; "client-side errors" (stale
 *   subscription metadata: a deleted endpoint, or a policy on the endpoint that no longer lets
 *   SNS deliver) are not retried ("Amazon SNS dead-letter queues",
 *   https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html). Endpoints answer
 *   'retryable' for the former and 'permanent' for the latter. For HTTP/S, "if your endpoint does
 *   not respond before the connection times out [15 seconds] or if your endpoint returns a status
 *   code outside the range of 200–4xx, Amazon SNS will consider the delivery of the message as a
 *   failed attempt" (https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.prepare.html):
 *   a 4xx, 429 included, is *not* a failed attempt, so it is neither retried nor sent to the DLQ.
 *   {@link snsHttpResult} maps a status to a result that way.
 * - Once the policy is exhausted (or after a client-side error), "Amazon SNS stops retrying the
 *   delivery and discards the message—unless a dead-letter queue is attached to the
 *   subscription". The subscription reports it through `onExhausted`; the caller sends it to the
 *   DLQ when `redrive` is set, or counts it lost.
 * - Raw message delivery is available for Amazon SQS, HTTP/S and Firehose subscriptions
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html); other
 *   protocols refuse it here. The flag is only carried and reported.
 *
 * Choices where the documentation is silent:
 * - Backoff functions. The docs give only the ends (minDelayTarget "defines the delay associated
 *   with the first retry attempt in the backoff phase", maxDelayTarget the final one) and a chart
 *   of the four functions over 10 retries from 5 s to 260 s, in which all four start at the
 *   minimum and reach the maximum on the last retry, linear as a straight line, the others
 *   curving upwards. Here, with t = j/(n−1) for backoff retry j of n: linear min + (max−min)·t;
 *   arithmetic: the increments grow arithmetically (1, 2, 3...), min + (max−min)·j(j+1)/(n(n−1));
 *   geometric: the increments double, min + (max−min)·(2^j − 1)/(2^(n−1) − 1); exponential: a
 *   constant ratio, min·(max/min)^t (so AWS's "exponential backoff from 1 second to 20 seconds" is
 *   1, 1.39, 1.95... 20 s). A backoff phase of one retry uses the minimum. Delays are whole ms.
 * - Jitter. "Amazon SNS applies jittering to delivery retries" without saying how much. By default
 *   none (the schedule is exact, as in the table); with `jitter` a delay d becomes
 *   d·(1 + ratio·(u − ½)), u uniform in [0, 1) from the Rng given (the mean is kept).
 * - A failed attempt's own duration (e.g. the 15 s HTTP timeout) is the endpoint's: the delay
 *   counts from when it reported the failure.
 */

/** SNS subscription protocols modelled. */
export type SnsProtocol =
  'lambda' | 'sqs' | 'firehose' | 'email' | 'email-json' | 'http' | 'https' | 'sms';

/** SNS backoff functions (healthyRetryPolicy.backoffFunction). */
export type SnsBackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

/** A delivery policy's retry policy, AWS's healthyRetryPolicy (delays in whole seconds). */
export interface SnsRetryPolicy {
  /** Delay of the pre-backoff retries and of the first backoff retry, s. */
  minDelayTarget: number;
  /** Delay of the last backoff retry and of the post-backoff retries, s. */
  maxDelayTarget: number;
  /** Retries in all four phases together. */
  numRetries: number;
  /** Immediate retries (no delay). */
  numNoDelayRetries: number;
  /** Pre-backoff retries, minDelayTarget apart. */
  numMinDelayRetries: number;
  /** Post-backoff retries, maxDelayTarget apart. */
  numMaxDelayRetries: number;
  backoffFunction: SnsBackoffFunction;
}

/** AWS-managed endpoints (Lambda, SQS, Firehose): 100,015 retries over about 23 days. */
export const SNS_AWS_MANAGED_POLICY: Readonly<SnsRetryPolicy> = Object.freeze({
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_015,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 100_000,
  backoffFunction: 'exponential',
});

/** Customer-managed endpoints (email/SMTP, SMS, mobile push): 50 retries over about 6.8 hours. */
export const SNS_CUSTOMER_MANAGED_POLICY: Readonly<SnsRetryPolicy> = Object.freeze({
  minDelayTarget: 10,
  maxDelayTarget: 600,
  numRetries: 50,
  numNoDelayRetries: 0,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 38,
  backoffFunction: 'exponential',
});

/** HTTP/S without a delivery policy: 3 retries, 20 seconds apart. */
export const SNS_HTTP_DEFAULT_POLICY: Readonly<SnsRetryPolicy> = Object.freeze({
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
});

/** Documented HTTP/S delivery policy limits. */
export const SNS_HTTP_POLICY_LIMITS = {
  maxNumRetries: 100,
  maxDelayTargetS: 3600,
  /** "The total policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds." */
  maxTotalRetryTimeS: 3600,
} as const;

/** Default Publish quota (standard topics, US East (N. Virginia)), messages per second. */
export const SNS_DEFAULT_PUBLISH_PER_SECOND = 30_000;

/** A delivery policy AWS would refuse (InvalidParameter); the message says which field. */
export class SnsDeliveryPolicyError extends Error {
  override name = 'SnsDeliveryPolicyError';
}

const BACKOFF_FUNCTIONS: readonly SnsBackoffFunction[] = [
  'linear',
  'arithmetic',
  'geometric',
  'exponential',
];

/** The protocols whose endpoints AWS manages (its "AWS managed endpoints" policy). */
export function isAwsManagedProtocol(protocol: SnsProtocol): boolean {
  return protocol === 'lambda' || protocol === 'sqs' || protocol === 'firehose';
}

/** Protocols that may set a delivery policy of their own. */
export function acceptsCustomPolicy(protocol: SnsProtocol): boolean {
  return protocol === 'http' || protocol === 'https';
}

/** Protocols that support raw message delivery. */
export function supportsRawDelivery(protocol: SnsProtocol): boolean {
  return (
    protocol === 'sqs' || protocol === 'http' || protocol === 'https' || protocol === 'firehose'
  );
}

/** The policy SNS applies to `protocol` when no custom one is set. */
export function defaultRetryPolicy(protocol: SnsProtocol): Readonly<SnsRetryPolicy> {
  if (isAwsManagedProtocol(protocol)) return SNS_AWS_MANAGED_POLICY;
  if (acceptsCustomPolicy(protocol)) return SNS_HTTP_DEFAULT_POLICY;
  return SNS_CUSTOMER_MANAGED_POLICY;
}

/**
 * An HTTP/S healthyRetryPolicy as a subscriber writes it: missing fields take AWS's defaults
 * (minDelayTarget 20, maxDelayTarget 20, numRetries 3, the phase counts 0, linear). Throws
 * {@link SnsDeliveryPolicyError} for a policy AWS would refuse.
 */
export function httpRetryPolicy(policy: Partial<SnsRetryPolicy> = {}): SnsRetryPolicy {
  const p: SnsRetryPolicy = { ...SNS_HTTP_DEFAULT_POLICY, ...policy };
  validateHttpRetryPolicy(p);
  return p;
}

/** Checks an HTTP/S retry policy against the documented limits; throws SnsDeliveryPolicyError. */
export function validateHttpRetryPolicy(p: SnsRetryPolicy): void {
  const fail = (msg: string): never => {
    throw new SnsDeliveryPolicyError(`DeliveryPolicy: healthyRetryPolicy.${msg}`);
  };
  const int = (name: keyof SnsRetryPolicy, v: unknown): number => {
    if (typeof v !== 'number' || !Number.isInteger(v))
      fail(`${name} must be an integer, got ${String(v)}`);
    return v as number;
  };
  const min = int('minDelayTarget', p.minDelayTarget);
  const max = int('maxDelayTarget', p.maxDelayTarget);
  const n = int('numRetries', p.numRetries);
  const noDelay = int('numNoDelayRetries', p.numNoDelayRetries);
  const minN = int('numMinDelayRetries', p.numMinDelayRetries);
  const maxN = int('numMaxDelayRetries', p.numMaxDelayRetries);
  if (!BACKOFF_FUNCTIONS.includes(p.backoffFunction))
    fail(
      `backoffFunction must be one of ${BACKOFF_FUNCTIONS.join(', ')}, got ${String(p.backoffFunction)}`,
    );
  if (min < 1 || min > max) fail(`minDelayTarget must be 1 to maxDelayTarget (${max}), got ${min}`);
  if (max > SNS_HTTP_POLICY_LIMITS.maxDelayTargetS)
    fail(`maxDelayTarget must be minDelayTarget to 3600, got ${max}`);
  if (n < 0 || n > SNS_HTTP_POLICY_LIMITS.maxNumRetries)
    fail(`numRetries must be 0 to 100, got ${n}`);
  if (noDelay < 0) fail(`numNoDelayRetries must be 0 or greater, got ${noDelay}`);
  if (minN < 0) fail(`numMinDelayRetries must be 0 or greater, got ${minN}`);
  if (maxN < 0) fail(`numMaxDelayRetries must be 0 or greater, got ${maxN}`);
  if (noDelay + minN + maxN > n)
    fail(
      `numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries (${noDelay + minN + maxN}) must not exceed numRetries (${n})`,
    );
  const totalMs = totalRetryTimeMs(p);
  if (totalMs > SNS_HTTP_POLICY_LIMITS.maxTotalRetryTimeS * 1000)
    fail(`total retry time must not exceed 3600 s, got ${totalMs / 1000} s`);
}

/**
 * The delay in ms before retry number `retry` (1 for the first retry) under `policy`, without
 * jitter; -1 when the policy has no such retry. O(1): the AWS-managed policy's 100,015 retries
 * need no table.
 */
export function retryDelayMs(policy: Readonly<SnsRetryPolicy>, retry: number): number {
  const k = retry - 1;
  if (!(k >= 0) || k >= policy.numRetries) return -1;
  const min = policy.minDelayTarget;
  const max = policy.maxDelayTarget;
  if (k < policy.numNoDelayRetries) return 0;
  let j = k - policy.numNoDelayRetries;
  if (j < policy.numMinDelayRetries) return min * 1000;
  j -= policy.numMinDelayRetries;
  const backoff =
    policy.numRetries -
    policy.numNoDelayRetries -
    policy.numMinDelayRetries -
    policy.numMaxDelayRetries;
  if (j < backoff)
    return Math.round(backoffDelayS(policy.backoffFunction, min, max, j, backoff) * 1000);
  return max * 1000;
}

/** The delays in ms before retry 1, 2, … of `policy`, without jitter (length numRetries). */
export function retrySchedule(policy: Readonly<SnsRetryPolicy>): number[] {
  const out = new Array<number>(policy.numRetries);
  for (let r = 1; r <= policy.numRetries; r++) out[r - 1] = retryDelayMs(policy, r);
  return out;
}

/** Sum of the policy's delays, ms: how long after the first failure the last retry comes. */
export function totalRetryTimeMs(policy: Readonly<SnsRetryPolicy>): number {
  let sum = 0;
  for (let r = 1; r <= policy.numRetries; r++) sum += retryDelayMs(policy, r);
  return sum;
}

/** Delay in s of backoff retry `j` (0-based) of `n`, from `min` to `max`; see the file comment. */
function backoffDelayS(
  fn: SnsBackoffFunction,
  min: number,
  max: number,
  j: number,
  n: number,
): number {
  if (n <= 1 || max === min) return min;
  const span = max - min;
  switch (fn) {
    case 'linear':
      return min + (span * j) / (n - 1);
    case 'arithmetic':
      return min + (span * j * (j + 1)) / (n * (n - 1));
    case 'geometric':
      return min + (span * (2 ** j - 1)) / (2 ** (n - 1) - 1);
    case 'exponential':
      return min * (max / min) ** (j / (n - 1));
  }
}

/**
 * How SNS treats an HTTP/S endpoint's answer: 2xx–4xx (429 included) is not a failed attempt;
 * anything else, or no answer within the 15 s connection timeout ('timeout'), is a failed attempt
 * that the policy retries.
 */
export function snsHttpResult(status: number | 'timeout'): DeliveryResult {
  if (status === 'timeout') return 'retryable';
  return status >= 200 && status <= 499 ? 'ok' : 'retryable';
}

// ------------------------------------------------------------------------------------------------
// Topic.

/** What Publish answers. */
export type SnsPublishResult = 'published' | 'throttled';

/** Topic settings. */
export interface SnsTopicConfig {
  /**
   * Publish quota in messages per second (the account's, per Region); default 30,000 (standard
   * topics, US East (N. Virginia)). Infinity for none.
   */
  publishPerSecond?: number;
  /** Token bucket size; default one second's worth. */
  publishBurst?: number;
  /**
   * A bucket to share with other topics: the quota is per account and Region, not per topic.
   * When given, `publishPerSecond` and `publishBurst` are ignored.
   */
  sharedQuota?: TokenBucket;
}

/** Typed live numbers of a topic. */
export interface SnsTopicStats {
  /** Messages accepted by Publish (NumberOfMessagesPublished). */
  published: number;
  /** Publish calls refused with ThrottlingException. */
  throttled: number;
}

/**
 * An SNS standard topic's Publish accounting. It answers the publisher at once; delivering is each
 * subscription's business ({@link SnsSubscription.deliver}), started by the caller for the
 * subscriptions whose filter policy matched, after Publish returned.
 */
export class SnsTopic {
  readonly published: Counter = { value: 0 };
  readonly throttled: Counter = { value: 0 };
  private readonly quota: TokenBucket | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    config: SnsTopicConfig = {},
  ) {
    if (config.sharedQuota) {
      this.quota = config.sharedQuota;
      return;
    }
    const rate = config.publishPerSecond ?? SNS_DEFAULT_PUBLISH_PER_SECOND;
    if (!(rate > 0)) throw new RangeError(`publish quota must be > 0 per second, got ${rate}`);
    const burst = config.publishBurst ?? rate;
    if (rate !== Infinity && !(burst >= 1))
      throw new RangeError(`publish burst must be >= 1, got ${burst}`);
    this.quota = rate === Infinity ? undefined : new TokenBucket(rate, burst, sim.now);
  }

  /**
   * Publish one message. 'published' means SNS has saved it and will deliver it to the
   * subscriptions; that answer does not depend on whether any subscription exists, matches, or
   * can be reached. 'throttled' is the ThrottlingException of a publisher over the quota.
   */
  publish(): SnsPublishResult {
    if (this.quota && !this.quota.tryTake(this.sim.now)) {
      this.throttled.value++;
      return 'throttled';
    }
    this.published.value++;
    return 'published';
  }

  /** Changes the publish quota mid-run (own bucket only; a shared one is changed by its owner). */
  setPublishQuota(perSecond: number, burst = perSecond): void {
    if (!this.quota) throw new Error('this topic has no publish quota of its own to change');
    this.quota.setLimits(perSecond, burst, this.sim.now);
  }

  stats(): SnsTopicStats {
    return { published: this.published.value, throttled: this.throttled.value };
  }
}

// ------------------------------------------------------------------------------------------------
// Subscriptions.

/** Why a delivery to a subscription ended undelivered. */
export type SnsExhaustReason = Exclude<DeliveryStopReason, 'expired'>;

/** What a subscription reports; each fires exactly once per event it names. */
export interface SnsSubscriptionHooks {
  /** The endpoint accepted message `id` on attempt number `attempts`. */
  onDelivered?(id: number, attempts: number): void;
  /** Attempt number `attempt` (2 for the first retry) of message `id` is due after `delayMs`. */
  onRetry?(id: number, attempt: number, delayMs: number): void;
  /**
   * SNS gave up on message `id` after `attempts` attempts: the policy was exhausted
   * ('retriesExhausted') or the endpoint failed with a client-side error ('permanent'). The caller
   * sends it to the subscription's DLQ when `redrive` is set, or counts it lost.
   */
  onExhausted?(id: number, attempts: number, reason: SnsExhaustReason): void;
}

/** Subscription settings. */
export interface SnsSubscriptionConfig {
  protocol: SnsProtocol;
  /**
   * HTTP/S only: the subscription's healthyRetryPolicy (missing fields take AWS's defaults;
   * validated as AWS does). Other protocols use SNS's fixed policy and refuse one.
   */
  deliveryPolicy?: Partial<SnsRetryPolicy>;
  /** A redrive policy (dead-letter queue) is attached. Carried and reported. */
  redrive?: boolean;
  /** RawMessageDelivery (SQS, HTTP/S, Firehose only). Carried and reported. */
  rawMessageDelivery?: boolean;
  /** Optional jitter of the retry delays (AWS's amount is not published; default none). */
  jitter?: { rng: Rng; ratio: number };
}

/** Typed live numbers of a subscription. */
export interface SnsSubscriptionStats {
  /** Deliveries started (messages handed to this subscription). */
  deliveries: number;
  delivered: number;
  /** Retry attempts started. */
  retries: number;
  /** Deliveries waiting for a retry now. */
  inRetry: number;
  /** Deliveries that used up the delivery policy. */
  exhausted: number;
  /** Deliveries ended by a client-side (non-retried) error. */
  permanentFailures: number;
}

/**
 * One SNS subscription: its protocol, its delivery policy, and the deliveries in progress.
 * `deliver(id)` starts one; the endpoint callback answers each attempt.
 */
export class SnsSubscription {
  readonly protocol: SnsProtocol;
  readonly redrive: boolean;
  readonly rawMessageDelivery: boolean;
  /** The retry policy in force. */
  readonly policy: Readonly<SnsRetryPolicy>;
  hooks: SnsSubscriptionHooks;
  private readonly loop: RetryLoop;
  private readonly jitter: { rng: Rng; ratio: number } | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    config: SnsSubscriptionConfig,
    endpoint: DeliveryEndpoint,
    hooks: SnsSubscriptionHooks = {},
  ) {
    const { protocol } = config;
    if (config.deliveryPolicy && !acceptsCustomPolicy(protocol))
      throw new SnsDeliveryPolicyError(
        `DeliveryPolicy: only HTTP/S subscriptions take a delivery policy, not ${protocol}`,
      );
    if (config.rawMessageDelivery && !supportsRawDelivery(protocol))
      throw new SnsDeliveryPolicyError(
        `RawMessageDelivery: delivery protocol ${protocol} does not support raw message delivery`,
      );
    const j = config.jitter;
    if (j && !(j.ratio >= 0 && j.ratio <= 1))
      throw new RangeError(`jitter ratio must be 0..1, got ${j.ratio}`);
    this.protocol = protocol;
    this.redrive = config.redrive ?? false;
    this.rawMessageDelivery = config.rawMessageDelivery ?? false;
    this.policy = config.deliveryPolicy
      ? httpRetryPolicy(config.deliveryPolicy)
      : defaultRetryPolicy(protocol);
    this.jitter = j && j.ratio > 0 ? j : undefined;
    this.hooks = hooks;
    this.loop = new RetryLoop(sim, endpoint, this.decider, {
      delivered: (id, n) => this.hooks.onDelivered?.(id, n),
      retry: (id, n, d) => this.hooks.onRetry?.(id, n, d),
      stopped: (id, n, reason) =>
        this.hooks.onExhausted?.(id, n, reason === 'permanent' ? 'permanent' : 'retriesExhausted'),
    });
  }

  private readonly decider: RetryDecider = {
    nextAttemptAt: (attempts, _startedAt, now) => {
      const d = retryDelayMs(this.policy, attempts);
      if (d < 0) return -1;
      const j = this.jitter;
      return now + (j && d > 0 ? d * (1 + j.ratio * (j.rng.next() - 0.5)) : d);
    },
    deadline: () => Infinity,
  };

  /**
   * Starts delivering message `id` to this subscription. The first attempt runs in a later event
   * of the current instant (after the Publish that caused it has answered), retries as the policy
   * says, and the outcome comes through the hooks.
   */
  deliver(id: number): void {
    this.loop.start(id, this.sim.now);
  }

  /** Deliveries not yet ended. */
  get active(): number {
    return this.loop.active;
  }

  /** Deliveries waiting for a retry now. */
  get inRetry(): number {
    return this.loop.inRetry;
  }

  /** Counters (deliveries started, delivered, retries...), for rates in charts. */
  get counters() {
    return this.loop.counters;
  }

  stats(): SnsSubscriptionStats {
    const c = this.loop.counters;
    return {
      deliveries: c.started.value,
      delivered: c.delivered.value,
      retries: c.retries.value,
      inRetry: this.loop.inRetry,
      exhausted: c.retriesExhausted.value + c.expired.value,
      permanentFailures: c.permanent.value,
    };
  }
}
