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
 * Amazon EventBridge event buses (PutEvents with its quota) and rule targets (delivery with the
 * target's retry policy and dead-letter queue).
 *
 * Matching is not done here: the caller runs each rule's event pattern (src/aws/eventPatterns)
 * and hands the event to the targets of the rules that matched, with
 * {@link EventBridgeTarget.deliver}.
 *
 * AWS behaviour followed:
 * - PutEvents quota ("Amazon EventBridge quotas",
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html): "PutEvents throttle
 *   limit in transactions per second", the "maximum number of requests per second for PutEvents
 *   API. Additional requests are throttled." It varies by Region: 10,000/s in us-east-1,
 *   us-west-2 and eu-west-1; 2,400/s in us-east-2, eu-central-1, eu-south-2; 1,200/s or 600/s in
 *   others; 400/s in the rest. Adjustable, per account and Region (all buses share it). A request
 *   carries 1 to 10 entries (PutEvents, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html);
 *   over the quota it fails with ThrottlingException. Modelled as a token bucket of requests; AWS
 *   publishes no burst size, so it holds one second's worth by default.
 * - Targets per rule: 5, not adjustable (same quotas page). {@link EventBridgeRule.addTarget}
 *   refuses a sixth with {@link EventBridgeLimitExceededError} (PutTargets' LimitExceededException).
 * - Retry policy (RetryPolicy, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html):
 *   MaximumRetryAttempts 0–185 and MaximumEventAgeInSeconds 60–86,400; "Retry attempts continue
 *   until either the maximum number of attempts is made or until the duration of the
 *   MaximumEventAgeInSeconds is met". Defaults: "By default, EventBridge retries sending the
 *   event for 24 hours and up to 185 times with an exponential back off and jitter, or randomized
 *   delay" ("How EventBridge retries delivering events",
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html).
 * - Which errors are retried ("Event retry policy and using dead-letter queues",
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html): retriable errors
 *   (the target is unavailable, network conditions, throttling) are retried; "for errors that
 *   result from missing permissions to a target, or a target resource that no longer exists, all
 *   retry attempts fail until an action is taken to resolve the underlying issue. Rather than
 *   retrying, EventBridge sends these events directly to the DLQ, if you have one." For HTTP
 *   targets (API Gateway, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-gateway-target.html)
 *   "EventBridge retries responses sent with a 5xx or 429 HTTP status code ... EventBridge doesn't
 *   retry other 4xx HTTP errors", and a request that takes longer than the 5 s client timeout is
 *   timed out and retried: {@link eventBridgeHttpResult}.
 * - Events that fail for good are dropped, or sent to the target's DLQ when one is configured;
 *   the caller does that from `onExhausted`. The counters follow the CloudWatch metrics
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html): Invocations
 *   (one per event sent to the target, retries not counted), InvocationAttempts, FailedInvocations
 *   ("invocations that failed permanently"), InvocationsSentToDlq.
 *
 * Choices where the documentation is silent:
 * - Retry timing. AWS says only "exponential back off and jitter" and links the AWS Architecture
 *   Blog post "Exponential Backoff And Jitter"
 *   (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). Here retry n waits
 *   d = min(10 min, 1 s · 2^(n−1)) with that post's "equal jitter": d/2 + uniform(0, d/2), from the
 *   target's Rng. The 10-minute cap is chosen so that the two default limits meet: the expected
 *   wait over 185 retries is about 22 hours, so by default an event that never gets through
 *   fails close to the 24-hour age, by whichever limit comes first.
 * - Age. The event's age counts from `deliver` (or the event time passed to it). A retry that
 *   would come at or after MaximumEventAgeInSeconds is not made: the event fails as 'expired'
 *   when the attempt before it fails (AWS does not say whether it waits until the age is reached).
 * - Throttled invocations ("Invocations throttle limit", 18,750/s in us-east-1: "the invocations
 *   are throttled; that is, they still happen but they are delayed") are not modelled.
 * - The newer "Custom Event Bus" (non-classic) subscribers have other defaults (5 retries,
 *   300 s); this models the classic rule targets.
 */

/** Default PutEvents quota: us-east-1, requests per second (it varies by Region). */
export const EVENTBRIDGE_DEFAULT_PUT_EVENTS_PER_SECOND = 10_000;
/** Entries one PutEvents request may carry. */
export const MAX_PUT_EVENTS_ENTRIES = 10;
/** Targets a rule may have (not adjustable). */
export const MAX_TARGETS_PER_RULE = 5;
/** MaximumRetryAttempts: default and range. */
export const EVENTBRIDGE_RETRY_ATTEMPTS = { default: 185, min: 0, max: 185 } as const;
/** MaximumEventAgeInSeconds: default (24 h) and range. */
export const EVENTBRIDGE_EVENT_AGE_S = { default: 86_400, min: 60, max: 86_400 } as const;
/** The chosen backoff: first delay, cap (before jitter). See the file comment. */
export const EVENTBRIDGE_BACKOFF_MS = { first: 1000, max: 600_000 } as const;

/** A request AWS would refuse as over a service quota (LimitExceededException). */
export class EventBridgeLimitExceededError extends Error {
  override name = 'LimitExceededException';
}

/**
 * How EventBridge treats an HTTP target's answer: 2xx delivered; 429, 5xx or no answer within the
 * timeout ('timeout') retried; any other status (other 4xx, and 1xx/3xx, which are not a success
 * either) not retried.
 */
export function eventBridgeHttpResult(status: number | 'timeout'): DeliveryResult {
  if (status === 'timeout') return 'retryable';
  if (status >= 200 && status <= 299) return 'ok';
  if (status === 429 || (status >= 500 && status <= 599)) return 'retryable';
  return 'permanent';
}

/**
 * The delay before retry `retry` (1 for the first) without jitter: 1 s doubling, at most 10 min.
 * With equal jitter the actual delay is uniform in [d/2, d).
 */
export function eventBridgeBackoffMs(retry: number): number {
  const exp = Math.min(Math.max(retry - 1, 0), 30);
  return Math.min(EVENTBRIDGE_BACKOFF_MS.max, EVENTBRIDGE_BACKOFF_MS.first * 2 ** exp);
}

// ------------------------------------------------------------------------------------------------
// Event bus.

/** What PutEvents answers. */
export type PutEventsResult = 'accepted' | 'throttled';

/** Event bus settings. */
export interface EventBusConfig {
  /** PutEvents quota, requests per second; default 10,000 (us-east-1). Infinity for none. */
  putEventsPerSecond?: number;
  /** Token bucket size; default one second's worth. */
  putEventsBurst?: number;
  /**
   * A bucket to share with other buses (the quota is per account and Region). When given,
   * `putEventsPerSecond` and `putEventsBurst` are ignored.
   */
  sharedQuota?: TokenBucket;
}

/** Typed live numbers of an event bus. */
export interface EventBusStats {
  /** PutEvents requests accepted. */
  accepted: number;
  /** Entries in accepted requests. */
  entries: number;
  /** PutEvents requests refused with ThrottlingException. */
  throttled: number;
}

/** An event bus: the default one (named 'default') or a custom one, by name. */
export class EventBus {
  readonly accepted: Counter = { value: 0 };
  readonly entries: Counter = { value: 0 };
  readonly throttled: Counter = { value: 0 };
  private readonly quota: TokenBucket | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly name = 'default',
    config: EventBusConfig = {},
  ) {
    if (!name) throw new RangeError('an event bus needs a name');
    if (config.sharedQuota) {
      this.quota = config.sharedQuota;
      return;
    }
    const rate = config.putEventsPerSecond ?? EVENTBRIDGE_DEFAULT_PUT_EVENTS_PER_SECOND;
    if (!(rate > 0)) throw new RangeError(`PutEvents quota must be > 0 per second, got ${rate}`);
    const burst = config.putEventsBurst ?? rate;
    if (rate !== Infinity && !(burst >= 1))
      throw new RangeError(`PutEvents burst must be >= 1, got ${burst}`);
    this.quota = rate === Infinity ? undefined : new TokenBucket(rate, burst, sim.now);
  }

  /** 'default' for the account's default bus, 'custom' otherwise. */
  get kind(): 'default' | 'custom' {
    return this.name === 'default' ? 'default' : 'custom';
  }

  /**
   * One PutEvents request with `entries` entries (1–10). 'accepted': the events are on the bus
   * (the caller matches rules and delivers to their targets); 'throttled': ThrottlingException.
   */
  putEvents(entries = 1): PutEventsResult {
    if (!(Number.isInteger(entries) && entries >= 1 && entries <= MAX_PUT_EVENTS_ENTRIES))
      throw new RangeError(`PutEvents takes 1 to 10 entries, got ${entries}`);
    if (this.quota && !this.quota.tryTake(this.sim.now)) {
      this.throttled.value++;
      return 'throttled';
    }
    this.accepted.value++;
    this.entries.value += entries;
    return 'accepted';
  }

  /** Changes the quota mid-run (own bucket only). */
  setPutEventsQuota(perSecond: number, burst = perSecond): void {
    if (!this.quota) throw new Error('this bus has no PutEvents quota of its own to change');
    this.quota.setLimits(perSecond, burst, this.sim.now);
  }

  stats(): EventBusStats {
    return {
      accepted: this.accepted.value,
      entries: this.entries.value,
      throttled: this.throttled.value,
    };
  }
}

// ------------------------------------------------------------------------------------------------
// Rules and targets.

/** Throws unless a rule with `count` targets may take one more. */
export function assertRuleCanAddTarget(count: number): void {
  if (count >= MAX_TARGETS_PER_RULE)
    throw new EventBridgeLimitExceededError(
      `a rule can have at most ${MAX_TARGETS_PER_RULE} targets (it has ${count})`,
    );
}

/** A rule's list of targets (the event pattern is the caller's). */
export class EventBridgeRule<T = EventBridgeTarget> {
  private readonly list: T[] = [];

  constructor(readonly name: string) {}

  get targets(): readonly T[] {
    return this.list;
  }

  /** PutTargets for one target; a sixth is refused with LimitExceededException. */
  addTarget(target: T): void {
    assertRuleCanAddTarget(this.list.length);
    this.list.push(target);
  }
}

/** Why an event failed for good at a target. */
export type EventBridgeFailureReason = DeliveryStopReason;

/** What a target reports; each fires exactly once per event it names. */
export interface EventBridgeTargetHooks {
  /** The target accepted event `id` on attempt number `attempts`. */
  onDelivered?(id: number, attempts: number): void;
  /** Attempt number `attempt` (2 for the first retry) of event `id` is due after `delayMs`. */
  onRetry?(id: number, attempt: number, delayMs: number): void;
  /**
   * Event `id` failed for good after `attempts` attempts: MaximumRetryAttempts used up, older than
   * MaximumEventAgeInSeconds, or a non-retriable error. The caller sends it to the target's DLQ
   * when `deadLetterQueue` is set, or drops it.
   */
  onExhausted?(id: number, attempts: number, reason: EventBridgeFailureReason): void;
}

/** A rule target's settings. */
export interface EventBridgeTargetConfig {
  /** MaximumRetryAttempts, 0–185 (default 185). */
  maximumRetryAttempts?: number;
  /** MaximumEventAgeInSeconds, 60–86,400 (default 86,400: 24 h). */
  maximumEventAgeSeconds?: number;
  /** A dead-letter queue is configured (DeadLetterConfig). */
  deadLetterQueue?: boolean;
  /** The jitter's random stream (give each target its own split). */
  rng: Rng;
}

/** Typed live numbers of a target. */
export interface EventBridgeTargetStats {
  /** Events sent to the target (CloudWatch Invocations: retries not counted). */
  invocations: number;
  /** Attempts, first ones and retries (InvocationAttempts). */
  attempts: number;
  delivered: number;
  /** Retry attempts started. */
  retries: number;
  /** Events waiting for a retry now. */
  inRetry: number;
  /** Events that failed for good (FailedInvocations). */
  failed: number;
  /** Failed events handed to the DLQ (InvocationsSentToDlq). */
  sentToDlq: number;
  /** Failed events by reason. */
  retriesExhausted: number;
  expired: number;
  permanentFailures: number;
}

/** One rule target: its retry policy, its DLQ flag, and the events being delivered to it. */
export class EventBridgeTarget {
  readonly sentToDlq: Counter = { value: 0 };
  hooks: EventBridgeTargetHooks;
  private maxRetries: number;
  private maxAgeMs: number;
  private dlq: boolean;
  private readonly rng: Rng;
  private readonly loop: RetryLoop;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    config: EventBridgeTargetConfig,
    endpoint: DeliveryEndpoint,
    hooks: EventBridgeTargetHooks = {},
  ) {
    const maxRetries = config.maximumRetryAttempts ?? EVENTBRIDGE_RETRY_ATTEMPTS.default;
    const maxAgeS = config.maximumEventAgeSeconds ?? EVENTBRIDGE_EVENT_AGE_S.default;
    checkRetryPolicy(maxRetries, maxAgeS);
    this.maxRetries = maxRetries;
    this.maxAgeMs = maxAgeS * 1000;
    this.dlq = config.deadLetterQueue ?? false;
    this.rng = config.rng;
    this.hooks = hooks;
    this.loop = new RetryLoop(sim, endpoint, this.decider, {
      delivered: (id, n) => this.hooks.onDelivered?.(id, n),
      retry: (id, n, d) => this.hooks.onRetry?.(id, n, d),
      stopped: (id, n, reason) => {
        if (this.dlq) this.sentToDlq.value++;
        this.hooks.onExhausted?.(id, n, reason);
      },
    });
  }

  private readonly decider: RetryDecider = {
    nextAttemptAt: (attempts, _startedAt, now) => {
      if (attempts - 1 >= this.maxRetries) return -1;
      const d = eventBridgeBackoffMs(attempts);
      return now + d / 2 + this.rng.next() * (d / 2);
    },
    deadline: (startedAt) => startedAt + this.maxAgeMs,
  };

  /** MaximumRetryAttempts in force. */
  get maximumRetryAttempts(): number {
    return this.maxRetries;
  }

  /** MaximumEventAgeInSeconds in force. */
  get maximumEventAgeSeconds(): number {
    return this.maxAgeMs / 1000;
  }

  /** Whether failed events go to a DLQ. */
  get deadLetterQueue(): boolean {
    return this.dlq;
  }

  /**
   * Changes the retry policy or the DLQ mid-run (PutTargets again). Applies to every event from
   * its next failure on; a shorter maximum age also ends waiting events when their retry comes.
   */
  reconfigure(
    config: Partial<
      Pick<
        EventBridgeTargetConfig,
        'maximumRetryAttempts' | 'maximumEventAgeSeconds' | 'deadLetterQueue'
      >
    >,
  ): void {
    const maxRetries = config.maximumRetryAttempts ?? this.maxRetries;
    const maxAgeS = config.maximumEventAgeSeconds ?? this.maxAgeMs / 1000;
    checkRetryPolicy(maxRetries, maxAgeS);
    this.maxRetries = maxRetries;
    this.maxAgeMs = maxAgeS * 1000;
    if (config.deadLetterQueue !== undefined) this.dlq = config.deadLetterQueue;
  }

  /**
   * Sends event `id` to the target. The first attempt runs in a later event of the current
   * instant (after the PutEvents that carried it has answered); `eventTimeMs` (default now) is
   * what the maximum event age counts from.
   */
  deliver(id: number, eventTimeMs = this.sim.now): void {
    this.loop.start(id, eventTimeMs);
  }

  /** Events not yet delivered or failed. */
  get active(): number {
    return this.loop.active;
  }

  /** Events waiting for a retry now. */
  get inRetry(): number {
    return this.loop.inRetry;
  }

  /** Counters (invocations = `started`, attempts, retries...), for rates in charts. */
  get counters() {
    return this.loop.counters;
  }

  stats(): EventBridgeTargetStats {
    const c = this.loop.counters;
    return {
      invocations: c.started.value,
      attempts: c.attempts.value,
      delivered: c.delivered.value,
      retries: c.retries.value,
      inRetry: this.loop.inRetry,
      failed: c.retriesExhausted.value + c.expired.value + c.permanent.value,
      sentToDlq: this.sentToDlq.value,
      retriesExhausted: c.retriesExhausted.value,
      expired: c.expired.value,
      permanentFailures: c.permanent.value,
    };
  }
}

function checkRetryPolicy(maxRetries: number, maxAgeS: number): void {
  const r = EVENTBRIDGE_RETRY_ATTEMPTS;
  if (!(Number.isInteger(maxRetries) && maxRetries >= r.min && maxRetries <= r.max))
    throw new RangeError(`MaximumRetryAttempts must be an integer 0..185, got ${maxRetries}`);
  const a = EVENTBRIDGE_EVENT_AGE_S;
  if (!(Number.isInteger(maxAgeS) && maxAgeS >= a.min && maxAgeS <= a.max))
    throw new RangeError(`MaximumEventAgeInSeconds must be an integer 60..86400, got ${maxAgeS}`);
}
