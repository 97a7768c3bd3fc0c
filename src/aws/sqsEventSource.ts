import { HopKind, type Counter, type World } from '../engine';
import type { InvocationResult, LambdaFunction } from './lambda';
import type { Received, SqsQueue } from './sqs';

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
 * batch (several receives of at most 10 until batchSize or the batching window), invokes the
 * function synchronously and, on success, deletes the batch. On error the whole batch is left to
 * reappear after the visibility timeout (no ReportBatchItemFailures). While messages wait, the
 * mapping adds pollers (5 at first, up to 300 more per minute, at most 1,000 or
 * MaximumConcurrency); a poller whose receive comes back empty retires, down to the initial few.
 */
export class SqsEventSource<B> {
  readonly batches: Counter = { value: 0 };
  readonly failedBatches: Counter = { value: 0 };
  readonly throttledBatches: Counter = { value: 0 };
  private pollers = 0;
  private scaleTimerArmed = false;

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
    sim.schedule(this.config.apiLatencyMs, () => this.gather([], sim.now), undefined);
  }

  /** Receives until the batch is full, the window is over, or (without a window) a receive is short. */
  private gather(batch: Received<B>[], startedAt: number): void {
    const sim = this.world.sim;
    const want = this.config.batchSize - batch.length;
    const windowLeft = startedAt + this.config.batchWindowMs - sim.now;
    const wait = batch.length === 0 ? 20_000 : Math.max(0, windowLeft);
    this.queue.receive(Math.min(10, want), wait, (got) => {
      for (const r of got) batch.push(r);
      const full = batch.length >= this.config.batchSize;
      const windowOver = sim.now - startedAt >= this.config.batchWindowMs;
      if (batch.length === 0) {
        // An empty long poll: retire surplus pollers, keep the initial few polling.
        if (this.pollers > Math.min(this.config.initialPollers, this.cap)) this.pollers--;
        else this.poll();
        return;
      }
      if (!full && !windowOver && got.length > 0) {
        sim.schedule(0, () => this.gather(batch, startedAt), undefined);
        return;
      }
      if (!full && !windowOver && got.length === 0 && this.config.batchWindowMs > 0) {
        sim.schedule(
          Math.max(1, startedAt + this.config.batchWindowMs - sim.now),
          () => this.gather(batch, startedAt),
          undefined,
        );
        return;
      }
      this.invoke(batch);
    });
    this.maybeScaleUp();
  }

  private invoke(batch: Received<B>[]): void {
    const sim = this.world.sim;
    this.batches.value++;
    if (this.config.edgeId) {
      for (const r of batch)
        this.world.hops.record(
          r.message.id,
          this.config.edgeId,
          sim.now,
          sim.now + this.config.apiLatencyMs,
          r.message.receiveCount > 1 ? HopKind.Retry : HopKind.Normal,
        );
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
          } else {
            if (result.error === 'throttled') this.throttledBatches.value++;
            else this.failedBatches.value++;
            // The batch is not deleted: each message reappears after its visibility timeout.
            // A throttled poller backs off a little before polling again.
            sim.schedule(result.error === 'throttled' ? 1000 : 0, () => this.poll(), undefined);
          }
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
