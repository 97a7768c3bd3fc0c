import { sample, type Distribution, type Rng, type World } from '../engine';
import { MAX_WAIT_MS, type Received, type SqsQueue } from './sqs';
import {
  SqsPoller,
  type SqsBatchProcessor,
  type SqsBatchResult,
  type SqsPollerHooks,
  type SqsPollerWorker,
} from './sqsPoller';

/** A fleet of instances consuming one SQS queue. */
export interface Ec2ConsumersConfig {
  /** Instances in the fleet. */
  instances: number;
  /** Polling threads per instance, each with its own receive → process → delete loop (default 1). */
  threadsPerInstance?: number;
  /** MaxNumberOfMessages per ReceiveMessage (1–10). */
  batchSize: number;
  /** WaitTimeSeconds, ms (0–20 s; default 20 s, long polling). */
  waitTimeMs?: number;
  /** Network + API time of a ReceiveMessage or DeleteMessageBatch call, ms. */
  apiLatencyMs: number;
  /** Time to process one message, when no processing callback is given (default 0). */
  messageDuration?: Distribution;
  /** Chance that processing a message fails, when no processing callback is given (default 0). */
  errorRate?: number;
}

/** Typed live numbers of a consumer fleet. */
export interface Ec2ConsumersStats {
  instances: number;
  runningInstances: number;
  threads: number;
  batches: number;
  /** Batches with at least one failed message. */
  failedBatches: number;
  deleted: number;
  staleDeletes: number;
  emptyPolls: number;
}

/**
 * Consumers on a fixed number of instances (EC2, containers): each thread long-polls the queue
 * (ReceiveMessage with WaitTimeSeconds 20, up to 10 messages), processes the messages one after
 * another, then deletes the ones that succeeded (DeleteMessageBatch); a failed message is left to
 * reappear after the visibility timeout
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html).
 * Uses the same {@link SqsPoller} loop as Lambda's event source mapping, with a fixed number of
 * workers and no back-off.
 *
 * Work: either the built-in one (`messageDuration` per message, `errorRate` per message), or a
 * processing callback that answers with an {@link SqsBatchResult} (failed ids are honoured: a
 * consumer deletes what it processed).
 *
 * Instances can be stopped and started: a stopped instance stops receiving at once, abandons what
 * it holds (those messages reappear after their visibility timeout: nothing is lost) and ignores
 * work it had begun; a started one resumes polling.
 */
export class Ec2Consumers {
  readonly poller: SqsPoller;
  private readonly fleet: SqsPollerWorker[][] = [];
  private started = false;

  constructor(
    world: World,
    readonly rng: Rng,
    readonly queue: SqsQueue,
    readonly config: Ec2ConsumersConfig,
    process?: SqsBatchProcessor,
    hooks: SqsPollerHooks = {},
  ) {
    const work = process ?? this.builtInWork(world);
    this.poller = new SqsPoller(
      world,
      queue,
      {
        batchSize: clampBatch(config.batchSize),
        batchWindowMs: 0,
        waitTimeMs: Math.min(MAX_WAIT_MS, Math.max(0, config.waitTimeMs ?? MAX_WAIT_MS)),
        apiLatencyMs: config.apiLatencyMs,
        invokeLatencyMs: 0,
        reportBatchItemFailures: true,
        retryThrottled: false,
      },
      work,
      hooks,
      {
        keepPolling: () => true,
        afterEmptyPoll: () => true,
        onOutcome: () => {},
        onPoll: () => {},
      },
    );
  }

  /** Starts every instance (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.setInstances(this.config.instances);
  }

  /** Number of instances in the fleet. */
  get instances(): number {
    return this.fleet.length;
  }

  /** Instances running now. */
  get runningInstances(): number {
    let n = 0;
    for (const threads of this.fleet) if (threads[0]?.running) n++;
    return n;
  }

  /** Whether instance `i` is running. */
  isRunning(i: number): boolean {
    return this.fleet[i]?.[0]?.running ?? false;
  }

  /** Stops instance `i`: see the class comment for what happens to its messages. */
  stopInstance(i: number): void {
    for (const w of this.instance(i)) this.poller.stop(w);
  }

  /** Starts instance `i` again: its threads poll after one API latency. */
  startInstance(i: number): void {
    for (const w of this.instance(i)) this.poller.start(w);
  }

  /**
   * Grows or shrinks the fleet (an Auto Scaling group's desired capacity): new instances start
   * polling at once; removed ones (the highest-numbered) stop as in {@link stopInstance}.
   */
  setInstances(n: number): void {
    const count = Math.max(0, Math.floor(n));
    this.config.instances = count;
    if (!this.started) return;
    const threads = Math.max(1, Math.floor(this.config.threadsPerInstance ?? 1));
    while (this.fleet.length < count) {
      const group = this.fleet.length;
      const ws: SqsPollerWorker[] = [];
      for (let t = 0; t < threads; t++) ws.push(this.poller.spawn(group));
      this.fleet.push(ws);
    }
    while (this.fleet.length > count) {
      const ws = this.fleet.pop() as SqsPollerWorker[];
      for (const w of ws) this.poller.remove(w);
    }
  }

  /** Changes the built-in work, the receive size, or the fleet size mid-run. */
  reconfigure(
    config: Partial<
      Pick<Ec2ConsumersConfig, 'messageDuration' | 'errorRate' | 'batchSize' | 'instances'>
    >,
  ): void {
    const { instances, ...rest } = config;
    Object.assign(this.config, rest);
    this.poller.config.batchSize = clampBatch(this.config.batchSize);
    if (instances !== undefined) this.setInstances(instances);
  }

  /** Live numbers for the badge and the CLI. */
  stats(): Ec2ConsumersStats {
    const p = this.poller;
    return {
      instances: this.fleet.length,
      runningInstances: this.runningInstances,
      threads: p.size,
      batches: p.batches.value,
      failedBatches: p.failedBatches.value + p.partialBatches.value,
      deleted: p.deletedMessages.value,
      staleDeletes: p.staleDeletes.value,
      emptyPolls: p.emptyPolls.value,
    };
  }

  private instance(i: number): SqsPollerWorker[] {
    const ws = this.fleet[i];
    if (!ws) throw new RangeError(`no instance ${i} (fleet of ${this.fleet.length})`);
    return ws;
  }

  /** Processes the messages one after another; each may fail with `errorRate`. */
  private builtInWork(world: World): SqsBatchProcessor {
    return (batch, done) => {
      const failed: number[] = [];
      const next = (i: number): void => {
        const r: Received | undefined = batch[i];
        if (!r) {
          const result: SqsBatchResult =
            failed.length === 0 ? { ok: true } : { ok: false, error: 'error', failedIds: failed };
          done(result);
          return;
        }
        const ms = this.config.messageDuration ? sample(this.config.messageDuration, this.rng) : 0;
        const finish = (): void => {
          if (this.rng.chance(this.config.errorRate ?? 0)) failed.push(r.id);
          next(i + 1);
        };
        if (ms > 0) world.sim.schedule(ms, finish, undefined);
        else finish();
      };
      next(0);
    };
  }
}

function clampBatch(n: number): number {
  return Math.max(1, Math.min(10, Math.floor(n)));
}
