import {
  sample,
  TimeAverage,
  TimeoutQueue,
  type Counter,
  type Distribution,
  type Rng,
  type ScheduledEvent,
  type TimeoutHandle,
  type World,
} from '../engine';
import { LambdaAccount, LambdaConfigError, type LambdaAccountMember } from './lambdaAccount';
import {
  ASYNC_EVENT_AGE_MS,
  ASYNC_RETRY_ATTEMPTS,
  AsyncEventQueue,
  type AsyncInvokeCallbacks,
} from './lambdaAsync';
import { TokenBucket } from './tokenBucket';

export {
  LambdaAccount,
  LambdaConfigError,
  DEFAULT_ACCOUNT_CONCURRENCY,
  MIN_UNRESERVED_CONCURRENCY,
  type LambdaAccountConfig,
  type LambdaAccountStats,
  type LambdaAccountMember,
} from './lambdaAccount';
export {
  ASYNC_EVENT_AGE_MS,
  ASYNC_RETRY_ATTEMPTS,
  ASYNC_RETRY_DELAYS_MS,
  ASYNC_THROTTLE_BACKOFF_MS,
  type AsyncFailureReason,
  type AsyncInvokeCallbacks,
} from './lambdaAsync';

/** A successful invocation. `status`: the HTTP status of a proxy response (default 200). */
export type InvocationSuccess = { ok: true; status?: number };
/** A failed invocation: throttled (429, never ran), timed out, or the function's error. */
export type InvocationFailure = {
  ok: false;
  error: 'throttled' | 'timeout' | 'error';
  message: string;
};
/** How an invocation ended. */
export type InvocationResult = InvocationSuccess | InvocationFailure;

/** One running invocation, as its handler sees it. */
export interface Invocation {
  /**
   * False once the invocation ended (it timed out): AWS stops a timed-out function, so a handler
   * checks this before each further step instead of carrying on as a "zombie".
   */
  alive: boolean;
}

/**
 * The function's code, as the pattern defines it: do the work (schedule events, call other models)
 * and call `done` once. `rng` is the function's own random stream.
 */
export type LambdaHandler<E> = (
  event: E,
  done: (result: InvocationResult) => void,
  invocation: Invocation,
) => void;

/** Lambda function settings. */
export interface LambdaConfig {
  /** Function name, for messages and the account's stats (default "function"). */
  name?: string;
  /**
   * Reserved concurrency (ReservedConcurrentExecutions): the most this function may run at
   * once, carved out of the account so no other function can use it. Unset: the function shares
   * the account's unreserved pool.
   */
  reservedConcurrency?: number;
  /** @deprecated The old name of `reservedConcurrency`, still accepted (ignored if both set). */
  concurrencyLimit?: number;
  /**
   * Provisioned concurrency: environments initialised before any request that never cold-start;
   * counts against the reserve (or the account's pool when there is no reserve). Default 0.
   */
  provisionedConcurrency?: number;
  /** Extra time to start a new execution environment. */
  coldStart: Distribution;
  /** Function timeout, ms (up to 900,000). */
  timeoutMs: number;
  /** How long an idle environment stays warm before it is reclaimed. */
  keepWarmMs: number;
  /** New environments per 10 s, refilled continuously (AWS: 1,000 per function; the default). */
  scaleLimitPer10s?: number;
  /** Asynchronous invocation: retries after a function error, 0–2 (default 2). */
  maximumRetryAttempts?: number;
  /** Asynchronous invocation: events older than this are discarded, 60 s – 6 h (default 6 h). */
  maximumEventAgeMs?: number;
}

/**
 * Settings {@link LambdaFunction.reconfigure} can change on a running function. `null` for
 * `reservedConcurrency` removes the reserve (DeleteFunctionConcurrency).
 */
export type LambdaReconfig = Partial<Omit<LambdaConfig, 'name' | 'reservedConcurrency'>> & {
  reservedConcurrency?: number | null;
};

/** Live numbers of a function, for its node badge and the CLI. */
export interface LambdaStats {
  [key: string]: number;
  /** Invocations running now. */
  concurrency: number;
  /** The most that could run now: the reserve, or provisioned + the account's unreserved pool. */
  concurrencyLimit: number;
  meanConcurrency: number;
  /** Invocations started (throttles not included). */
  invocations: number;
  /** Failed invocations (timeouts included; throttles not). */
  errors: number;
  throttles: number;
  timeouts: number;
  coldStarts: number;
  /** Idle on-demand environments kept warm. */
  warmIdle: number;
  /** Provisioned concurrency configured. */
  provisionedConcurrency: number;
  /** Provisioned environments running an invocation now. */
  provisionedBusy: number;
  /** Asynchronous events waiting in the function's queue (not running). */
  asyncQueued: number;
  /** Age of the oldest of them, ms. */
  asyncOldestAgeMs: number;
  /** Retry attempts started after a function error. */
  asyncRetries: number;
  asyncSucceeded: number;
  /** Events sent to the on-failure destination after their last attempt failed. */
  asyncDroppedRetriesExhausted: number;
  /** Events sent to the on-failure destination for being older than the maximum event age. */
  asyncDroppedExpired: number;
}

const SCALING_WINDOW_S = 10;

/**
 * A Lambda function. Invocations run in execution environments. AWS behaviour followed:
 *
 * - Concurrency (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html,
 *   https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html): a function with
 *   reserved concurrency runs at most that many at once, from capacity no other function uses;
 *   one without shares the account's unreserved pool ({@link LambdaAccount}). Beyond it an
 *   invocation is throttled: 429 TooManyRequestsException.
 * - Provisioned concurrency
 *   (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html): that many
 *   environments are initialised before requests arrive and serve them with no cold start;
 *   requests beyond them go to on-demand environments (cold starts as usual). It counts against
 *   the reserve, or the account's pool when there is no reserve. Environments provisioned at
 *   construction are ready at once; ones added later are ready after one initialisation.
 * - Scaling rate (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html): at most
 *   1,000 new execution environments per function every 10 seconds, refilled continuously and
 *   not accumulated beyond 1,000: a token bucket of 1,000 refilled at 100 per second. Reusing a
 *   warm environment takes no token; past the rate, the invocation is throttled.
 * - Cold starts: an invocation that finds no idle warm environment pays the Init time; a
 *   timed-out environment is reset, so the next invocation there starts cold. The function
 *   timeout runs from the end of Init, and AWS stops a timed-out function
 *   (`invocation.alive` turns false).
 * - Asynchronous invocation: see {@link invokeAsync} and `lambdaAsync.ts`.
 *
 * Pure: it reports outcomes to its callers and never touches the ledger or the hop log.
 */
export class LambdaFunction<E> implements LambdaAccountMember {
  readonly name: string;
  readonly invocations: Counter = { value: 0 };
  readonly errors: Counter = { value: 0 };
  readonly throttles: Counter = { value: 0 };
  readonly timeouts: Counter = { value: 0 };
  readonly coldStarts: Counter = { value: 0 };
  /** Running invocations over time (its mean is the average concurrency). */
  readonly concurrency: TimeAverage;
  /** The account whose concurrency this function draws on. */
  readonly account: LambdaAccount;
  /** Current settings (normalised: `reservedConcurrency`, never `concurrencyLimit`). */
  readonly config: LambdaConfig;
  /** When each idle on-demand environment became idle, most recent last. */
  private idleSince: number[] = [];
  private readonly scaling: TokenBucket;
  private deadlines: TimeoutQueue<(result: InvocationResult) => void>;
  private reserved: number | undefined;
  private provisioned: number;
  private provIdle = 0;
  private provBusy = 0;
  /** Provisioned environments initialising (added mid-run or reset after a timeout). */
  private provPending: ScheduledEvent[] = [];
  private onDemandRunning = 0;
  private asyncQueue: AsyncEventQueue<E> | undefined;

  /**
   * @param account the run's shared account; without one the function gets a private account
   *   that grows to fit its reserve (the old per-function limit).
   * @throws LambdaConfigError for settings AWS would refuse.
   */
  constructor(
    private readonly world: World,
    readonly rng: Rng,
    config: LambdaConfig,
    private readonly handler: LambdaHandler<E>,
    account?: LambdaAccount,
  ) {
    const { concurrencyLimit, ...rest } = config;
    this.config = { ...rest, reservedConcurrency: config.reservedConcurrency ?? concurrencyLimit };
    this.name = config.name ?? 'function';
    this.reserved = this.config.reservedConcurrency;
    this.provisioned = config.provisionedConcurrency ?? 0;
    checkAsyncSettings(this.config);
    checkTimeout(config.timeoutMs);
    const rate = checkScaleLimit(config.scaleLimitPer10s ?? 1000);
    this.account = account ?? new LambdaAccount({}, true);
    this.account.allocate(this, this.reserved, this.provisioned);
    this.concurrency = new TimeAverage(world.sim.now);
    this.scaling = new TokenBucket(rate / SCALING_WINDOW_S, rate, world.sim.now);
    this.deadlines = this.timeoutQueue(config.timeoutMs);
    // Provisioned before the run: initialised up front.
    this.provIdle = this.provisioned;
  }

  /** MaximumRetryAttempts for asynchronous invocation now. */
  get maximumRetryAttempts(): number {
    return this.config.maximumRetryAttempts ?? ASYNC_RETRY_ATTEMPTS.default;
  }

  /** MaximumEventAgeInSeconds for asynchronous invocation now, in ms. */
  get maximumEventAgeMs(): number {
    return this.config.maximumEventAgeMs ?? ASYNC_EVENT_AGE_MS.default;
  }

  /** Reserved concurrency now (undefined: none, the function shares the unreserved pool). */
  get reservedConcurrency(): number | undefined {
    return this.reserved;
  }

  /** The most that could run now: the reserve, or provisioned + the account's unreserved pool. */
  get concurrencyLimit(): number {
    return this.reserved ?? this.provisioned + this.account.unreservedLimit;
  }

  /**
   * Changes settings mid-run; running invocations go on under the settings they started with.
   * Throws {@link LambdaConfigError}, changing nothing, for settings AWS would refuse (a reserve
   * or provisioned concurrency that leaves the account fewer than 100 unreserved, provisioned
   * above the reserve, retry attempts outside 0–2, event age outside 60 s – 6 h).
   */
  reconfigure(changes: LambdaReconfig): void {
    const { concurrencyLimit, reservedConcurrency, ...rest } = changes;
    let reserved = this.reserved;
    if (reservedConcurrency !== undefined) reserved = reservedConcurrency ?? undefined;
    else if (concurrencyLimit !== undefined) reserved = concurrencyLimit;
    const provisioned = rest.provisionedConcurrency ?? this.provisioned;
    checkAsyncSettings({ ...this.config, ...rest });
    if (rest.timeoutMs !== undefined) checkTimeout(rest.timeoutMs);
    if (rest.scaleLimitPer10s !== undefined) checkScaleLimit(rest.scaleLimitPer10s);
    this.account.allocate(this, reserved, provisioned); // throws before anything changed
    const timeoutChanged = rest.timeoutMs !== undefined && rest.timeoutMs !== this.config.timeoutMs;
    for (const [key, value] of Object.entries(rest))
      if (value !== undefined) (this.config as unknown as Record<string, unknown>)[key] = value;
    this.config.reservedConcurrency = reserved;
    this.reserved = reserved;
    this.provisioned = provisioned;
    if (timeoutChanged) this.deadlines = this.timeoutQueue(this.config.timeoutMs);
    if (rest.scaleLimitPer10s !== undefined) {
      const rate = rest.scaleLimitPer10s;
      this.scaling.setLimits(rate / SCALING_WINDOW_S, rate, this.world.sim.now);
    }
    this.reconcileProvisioned();
    this.asyncQueue?.settingsChanged();
  }

  /** Running invocations now. */
  get running(): number {
    return this.concurrency.value;
  }

  /** Invokes the function synchronously (RequestResponse); `done` is called exactly once. */
  invoke(event: E, done: (result: InvocationResult) => void): void {
    const throttled = this.tryInvoke(event, done);
    if (throttled) done(throttled);
  }

  /**
   * Invokes the function asynchronously (InvocationType Event): the event joins the function's
   * event queue and the call returns at once with 202 (Accepted). The queue sends it when the
   * function has capacity, retries throttles with backoff and function errors up to
   * MaximumRetryAttempts (after 1 min, then 2 min), discards it past MaximumEventAge, and
   * reports the outcome through `callbacks` (the on-success / on-failure destinations).
   */
  invokeAsync(event: E, callbacks: AsyncInvokeCallbacks<E> = {}): 202 {
    this.asyncQueue ??= new AsyncEventQueue(this.world.sim, this);
    this.asyncQueue.enqueue(event, callbacks);
    return 202;
  }

  /**
   * Starts an invocation if the function can take it now and returns undefined (`done` is then
   * called exactly once, later); otherwise counts and returns the throttle without calling
   * `done`. {@link invoke} and the asynchronous queue are built on it.
   */
  tryInvoke(event: E, done: (result: InvocationResult) => void): InvocationFailure | undefined {
    const sim = this.world.sim;
    let provisioned = false;
    let usedUnreserved = false;
    let startDelay = 0;
    if (this.provIdle > 0) {
      this.provIdle--;
      this.provBusy++;
      provisioned = true;
    } else {
      if (this.reserved !== undefined) {
        if (this.onDemandRunning >= this.reserved - this.provisioned)
          return this.throttle(CONCURRENCY_THROTTLE);
      } else if (this.account.unreservedInUse >= this.account.unreservedLimit) {
        return this.throttle(CONCURRENCY_THROTTLE);
      }
      startDelay = this.acquireEnvironment();
      if (startDelay < 0) return this.throttle(SCALING_THROTTLE);
      // Checked above, so this cannot fail.
      if (this.reserved === undefined) usedUnreserved = this.account.tryAcquireUnreserved();
      this.onDemandRunning++;
    }
    this.invocations.value++;
    this.concurrency.add(sim.now, 1);
    const invocation: Invocation = { alive: true };
    let deadline: TimeoutHandle | undefined;
    const deadlines = this.deadlines;
    const finish = (result: InvocationResult): void => {
      if (!invocation.alive) return;
      invocation.alive = false;
      if (deadline) deadlines.cancel(deadline);
      this.concurrency.add(sim.now, -1);
      const timedOut = !result.ok && result.error === 'timeout';
      if (provisioned) this.releaseProvisioned(timedOut);
      else {
        this.onDemandRunning--;
        if (usedUnreserved) this.account.releaseUnreserved();
        // A timed-out environment is reset on AWS: the next invocation there starts cold.
        if (!timedOut) this.idleSince.push(sim.now);
      }
      if (!result.ok) {
        if (timedOut) this.timeouts.value++;
        this.errors.value++;
      }
      done(result);
      this.asyncQueue?.capacityFreed();
    };
    // The function timeout runs from the end of initialisation (Init has its own limit on AWS).
    sim.schedule(
      startDelay,
      () => {
        deadline = deadlines.add(finish);
        this.handler(event, finish, invocation);
      },
      undefined,
    );
    return undefined;
  }

  /** Live numbers for the node badge and the CLI. */
  stats(): LambdaStats {
    const q = this.asyncQueue;
    return {
      concurrency: this.running,
      concurrencyLimit: this.concurrencyLimit,
      meanConcurrency: round2(this.concurrency.mean(this.world.sim.now)),
      invocations: this.invocations.value,
      errors: this.errors.value,
      throttles: this.throttles.value,
      timeouts: this.timeouts.value,
      coldStarts: this.coldStarts.value,
      warmIdle: this.idleSince.length,
      provisionedConcurrency: this.provisioned,
      provisionedBusy: this.provBusy,
      asyncQueued: q ? q.size : 0,
      asyncOldestAgeMs: q ? q.oldestAgeMs() : 0,
      asyncRetries: q ? q.counters.retries : 0,
      asyncSucceeded: q ? q.counters.succeeded : 0,
      asyncDroppedRetriesExhausted: q ? q.counters.droppedRetriesExhausted : 0,
      asyncDroppedExpired: q ? q.counters.droppedExpired : 0,
    };
  }

  private throttle(result: InvocationFailure): InvocationFailure {
    this.throttles.value++;
    return result;
  }

  private timeoutQueue(timeoutMs: number): TimeoutQueue<(result: InvocationResult) => void> {
    checkTimeout(timeoutMs);
    const timedOut: InvocationResult = {
      ok: false,
      error: 'timeout',
      message: `Task timed out after ${timeoutMs / 1000} seconds`,
    };
    return new TimeoutQueue(this.world.sim, timeoutMs, (finish) => finish(timedOut));
  }

  /**
   * Returns the start delay of an on-demand environment (0 warm, a cold start otherwise), or -1
   * when the scaling rate allows no new environment now.
   */
  private acquireEnvironment(): number {
    const now = this.world.sim.now;
    // Reclaim environments idle for too long: they are the oldest, at the front.
    let reclaim = 0;
    while (
      reclaim < this.idleSince.length &&
      now - (this.idleSince[reclaim] as number) > this.config.keepWarmMs
    )
      reclaim++;
    if (reclaim > 0) this.idleSince = this.idleSince.slice(reclaim);
    if (this.idleSince.length > 0) {
      this.idleSince.pop();
      return 0;
    }
    if (!this.scaling.tryTake(now)) return -1;
    this.coldStarts.value++;
    return sample(this.config.coldStart, this.rng);
  }

  /** A provisioned environment finished an invocation. */
  private releaseProvisioned(timedOut: boolean): void {
    this.provBusy--;
    const kept = this.provIdle + this.provBusy + this.provPending.length;
    if (kept >= this.provisioned) return; // provisioned concurrency was lowered: let it go
    // A timed-out environment is reset and initialised again; it stays provisioned.
    if (timedOut) this.initProvisioned();
    else this.provIdle++;
  }

  /** Brings provisioned environments (idle, busy, initialising) to the configured number. */
  private reconcileProvisioned(): void {
    let total = this.provIdle + this.provBusy + this.provPending.length;
    while (total > this.provisioned && this.provPending.length > 0) {
      this.world.sim.cancel(this.provPending.pop() as ScheduledEvent);
      total--;
    }
    while (total > this.provisioned && this.provIdle > 0) {
      this.provIdle--;
      total--;
    }
    // Busy ones above the number are let go when they finish (releaseProvisioned).
    for (; total < this.provisioned; total++) this.initProvisioned();
  }

  /** Starts initialising one provisioned environment: ready after one Init. */
  private initProvisioned(): void {
    const pending = this.provPending;
    const handle: { ev?: ScheduledEvent } = {};
    handle.ev = this.world.sim.scheduleCancellable(
      sample(this.config.coldStart, this.rng),
      (h: { ev?: ScheduledEvent }) => {
        const i = pending.indexOf(h.ev as ScheduledEvent);
        if (i >= 0) pending.splice(i, 1);
        this.provIdle++;
        this.asyncQueue?.capacityFreed();
      },
      handle,
    );
    pending.push(handle.ev);
  }
}

const CONCURRENCY_THROTTLE: InvocationFailure = {
  ok: false,
  error: 'throttled',
  message: 'Rate Exceeded (concurrency limit)',
};
const SCALING_THROTTLE: InvocationFailure = {
  ok: false,
  error: 'throttled',
  message: 'Rate Exceeded (scaling limit)',
};

function checkAsyncSettings(c: LambdaConfig): void {
  const r = c.maximumRetryAttempts;
  if (
    r !== undefined &&
    (!Number.isInteger(r) || r < ASYNC_RETRY_ATTEMPTS.min || r > ASYNC_RETRY_ATTEMPTS.max)
  )
    throw new LambdaConfigError(`MaximumRetryAttempts must be 0, 1 or 2, got ${r}`);
  const a = c.maximumEventAgeMs;
  if (a !== undefined && !(a >= ASYNC_EVENT_AGE_MS.min && a <= ASYNC_EVENT_AGE_MS.max))
    throw new LambdaConfigError(
      `MaximumEventAgeInSeconds must be between 60 and 21600, got ${a / 1000}`,
    );
}

function checkTimeout(ms: number): void {
  if (!(ms > 0 && ms <= 900_000))
    throw new LambdaConfigError(`Timeout must be at most 900 seconds, got ${ms / 1000}`);
}

function checkScaleLimit(n: number): number {
  if (!(n > 0)) throw new LambdaConfigError(`scaleLimitPer10s must be > 0, got ${n}`);
  return n;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
