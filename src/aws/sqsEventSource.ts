import { HopKind, type Counter, type World } from '../engine';
import type { InvocationResult, LambdaFunction } from './lambda';
import { MAX_WAIT_MS, type Received, type SqsQueue } from './sqs';

/** After a failed batch, the mapping stops adding pollers for this long (Lambda backs off). */
const ERROR_SCALE_PAUSE_MS = 10_000;

/** Event source mapping settings (Lambda polling an SQS standard queue). */
export interface SqsEventSourceConfig {
  /** Most messages per invocation (default 10; up to 10,000 for standard queues). */
  batchSize: number;
  /** MaximumBatchingWindowInSeconds, in ms (0–300 s). */
  batchWindowMs: number;
  /** MaximumConcurrency (2–1,000), or undefined for no cap below the function's own limit. */
  maxConcurrency?: number;
  /** Pollers at the start (AWS: 5). */
  initialPollers: number;
  /** Pollers added per minute while messages are waiting (AWS: up to 300). */
  scaleUpPerMinute: number;
  /** Hard cap on pollers (AWS: 1,000). */
  maxPollers: number;
  /** Edge ids for hop events: queue → function. */
  edgeId?: string;
  /** Network + API time of one ReceiveMessage / DeleteMessageBatch call, ms. */
  apiLatencyMs: number;
}

/**
 * The Lambda event source mapping that polls SQS. Each poller long-polls the queue, gathers a
 * batch (receives of at most 10 until batchSize, or until the batching window counted from the
 * first message ends), invokes the function synchronously and, on success, deletes the batch.
 * - Function error: the whole batch is left to reappear after the visibility timeout (no
 *   ReportBatchItemFailures), and the mapping backs off: that poller retires and scaling pauses.
 * - Throttled invocation: the same batch is retried with back-off while its messages are still
 *   invisible.
 * - Scaling: while messages wait, pollers are added (5 at first, up to 300 more per minute, at
 *   most 1,000 or MaximumConcurrency); a poller whose long poll comes back empty retires, down to
 *   the initial few.
 */
export class SqsEventSource<B> {
  readonly batches: Counter = { value: 0 };
  readonly failedBatches: Counter = { value: 0 };
  readonly throttledBatches: Counter = { value: 0 };
  private pollers = 0;
  private scaleTimerArmed = false;
  private scaleUpPausedUntil = 0;

  constructor(
    private readonly world: World,
    private readonly queue: SqsQueue<B>,
    private readonly fn: LambdaFunction<Received<B>[]>,
    readonly config: SqsEventSourceConfig,
    /** Called once per message whose batch succeeded and was deleted. */
    private readonly onDeleted: (r: Received<B>) => void,
  ) {}

  /** The most pollers this mapping may run. */
  get cap(): number {
    return Math.min(this.config.maxPollers, this.config.maxConcurrency ?? Infinity);
  }

  /** Current number of pollers. */
  get activePollers(): number {
    return this.pollers;
  }

  /** Starts the initial pollers. */
  start(): void {
    const n = Math.min(this.config.initialPollers, this.cap);
    for (let i = 0; i < n; i++) this.addPoller();
  }

  private addPoller(): void {
    this.pollers++;
    this.poll();
  }

  /** Changes batch size, window or MaximumConcurrency mid-run (UpdateEventSourceMapping). */
  reconfigure(
    config: Partial<Pick<SqsEventSourceConfig, 'batchSize' | 'batchWindowMs' | 'maxConcurrency'>>,
  ): void {
    Object.assign(this.config, config);
    this.maybeScaleUp();
  }

  private poll(): void {
    const sim = this.world.sim;
    // Above a lowered MaximumConcurrency, a poller retires when its batch is done.
    if (this.pollers > this.cap) {
      this.pollers--;
      return;
    }
    sim.schedule(this.config.apiLatencyMs, () => this.gather([], 0), undefined);
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
    return this.config.batchSize > 10
      ? Math.max(1000, this.config.batchWindowMs)
      : this.config.batchWindowMs;
  }

  /**
   * Receives until the batch is full or the batching window (counted from the first message) is
   * over. The first receive is a 20 s long poll; an empty one retires surplus pollers.
   */
  private gather(batch: Received<B>[], windowStart: number): void {
    const sim = this.world.sim;
    const first = batch.length === 0;
    const windowLeft = first ? 0 : windowStart + this.effectiveWindowMs - sim.now;
    const want = this.config.batchSize - batch.length;
    this.queue.receive(Math.min(10, want), first ? MAX_WAIT_MS : Math.max(0, windowLeft), (got) => {
      if (first && got.length === 0) {
        // An empty long poll: retire surplus pollers, keep the initial few polling.
        if (this.pollers > Math.min(this.config.initialPollers, this.cap)) this.pollers--;
        else this.poll();
        return;
      }
      for (const r of got) batch.push(r);
      const start = first ? sim.now : windowStart;
      const windowOver = sim.now >= start + this.effectiveWindowMs;
      if (batch.length < this.config.batchSize && !windowOver) {
        sim.schedule(
          got.length > 0 ? 0 : this.config.apiLatencyMs,
          () => this.gather(batch, start),
          undefined,
        );
        return;
      }
      this.invoke(batch, 0);
    });
    this.maybeScaleUp();
  }

  private invoke(batch: Received<B>[], attempt: number): void {
    const sim = this.world.sim;
    if (attempt === 0) {
      this.batches.value++;
      if (this.config.edgeId) {
        for (const r of batch) {
          const kind = r.message.receiveCount > 1 ? HopKind.Retry : HopKind.Normal;
          this.world.hops.record(
            r.message.id,
            this.config.edgeId,
            sim.now,
            sim.now + this.config.apiLatencyMs,
            kind,
          );
        }
      }
    }
    sim.schedule(
      this.config.apiLatencyMs,
      () =>
        this.fn.invoke(batch, (result: InvocationResult) => {
          if (result.ok) {
            sim.schedule(
              this.config.apiLatencyMs,
              () => {
                for (const r of batch) if (this.queue.delete(r)) this.onDeleted(r);
                this.poll();
              },
              undefined,
            );
            return;
          }
          if (result.error === 'throttled') {
            this.throttledBatches.value++;
            // AWS keeps retrying a throttled batch (backing off) while its messages are still
            // invisible; after that they are back in the queue anyway.
            const backoff = Math.min(1000 * 2 ** attempt, 8000);
            // A receipt stays current exactly while its message is invisible.
            const stillHidden = batch.every((r) => r.message.receipt === r.receipt);
            if (stillHidden) {
              sim.schedule(backoff, () => this.invoke(batch, attempt + 1), undefined);
              return;
            }
            sim.schedule(backoff, () => this.poll(), undefined);
            return;
          }
          // A function error: the batch is not deleted and each message reappears after its
          // visibility timeout. Lambda backs off by reducing concurrency: this poller retires
          // (down to one) and scaling up pauses for a while.
          this.failedBatches.value++;
          this.scaleUpPausedUntil = sim.now + ERROR_SCALE_PAUSE_MS;
          if (this.pollers > 1) this.pollers--;
          else sim.schedule(1000, () => this.poll(), undefined);
        }),
      undefined,
    );
  }

  /** While messages wait and pollers are below the cap, add up to scaleUpPerMinute/60 each second. */
  private maybeScaleUp(): void {
    if (this.scaleTimerArmed) return;
    this.scaleTimerArmed = true;
    this.world.sim.schedule(
      1000,
      () => {
        this.scaleTimerArmed = false;
        if (this.queue.visibleNow === 0 || this.pollers >= this.cap) return;
        if (this.world.sim.now < this.scaleUpPausedUntil) {
          this.maybeScaleUp();
          return;
        }
        const add = Math.min(
          Math.max(1, Math.floor(this.config.scaleUpPerMinute / 60)),
          this.cap - this.pollers,
        );
        for (let i = 0; i < add; i++) this.addPoller();
        this.maybeScaleUp();
      },
      undefined,
    );
  }

  /** Live numbers for the badge and the CLI. */
  stats(): Record<string, number> {
    return {
      pollers: this.pollers,
      pollerCap: this.cap,
      batches: this.batches.value,
      failedBatches: this.failedBatches.value,
      throttledBatches: this.throttledBatches.value,
    };
  }
}
