import type { World } from '../engine';
import { MAX_WAIT_MS, type SqsQueue } from './sqs';
import {
  SqsPoller,
  type SqsBatchProcessor,
  type SqsOutcomeKind,
  type SqsPollerHooks,
  type SqsPollerPolicy,
} from './sqsPoller';

/** Event source mapping settings (Lambda polling an SQS standard queue). */
export interface SqsEventSourceConfig {
  /** Most messages per invocation (default 10; up to 10,000 for standard queues). */
  batchSize: number;
  /** MaximumBatchingWindowInSeconds, in ms (0–300 s; at least 1 s once batchSize > 10). */
  batchWindowMs: number;
  /** MaximumConcurrency (2–1,000), or undefined for no cap below `maxPollers`. */
  maxConcurrency?: number;
  /** Pollers at the start, and the number an idle mapping scales back to (AWS: 5). */
  initialPollers: number;
  /** Pollers added per minute while messages are waiting (AWS: up to 300). */
  scaleUpPerMinute: number;
  /** Hard cap on concurrent batches (AWS: 1,000). */
  maxPollers: number;
  /** Network + API time of one ReceiveMessage, Invoke or DeleteMessageBatch call, ms. */
  apiLatencyMs: number;
  /**
   * FunctionResponseTypes: ["ReportBatchItemFailures"]. The function's partial batch response is
   * honoured (only the failed messages stay in the queue), and function errors no longer make the
   * mapping back off (throttles still do).
   */
  reportBatchItemFailures?: boolean;
  /**
   * Fewest pollers that error back-off goes down to (default 2, the fewest concurrent batches the
   * AWS scaling page mentions; AWS does not say how low error back-off goes).
   */
  minPollers?: number;
}

/** Typed live numbers of a mapping. */
export interface SqsEventSourceStats {
  /** Concurrent batches (pollers) now. */
  pollers: number;
  /** MaximumConcurrency, or the 1,000 cap. */
  pollerCap: number;
  /** The concurrency the mapping is allowed now, after back-off (a float, shown rounded). */
  allowedConcurrency: number;
  /** Share of recent attempts that failed with a function error (10 s moving average), 0–1. */
  recentErrorRatio: number;
  /** Share of recent attempts that were throttled (10 s moving average), 0–1. */
  recentThrottleRatio: number;
  batches: number;
  failedBatches: number;
  partialBatches: number;
  throttledBatches: number;
  deleted: number;
  emptyPolls: number;
}

/** Time constant of the failure-ratio moving average, s. */
const FAILURE_MEMORY_S = 10;
/** Most of its concurrency a mapping gives up in one second of back-off. */
const MAX_SHRINK_PER_S = 0.25;

/**
 * The Lambda event source mapping that polls SQS, on the shared {@link SqsPoller} loop. The
 * function side is a callback (`invoke(batch, done)`), so the mapping does not depend on the Lambda
 * model; the caller maps an invocation's outcome to an {@link SqsBatchResult} (a throttle to
 * `throttled`, an error or timeout to `error`, a partial batch response to `error` with
 * `failedIds`). It records no hops and ends no fates: its hooks (`onBatchDelivered`,
 * `onBatchResult`, `onDeleted`) tell the caller.
 *
 * Scaling (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): pollers long-poll
 * the queue; "when messages are available, Lambda starts processing five batches at a time with five
 * concurrent invocations"; while messages remain it adds "up to 300 more instances per minute", at
 * most 1,000 concurrent batches, or MaximumConcurrency; when traffic is low it scales back to five.
 * Here a poller whose long poll comes back empty retires, down to `initialPollers`.
 *
 * Errors (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html, "Backoff
 * strategy for failed invocations"): on a function error Lambda stops processing that batch and
 * "gradually backs off, reducing the amount of concurrency allocated to your Amazon SQS event
 * source mapping"; the batch's messages reappear after the visibility timeout. On throttling it
 * also backs off gradually and keeps retrying the batch until the messages' visibility timeout
 * runs out. With ReportBatchItemFailures, only the failed messages become visible again, and
 * Lambda does not scale message polling down when invocations fail (so that expected failures do
 * not slow processing; stated on the same page, read here in its Japanese edition,
 * https://docs.aws.amazon.com/ja_jp/lambda/latest/operatorguide/sqs-retries.html).
 *
 * AWS documents the direction of the back-off, not its rates; this model's rule (ours), applied
 * once a second from 10 s moving averages of the attempts' outcomes:
 * - Function errors (not counted with ReportBatchItemFailures): the mapping may use at most
 *   (1 − error share) of its cap. Above that it sheds at most 25% of its concurrency a second;
 *   below it, while messages wait, it grows by up to 300 a minute. So 1% errors cost about 1% of
 *   the concurrency plus the failed work (the retries), with or without MaximumConcurrency; every
 *   invocation failing brings it down to `minPollers`; after errors stop the ceiling rises as the
 *   average forgets them, and the mapping climbs back at 300 a minute.
 * - Throttles: the mapping gives up the throttled share of its concurrency each second and grows
 *   by 300 a minute times the unthrottled share, so it settles a few pollers above the function's
 *   concurrency limit instead of hammering it.
 */
export class SqsEventSource {
  readonly poller: SqsPoller;
  /** Allowed concurrency, a float between the back-off floor and the cap. */
  private target = 0;
  private started = false;
  /** Moving sums (10 s memory) of function errors, throttles and all attempts. */
  private errorEwma = 0;
  private throttleEwma = 0;
  private doneEwma = 0;
  private tickErrors = 0;
  private tickThrottles = 0;
  private tickDone = 0;
  private tickArmed = false;
  private lastTickAt = 0;

  constructor(
    private readonly world: World,
    readonly queue: SqsQueue,
    readonly config: SqsEventSourceConfig,
    invoke: SqsBatchProcessor,
    hooks: SqsPollerHooks = {},
  ) {
    const policy: SqsPollerPolicy = {
      keepPolling: () => this.poller.size <= this.allowedPollers(),
      afterEmptyPoll: () => this.afterEmptyPoll(),
      onOutcome: (kind) => this.onOutcome(kind),
      onPoll: () => this.armTick(),
    };
    this.poller = new SqsPoller(
      world,
      queue,
      {
        batchSize: config.batchSize,
        batchWindowMs: config.batchWindowMs,
        waitTimeMs: MAX_WAIT_MS,
        apiLatencyMs: config.apiLatencyMs,
        invokeLatencyMs: config.apiLatencyMs,
        reportBatchItemFailures: config.reportBatchItemFailures ?? false,
        retryThrottled: true,
      },
      invoke,
      hooks,
      policy,
    );
  }

  /** The most pollers this mapping may run. */
  get cap(): number {
    return Math.max(1, Math.min(this.config.maxPollers, this.config.maxConcurrency ?? Infinity));
  }

  /** Current number of pollers (concurrent batches). */
  get activePollers(): number {
    return this.poller.size;
  }

  /** The concurrency allowed now, after back-off. */
  get allowedConcurrency(): number {
    return this.target;
  }

  /** The batch size in force (BatchSize; ReceiveMessage itself returns at most 10 per call). */
  get effectiveBatchSize(): number {
    return this.config.batchSize;
  }

  /**
   * The batching window in force: AWS requires at least 1 s once BatchSize is above 10, and this
   * model applies that minimum rather than silently capping batches at 10.
   */
  get effectiveWindowMs(): number {
    return this.poller.windowMs;
  }

  /** Starts the initial pollers. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.lastTickAt = this.world.sim.now;
    const n = Math.min(this.config.initialPollers, this.cap);
    this.target = n;
    for (let i = 0; i < n; i++) this.poller.spawn();
    this.armTick();
  }

  /** Changes batch size, window, MaximumConcurrency or ReportBatchItemFailures mid-run. */
  reconfigure(
    config: Partial<
      Pick<
        SqsEventSourceConfig,
        'batchSize' | 'batchWindowMs' | 'maxConcurrency' | 'reportBatchItemFailures'
      >
    >,
  ): void {
    Object.assign(this.config, config);
    const pc = this.poller.config;
    pc.batchSize = this.config.batchSize;
    pc.batchWindowMs = this.config.batchWindowMs;
    pc.reportBatchItemFailures = this.config.reportBatchItemFailures ?? false;
    // Above a lowered MaximumConcurrency, pollers retire as their batches finish.
    this.target = Math.min(this.target, this.cap);
    this.armTick();
  }

  /** Live numbers for the badge and the CLI. */
  stats(): SqsEventSourceStats {
    const p = this.poller;
    return {
      pollers: p.size,
      pollerCap: this.cap,
      allowedConcurrency: Math.round(this.target * 10) / 10,
      recentErrorRatio: Math.round(this.errorRatio() * 1000) / 1000,
      recentThrottleRatio: Math.round(this.throttleRatio() * 1000) / 1000,
      batches: p.batches.value,
      failedBatches: p.failedBatches.value,
      partialBatches: p.partialBatches.value,
      throttledBatches: p.throttledAttempts.value,
      deleted: p.deletedMessages.value,
      emptyPolls: p.emptyPolls.value,
    };
  }

  private get floor(): number {
    return Math.min(this.config.minPollers ?? 2, this.cap);
  }

  private get idleFloor(): number {
    return Math.min(this.config.initialPollers, this.cap);
  }

  private allowedPollers(): number {
    // Rounded: the moving averages only tend to 0, and 99.99 allowed should still be 100.
    return Math.max(1, Math.min(this.cap, Math.round(this.target)));
  }

  /** Share of recent attempts that failed with a function error (0 with ReportBatchItemFailures). */
  private errorRatio(): number {
    return this.doneEwma > 0 ? this.errorEwma / this.doneEwma : 0;
  }

  /** Share of recent attempts that were throttled. */
  private throttleRatio(): number {
    return this.doneEwma > 0 ? this.throttleEwma / this.doneEwma : 0;
  }

  /** An empty long poll: surplus pollers retire, down to the initial few. */
  private afterEmptyPoll(): boolean {
    const size = this.poller.size;
    if (size <= this.idleFloor) return true;
    this.target = Math.max(this.idleFloor, Math.min(this.target, size - 1));
    return false;
  }

  private onOutcome(kind: SqsOutcomeKind): void {
    this.tickDone++;
    if (kind === 'throttled') this.tickThrottles++;
    else if (kind === 'error' && !(this.config.reportBatchItemFailures ?? false)) this.tickErrors++;
    this.armTick();
  }

  private armTick(): void {
    if (this.tickArmed || !this.started) return;
    this.tickArmed = true;
    this.world.sim.schedule(1000, this.tick, undefined);
  }

  /** Once a second while there is anything to do: back off, scale up, start new pollers. */
  private readonly tick = (): void => {
    this.tickArmed = false;
    const now = this.world.sim.now;
    const decay = Math.exp(-(now - this.lastTickAt) / 1000 / FAILURE_MEMORY_S);
    this.lastTickAt = now;
    this.errorEwma = this.errorEwma * decay + this.tickErrors;
    this.throttleEwma = this.throttleEwma * decay + this.tickThrottles;
    this.doneEwma = this.doneEwma * decay + this.tickDone;
    this.tickErrors = 0;
    this.tickThrottles = 0;
    this.tickDone = 0;
    const errors = this.errorRatio();
    const throttles = this.throttleRatio();
    const cap = this.cap;
    const floor = this.floor;
    // Function errors: the mapping may use (1 - error share) of its cap.
    const ceiling = Math.max(floor, cap * (1 - errors));
    let target = this.target;
    // Throttles: give up the throttled share, so the mapping settles near the function's limit.
    if (throttles > 0) target -= target * Math.min(throttles, MAX_SHRINK_PER_S);
    if (target > ceiling) target = Math.max(ceiling, target * (1 - MAX_SHRINK_PER_S));
    else if (this.queue.visibleNow > 0)
      target = Math.min(ceiling, target + (this.config.scaleUpPerMinute / 60) * (1 - throttles));
    this.target = Math.min(cap, Math.max(floor, target));
    const allowed = this.allowedPollers();
    while (this.poller.size < allowed && this.queue.visibleNow > 0) this.poller.spawn();
    if (this.queue.visibleNow > 0 || this.errorEwma + this.throttleEwma > 1e-3) this.armTick();
  };
}
