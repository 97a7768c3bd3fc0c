import { SqsEventSource, type Received, type SqsBatchResult, type SqsPollerHooks } from '../../aws';
import { HopKind } from '../../engine';
import type { ConfigReader } from '../config';
import type { NodeContext, NodeStats } from '../kind';
import type { Link } from '../link';
import { Trace, type Custodian, type Result } from '../messages';
import { SqsNode } from './sqs';

/**
 * The holder of a polled message that a consumer filtered out (an EventBridge pipe's filters): once
 * the source deletes it, its fate is "filtered out".
 */
export const FILTERED_OUT: Custodian = { name: 'filtered out' };

/** The work on one polled batch: handle the traces, then report the outcome and the failed ones. */
export type BatchWork = (
  traces: Trace[],
  partial: boolean,
  done: (result: Result, failed: readonly Trace[]) => void,
) => void;

/**
 * The consumer side of a `poll` edge, shared by every consumer kind: each received message gets a
 * trace held by this attempt; the link draws the delivery (amber for a redelivery); a message the
 * consumer deletes is completed, unless its handling handed it on to another buffer, which then
 * holds it. What is not deleted stays the queue's: it reappears, or goes to the DLQ.
 */
export class PollAttempts {
  private readonly custodian: Custodian;
  /** The trace of each in-flight delivery, by receipt handle (with the delivery, for sweeps). */
  private readonly traces = new Map<number, { trace: Trace; r: Received }>();

  constructor(
    private readonly ctx: NodeContext,
    readonly link: Link,
    /** Whether the poller deletes a failed batch's successes (ReportBatchItemFailures). */
    private readonly honoursPartial: () => boolean,
  ) {
    this.custodian = { name: `${link.id} consumer`, node: link.target.node.id };
  }

  /** The queue at the other end of the edge; throws a clear error if it is not a queue. */
  queueNode(): SqsNode {
    const source = this.link.source.instance;
    if (!(source instanceof SqsNode))
      throw new Error(`poll edge ${this.link.id} must start at an SQS queue`);
    return source;
  }

  /** Hooks for the poller: draw deliveries, complete what was deleted. */
  hooks(): SqsPollerHooks {
    return {
      onBatchDelivered: (batch, attempt) => {
        if (attempt > 0) return;
        for (const r of batch)
          this.link.hop(r.id, r.receiveCount > 1 ? HopKind.Retry : HopKind.Normal);
      },
      onDeleted: (r) => {
        const trace = this.traces.get(r.receipt)?.trace;
        this.traces.delete(r.receipt);
        // Handled here: done. Filtered out: so. Forwarded to another buffer: that one holds it now.
        if (trace && trace.owner === this.custodian)
          this.ctx.messages.complete(trace.id, this.custodian.node);
        else if (trace && trace.owner === FILTERED_OUT)
          this.ctx.messages.drop(trace.id, 'filteredOut', this.custodian.node);
        else this.ctx.messages.release(r.id);
      },
      onBatchResult: (batch, result) => {
        // Deletes follow a success after the API's time; forget the rest now. Without a
        // partial batch response the whole batch failed, whatever the work reported.
        if (result.ok) return;
        const ids = 'failedIds' in result && this.honoursPartial() ? result.failedIds : undefined;
        const failed = ids ? new Set(ids) : undefined;
        for (const r of batch) if (!failed || failed.has(r.id)) this.traces.delete(r.receipt);
      },
    };
  }

  /**
   * Forgets what the paths above missed (a delete that came too late, its receipt no longer
   * current) once the map outgrows the queue's in-flight count, so memory stays bounded.
   */
  private sweep(): void {
    const queue = this.queueNode().queueFor(this.link);
    if (this.traces.size <= 2 * queue.inFlight + 1024) return;
    for (const [receipt, entry] of this.traces)
      if (!queue.isCurrent(entry.r)) this.traces.delete(receipt);
  }

  /** Turns a received batch into traces and runs `work` on them. */
  process(
    batch: readonly Received[],
    partial: boolean,
    work: BatchWork,
    done: (r: SqsBatchResult) => void,
  ): void {
    this.sweep();
    const traces = batch.map((r) => {
      const t = new Trace(r.id, this.custodian, r.receiveCount, true);
      this.traces.set(r.receipt, { trace: t, r });
      return t;
    });
    work(traces, partial, (result, failed) => {
      if (result.ok && failed.length === 0) done({ ok: true });
      else if (!result.ok && result.error === 'throttled') done({ ok: false, error: 'throttled' });
      else if (failed.length > 0 && failed.length < traces.length)
        done({ ok: false, error: 'error', failedIds: failed.map((t) => t.id) });
      else done({ ok: false, error: 'error' });
    });
  }
}

/**
 * The stats a node that polls (a function's event source mappings, a pipe) adds to its own: the
 * pollers' scaling and the batches' outcomes, as `EventSourcePoller.stats()` reports them.
 */
export const POLLER_STAT_KEYS = [
  'pollers',
  'pollerCap',
  'allowedConcurrency',
  'batches',
  'failedBatches',
  'partialBatches',
  'throttledBatches',
] as const;

/** A Lambda event source mapping on a poll edge, with its settings from the edge's config. */
export interface EventSourcePoller {
  readonly cap: number;
  reconfigure(): void;
  stats(): NodeStats;
}

/**
 * Creates (and starts) the event source mapping of a `poll` edge into a Lambda function (or a
 * pipe). `alwaysPartial`: the consumer always says which messages failed (a pipe deletes what it
 * delivered or filtered out), whatever the edge's `reportBatchItemFailures`.
 */
export function sqsPollerFor(
  ctx: NodeContext,
  link: Link,
  work: BatchWork,
  alwaysPartial = false,
): EventSourcePoller {
  let partial = false;
  const attempts: PollAttempts = new PollAttempts(ctx, link, () => partial);
  const read = (c: ConfigReader) => {
    const maxConcurrency = c.optNum('maxConcurrency');
    return {
      batchSize: c.num('batchSize', 10),
      batchWindowMs: c.num('batchWindowMs', 0),
      reportBatchItemFailures: alwaysPartial || c.bool('reportBatchItemFailures', false),
      ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
    };
  };
  const settings = read(link.config);
  partial = settings.reportBatchItemFailures;
  const mapping: SqsEventSource = new SqsEventSource(
    ctx.world,
    attempts.queueNode().queueFor(link),
    {
      ...settings,
      initialPollers: 5,
      scaleUpPerMinute: 300,
      maxPollers: 1000,
      apiLatencyMs: link.config.num('apiLatencyMs', 8),
    },
    (batch, done) =>
      attempts.process(batch, mapping.config.reportBatchItemFailures ?? false, work, done),
    attempts.hooks(),
  );
  mapping.start();
  return {
    get cap() {
      return mapping.stats().pollerCap;
    },
    reconfigure: () => {
      const next = read(link.config);
      partial = next.reportBatchItemFailures;
      mapping.reconfigure(next);
      mapping.poller.config.apiLatencyMs = link.config.num('apiLatencyMs', 8);
    },
    stats: () => {
      const s = mapping.stats();
      return {
        pollers: s.pollers,
        pollerCap: s.pollerCap,
        allowedConcurrency: s.allowedConcurrency,
        batches: s.batches,
        failedBatches: s.failedBatches,
        partialBatches: s.partialBatches,
        throttledBatches: s.throttledBatches,
      };
    },
  };
}
