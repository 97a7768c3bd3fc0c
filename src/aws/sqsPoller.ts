import type { Counter, World } from '../engine';
import type { PendingReceive, Received, SqsQueue } from './sqs';

/**
 * How the work on one batch ended, as its processor reports it.
 * - `{ ok: true }`: every message succeeded; all are deleted.
 * - `{ ok: false, error: 'throttled' }`: the work was refused before it ran (Lambda throttled the
 *   invocation); with `retryThrottled` the same batch is retried with back-off while its messages
 *   are still invisible.
 * - `{ ok: false, error: 'error' }`: the batch failed as a whole (a function error, a timeout, an
 *   exception); nothing is deleted and every message reappears after its visibility timeout.
 * - `{ ok: false, error: 'error', failedIds }`: these messages failed and the others succeeded.
 *   With `reportBatchItemFailures` (a partial batch response) only the failed ones stay in the
 *   queue; without it the batch counts as failed as a whole (the function threw).
 */
export type SqsBatchResult =
  | { ok: true }
  | { ok: false; error: 'throttled' }
  | { ok: false; error: 'error'; failedIds?: readonly number[] };

/** The work side: process `batch`, then call `done` exactly once. */
export type SqsBatchProcessor = (
  batch: readonly Received[],
  done: (result: SqsBatchResult) => void,
) => void;

/** What an attempt at a batch came to, as a scaling policy sees it. */
export type SqsOutcomeKind = 'ok' | 'partial' | 'error' | 'throttled';

/** What a poller tells its owner (for hops, fates and charts). Every field is optional. */
export interface SqsPollerHooks {
  /** A gathered batch is handed to the work (attempt 0), or handed again after a throttle (1, 2…). */
  onBatchDelivered?(batch: readonly Received[], attempt: number): void;
  /** The work on a batch ended with `result` (once per attempt). */
  onBatchResult?(batch: readonly Received[], result: SqsBatchResult, attempt: number): void;
  /** A message of a successful (or partly successful) batch was deleted; once per message. */
  onDeleted?(r: Received): void;
}

/** Settings of the receive → gather → process → delete loop. */
export interface SqsPollerConfig {
  /** Most messages per batch; receives of at most 10 are repeated within the batching window. */
  batchSize: number;
  /** How long to keep gathering after the first message, ms (0: one receive per batch). */
  batchWindowMs: number;
  /** WaitTimeSeconds of the first receive of a batch, ms (0–20 s; 20 s is long polling). */
  waitTimeMs: number;
  /** Network + API time of a ReceiveMessage or DeleteMessageBatch call, ms. */
  apiLatencyMs: number;
  /** Time to hand a batch to the work (Lambda's Invoke call), ms; 0 for in-process work. */
  invokeLatencyMs: number;
  /** Failed item ids of an error result are honoured: the other messages are deleted. */
  reportBatchItemFailures: boolean;
  /** A throttled batch is retried (1, 2, 4, 8 s apart) while its messages are still invisible. */
  retryThrottled: boolean;
}

/** When a worker keeps polling; the owner's scaling rules. */
export interface SqsPollerPolicy {
  /** Asked before each poll: false retires the worker. */
  keepPolling(): boolean;
  /** Asked after a long poll came back empty: false retires the worker. */
  afterEmptyPoll(): boolean;
  /** Told once per attempt at a batch. */
  onOutcome(kind: SqsOutcomeKind): void;
  /** Told whenever a worker calls ReceiveMessage (to arm a scaling timer, say). */
  onPoll(): void;
}

/** One polling loop (a Lambda poller, or a consumer thread on an instance). */
export interface SqsPollerWorker {
  /** Which instance it belongs to (0 for a Lambda poller). */
  readonly group: number;
  /** False once stopped or retired. */
  readonly running: boolean;
}

interface Worker extends SqsPollerWorker {
  running: boolean;
  /** Bumped by every stop and start: callbacks of an earlier run see a different value and stop. */
  gen: number;
  pending: PendingReceive | undefined;
}

/** The longest back-off between retries of a throttled batch. */
const MAX_THROTTLE_BACKOFF_MS = 8000;

/**
 * The loop every SQS consumer runs, shared by Lambda's event source mapping and by consumers on
 * instances: long-poll ReceiveMessage, gather a batch (more receives until `batchSize`, or until
 * the batching window counted from the first message ends), hand it to the work, and delete what
 * succeeded (DeleteMessageBatch). What is not deleted reappears after the visibility timeout.
 *
 * A worker can be stopped at any point: its pending long poll is called off, whatever it holds is
 * abandoned (those messages reappear once their visibility timeout ends) and results of work it had
 * started are ignored. How many workers run is the owner's business ({@link SqsPollerPolicy}).
 */
export class SqsPoller {
  /** Batches handed to the work (first attempts). */
  readonly batches: Counter = { value: 0 };
  /** Batches that failed as a whole. */
  readonly failedBatches: Counter = { value: 0 };
  /** Batches that partly failed, with only the failed messages left in the queue. */
  readonly partialBatches: Counter = { value: 0 };
  /** Attempts refused by throttling. */
  readonly throttledAttempts: Counter = { value: 0 };
  /** Messages deleted after success. */
  readonly deletedMessages: Counter = { value: 0 };
  /** Successes whose delete came too late: the visibility timeout had already ended. */
  readonly staleDeletes: Counter = { value: 0 };
  /** Long polls that came back empty. */
  readonly emptyPolls: Counter = { value: 0 };
  private readonly all: Worker[] = [];
  private runningCount = 0;

  constructor(
    private readonly world: World,
    readonly queue: SqsQueue,
    readonly config: SqsPollerConfig,
    private readonly process: SqsBatchProcessor,
    readonly hooks: SqsPollerHooks,
    private readonly policy: SqsPollerPolicy,
  ) {}

  /** Workers running now. */
  get size(): number {
    return this.runningCount;
  }

  /** Adds a worker for instance `group` and starts it polling. */
  spawn(group = 0): SqsPollerWorker {
    const w: Worker = { group, running: false, gen: 0, pending: undefined };
    this.all.push(w);
    this.start(w);
    return w;
  }

  /** Starts a stopped worker again: it polls after one API latency. */
  start(worker: SqsPollerWorker): void {
    const w = worker as Worker;
    if (w.running) return;
    w.running = true;
    w.gen++;
    this.runningCount++;
    this.poll(w, 0);
  }

  /**
   * Stops a worker now: no further receives; messages it holds reappear after their visibility
   * timeout; results of work it started are ignored (an instance that stops loses its work).
   */
  stop(worker: SqsPollerWorker): void {
    const w = worker as Worker;
    if (!w.running) return;
    w.running = false;
    w.gen++;
    this.runningCount--;
    if (w.pending) this.queue.cancelReceive(w.pending);
    w.pending = undefined;
  }

  /** Stops a worker and forgets it. */
  remove(worker: SqsPollerWorker): void {
    this.stop(worker);
    const i = this.all.indexOf(worker as Worker);
    if (i >= 0) this.all.splice(i, 1);
  }

  /** The effective batching window: at least 1 s once batches exceed one receive (as on AWS). */
  get windowMs(): number {
    return this.config.batchSize > 10
      ? Math.max(1000, this.config.batchWindowMs)
      : this.config.batchWindowMs;
  }

  /** A worker ends its loop (policy said so): it is forgotten. */
  private retire(w: Worker): void {
    this.remove(w);
  }

  /** Calls ReceiveMessage after `delayMs` plus the API latency, unless the policy retires it. */
  private poll(w: Worker, delayMs: number): void {
    if (!w.running) return;
    if (!this.policy.keepPolling()) {
      this.retire(w);
      return;
    }
    const gen = w.gen;
    this.world.sim.schedule(
      delayMs + this.config.apiLatencyMs,
      () => this.gather(w, gen, [], 0),
      undefined,
    );
  }

  /**
   * Receives until the batch is full or the batching window (counted from the first message) is
   * over. The first receive waits up to `waitTimeMs`; the later ones only what is left of the
   * window.
   */
  private gather(w: Worker, gen: number, batch: Received[], windowStart: number): void {
    if (w.gen !== gen) return;
    const sim = this.world.sim;
    const first = batch.length === 0;
    const windowMs = this.windowMs;
    const wait = first ? this.config.waitTimeMs : Math.max(0, windowStart + windowMs - sim.now);
    const want = Math.min(10, this.config.batchSize - batch.length);
    this.policy.onPoll();
    const pending = this.queue.receive(want, wait, (got) => {
      w.pending = undefined;
      if (w.gen !== gen) return;
      if (first && got.length === 0) {
        this.emptyPolls.value++;
        if (this.policy.afterEmptyPoll()) this.poll(w, 0);
        else this.retire(w);
        return;
      }
      for (const r of got) batch.push(r);
      const start = first ? sim.now : windowStart;
      if (batch.length < this.config.batchSize && sim.now < start + windowMs) {
        sim.schedule(
          got.length > 0 ? 0 : this.config.apiLatencyMs,
          () => this.gather(w, gen, batch, start),
          undefined,
        );
        return;
      }
      this.dispatch(w, gen, batch, 0);
    });
    if (pending) w.pending = pending;
  }

  private dispatch(w: Worker, gen: number, batch: Received[], attempt: number): void {
    if (w.gen !== gen) return;
    if (attempt === 0) this.batches.value++;
    this.hooks.onBatchDelivered?.(batch, attempt);
    const run = (): void => {
      if (w.gen !== gen) return;
      let settled = false;
      this.process(batch, (result) => {
        if (settled) throw new Error('SqsPoller: done called twice for one batch');
        settled = true;
        this.settle(w, gen, batch, attempt, result);
      });
    };
    if (this.config.invokeLatencyMs > 0)
      this.world.sim.schedule(this.config.invokeLatencyMs, run, undefined);
    else run();
  }

  private settle(
    w: Worker,
    gen: number,
    batch: Received[],
    attempt: number,
    result: SqsBatchResult,
  ): void {
    if (w.gen !== gen) return; // stopped meanwhile: the work is lost, the messages come back
    this.hooks.onBatchResult?.(batch, result, attempt);
    if (result.ok) {
      this.policy.onOutcome('ok');
      this.deleteThenPoll(w, gen, batch);
      return;
    }
    if (result.error === 'throttled') {
      this.throttledAttempts.value++;
      this.policy.onOutcome('throttled');
      const backoff = Math.min(1000 * 2 ** attempt, MAX_THROTTLE_BACKOFF_MS);
      if (this.config.retryThrottled) {
        // Lambda retries a throttled batch until the messages' visibility timeout runs out; a
        // message whose receipt is no longer current is back in the queue already.
        const still = batch.filter((r) => this.queue.isCurrent(r));
        if (still.length > 0) {
          this.world.sim.schedule(
            backoff,
            () => this.dispatch(w, gen, still, attempt + 1),
            undefined,
          );
          return;
        }
      }
      this.poll(w, backoff);
      return;
    }
    const failedIds = result.failedIds;
    if (failedIds && this.config.reportBatchItemFailures) {
      if (failedIds.length === 0) {
        this.policy.onOutcome('ok');
        this.deleteThenPoll(w, gen, batch);
        return;
      }
      this.partialBatches.value++;
      this.policy.onOutcome('partial');
      const failed = new Set(failedIds);
      this.deleteThenPoll(
        w,
        gen,
        batch.filter((r) => !failed.has(r.id)),
      );
      return;
    }
    this.failedBatches.value++;
    this.policy.onOutcome('error');
    this.poll(w, 0);
  }

  /**
   * DeleteMessageBatch for `list` (after one API latency; one request per 10 entries, which the
   * queue counts), then the next poll.
   */
  private deleteThenPoll(w: Worker, gen: number, list: Received[]): void {
    if (list.length === 0) {
      this.poll(w, 0);
      return;
    }
    this.world.sim.schedule(
      this.config.apiLatencyMs,
      () => {
        if (w.gen !== gen) return; // stopped before the delete went out
        this.queue.deleteBatch(list, (r, deleted) => {
          if (deleted) {
            this.deletedMessages.value++;
            this.hooks.onDeleted?.(r);
          } else this.staleDeletes.value++;
        });
        this.poll(w, 0);
      },
      undefined,
    );
  }
}
