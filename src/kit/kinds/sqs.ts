import { SqsQueue } from '../../aws';
import { HopKind } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { OK, type Reply, type Trace } from '../messages';
import { narrateSqs } from './stories';

/**
 * An SQS standard queue. Producers send over `async` edges (SendMessage: the queue holds the
 * message from then on and answers after the API's time); consumers poll it over `poll` edges;
 * a `redrive` edge names its dead-letter queue. The queue stores only ids: a waiting message costs
 * a few bytes. Fates it decides: dead-lettered (after maxReceiveCount receives, when a DLQ exists)
 * and expired (after the retention period).
 *
 * Config: `visibilityTimeoutMs` (default 30 s), `retentionMs` (default 4 days), `delayMs`,
 * `maxReceiveCount` (only with a redrive edge), `apiLatencyMs` (SendMessage's time, default 8 ms),
 * `inFlightLimit` (default 120,000).
 *
 * API requests (what SQS bills): `sent` SendMessage requests (one message each),
 * `receiveRequests` (every ReceiveMessage call, empty long polls included) and `deleteRequests`
 * (a DeleteMessageBatch of up to 10 entries is one).
 */
export class SqsNode implements NodeInstance {
  readonly queue: SqsQueue;
  private apiLatencyMs: number;
  private redrive: Link | undefined;

  constructor(private readonly ctx: NodeContext) {
    const deadLetter = ctx.runtime.node.role === 'deadLetterQueue';
    this.apiLatencyMs = ctx.config.num('apiLatencyMs', 8);
    this.queue = new SqsQueue(ctx.world, ctx.runtime.node.id, settings(ctx.config, false), {
      onRedrive: (id) => {
        this.redrive?.hop(id, HopKind.Failure);
        ctx.messages.deadLetter(id, ctx.runtime.node.id);
      },
      // A message that expires in a dead-letter queue already has its fate (dead-lettered).
      onExpired: (id) => {
        if (!deadLetter)
          ctx.messages.lose(ctx.runtime.node.id, id, 'expired', 0, 'retention period ended');
      },
    });
  }

  start(): void {
    this.redrive = this.ctx.runtime.out.find((l) => l.edge.kind === 'redrive');
    const dlq = this.redrive?.target.instance;
    if (dlq instanceof SqsNode) this.queue.reconfigure({ deadLetterQueue: dlq.queue });
    this.queue.reconfigure(settings(this.ctx.config, this.redrive !== undefined));
  }

  /** SendMessage: the message joins the queue; the sender gets the answer after the API call. */
  accept(trace: Trace, reply: Reply): void {
    const id = this.ctx.messages.handOff(trace);
    this.queue.send(id);
    this.ctx.world.sim.schedule(this.apiLatencyMs, reply, OK);
  }

  resetStatistics(): void {
    this.queue.resetStatistics();
  }

  reconfigure(config: ConfigReader): void {
    this.apiLatencyMs = config.num('apiLatencyMs', 8);
    this.queue.reconfigure(settings(config, this.redrive !== undefined));
  }

  stats(): NodeStats {
    // The distribution of the wait before a message's first receive: the queue reports its
    // mean and p99; the median and p95 complete it.
    const wait = this.queue.firstReceiveWait;
    const s = (q: number) => (wait.count === 0 ? 0 : Math.round(wait.percentile(q)) / 1000);
    return {
      ...this.queue.stats(),
      firstReceiveWaitP50S: s(0.5),
      firstReceiveWaitP95S: s(0.95),
    };
  }
}

function settings(config: ConfigReader, withDlq: boolean) {
  const maxReceiveCount = config.optNum('maxReceiveCount');
  return {
    visibilityTimeoutMs: config.num('visibilityTimeoutMs', 30_000),
    retentionMs: config.num('retentionMs', 4 * 86_400_000),
    delayMs: config.num('delayMs', 0),
    inFlightLimit: config.num('inFlightLimit', 120_000),
    ...(withDlq && maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
  };
}

/** The `sqs` kind. */
export const sqsKind: KindModule = {
  kind: 'sqs',
  narrate: narrateSqs,
  statKeys: [
    'visible',
    'inFlight',
    'delayed',
    'meanVisible',
    'maxVisible',
    'oldestAgeS',
    'maxOldestAgeS',
    'sent',
    'received',
    'deleted',
    'movedToDlq',
    'movedIn',
    'expired',
    'overLimit',
    'receiveRequests',
    'deleteRequests',
    'firstReceiveWaitMeanS',
    'firstReceiveWaitP50S',
    'firstReceiveWaitP95S',
    'firstReceiveWaitP99S',
  ],
  create: (ctx) => new SqsNode(ctx),
};
