import {
  sample,
  TimeAverage,
  TimeoutQueue,
  type Counter,
  type Distribution,
  type Rng,
  type TimeoutHandle,
  type World,
} from '../engine';

/** How an invocation ended. */
export type InvocationResult =
  /** `status`: the HTTP status of a proxy response the function returned (default 200). */
  | { ok: true; status?: number }
  | { ok: false; error: 'throttled' | 'timeout' | 'error'; message: string };

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
  /** Concurrent executions allowed (reserved concurrency, or the account's 1,000). */
  concurrencyLimit: number;
  /** Extra time to start a new execution environment. */
  coldStart: Distribution;
  /** Function timeout, ms (up to 900,000). */
  timeoutMs: number;
  /** How long an idle environment stays warm before it is reclaimed. */
  keepWarmMs: number;
  /** New environments allowed per 10 s window (AWS: up to 1,000 every 10 s per function). */
  scaleLimitPer10s: number;
}

/**
 * A Lambda function: invocations run in execution environments, at most `concurrencyLimit` at
 * once; beyond it, or beyond the scaling rate of new environments, an invocation is throttled
 * (429, TooManyRequestsException). An invocation that finds no idle warm environment pays a cold
 * start. The handler's time counts against the timeout.
 */
export class LambdaFunction<E> {
  readonly invocations: Counter = { value: 0 };
  readonly errors: Counter = { value: 0 };
  readonly throttles: Counter = { value: 0 };
  readonly timeouts: Counter = { value: 0 };
  readonly coldStarts: Counter = { value: 0 };
  /** Running invocations over time (its mean is the average concurrency). */
  readonly concurrency: TimeAverage;
  /** When each idle environment became idle, most recent last. */
  private idleSince: number[] = [];
  private windowStart = 0;
  private createdInWindow = 0;
  private readonly deadlines: TimeoutQueue<(result: InvocationResult) => void>;

  constructor(
    private readonly world: World,
    readonly rng: Rng,
    readonly config: LambdaConfig,
    private readonly handler: LambdaHandler<E>,
  ) {
    this.concurrency = new TimeAverage(world.sim.now);
    const timedOut: InvocationResult = {
      ok: false,
      error: 'timeout',
      message: `Task timed out after ${config.timeoutMs / 1000} seconds`,
    };
    this.deadlines = new TimeoutQueue(world.sim, config.timeoutMs, (finish) => finish(timedOut));
  }

  /** Changes concurrency limit or cold-start time mid-run (running invocations go on). */
  reconfigure(config: Partial<Pick<LambdaConfig, 'concurrencyLimit' | 'coldStart'>>): void {
    Object.assign(this.config, config);
  }

  /** Running invocations now. */
  get running(): number {
    return this.concurrency.value;
  }

  /** Invokes the function; `done` is called exactly once. */
  invoke(event: E, done: (result: InvocationResult) => void): void {
    const sim = this.world.sim;
    if (this.running >= this.config.concurrencyLimit) {
      this.throttles.value++;
      done({ ok: false, error: 'throttled', message: 'Rate Exceeded (concurrency limit)' });
      return;
    }
    const startDelay = this.acquireEnvironment();
    if (startDelay < 0) {
      this.throttles.value++;
      done({ ok: false, error: 'throttled', message: 'Rate Exceeded (scaling limit)' });
      return;
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
      // A timed-out environment is reset on AWS: the next invocation there starts cold.
      if (!timedOut) this.idleSince.push(sim.now);
      if (!result.ok) {
        if (timedOut) this.timeouts.value++;
        this.errors.value++;
      }
      done(result);
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
  }

  /** Returns the start delay (0 warm, cold start otherwise), or -1 when scaling is throttled. */
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
    if (now - this.windowStart >= 10_000) {
      this.windowStart = now - ((now - this.windowStart) % 10_000);
      this.createdInWindow = 0;
    }
    if (this.createdInWindow >= this.config.scaleLimitPer10s) return -1;
    this.createdInWindow++;
    this.coldStarts.value++;
    return sample(this.config.coldStart, this.rng);
  }

  /** Live numbers for the node badge and the CLI. */
  stats(): Record<string, number> {
    return {
      concurrency: this.running,
      concurrencyLimit: this.config.concurrencyLimit,
      meanConcurrency: round2(this.concurrency.mean(this.world.sim.now)),
      invocations: this.invocations.value,
      errors: this.errors.value,
      throttles: this.throttles.value,
      timeouts: this.timeouts.value,
      coldStarts: this.coldStarts.value,
      warmIdle: this.idleSince.length,
    };
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
