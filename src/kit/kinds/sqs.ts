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
 * `inFlightLimit` (default 120,000), `stream` (a Kinesis or DynamoDB stream run as a queue: every
 * reader over a `poll` edge reads every record, as a stream's consumers do; its stats add the
 * readers' reads up and show the backlog of the one furthest behind).
 *
 * API requests (what SQS bills): `sent` SendMessage requests (one message each),
 * `receiveRequests` (every ReceiveMessage call, empty long polls included) and `deleteRequests`
 * (a DeleteMessageBatch of up to 10 entries is one).
 */
export class SqsNode implements NodeInstance {
  readonly queue: SqsQueue;
  private apiLatencyMs: number;
  private redrive: Link | undefined;
  /**
   * A stream (config `stream`) read over several `poll` edges: every reader reads every record,
   * so each reader past the first has a queue of its own (its own position in the stream), and a
   * record fans out into one delivery per reader.
   */
  private readonly readers = new Map<Link, SqsQueue>();

  constructor(private readonly ctx: NodeContext) {
    this.apiLatencyMs = ctx.config.num('apiLatencyMs', 8);
    this.queue = this.makeQueue(ctx.runtime.node.id);
  }

  private makeQueue(name: string): SqsQueue {
    const ctx = this.ctx;
    const deadLetter = ctx.runtime.node.role === 'deadLetterQueue';
    return new SqsQueue(ctx.world, name, settings(ctx.config, false), {
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

  /** Every queue of the node: the queue, and a stream's further readers' own. */
  private all(): SqsQueue[] {
    return [this.queue, ...[...this.readers.values()].filter((q) => q !== this.queue)];
  }

  /** A stream's readers' queues, made once the links exist (whichever node starts first). */
  private ensureReaders(): void {
    if (this.readers.size > 0 || !this.ctx.config.bool('stream', false)) return;
    const polls = this.ctx.runtime.out.filter((l) => l.edge.kind === 'poll');
    if (polls.length > 1)
      polls.forEach((link, i) =>
        this.readers.set(
          link,
          i === 0 ? this.queue : this.makeQueue(`${this.ctx.runtime.node.id} (${link.id})`),
        ),
      );
  }

  start(): void {
    this.ensureReaders();
    this.redrive = this.ctx.runtime.out.find((l) => l.edge.kind === 'redrive');
    const dlq = this.redrive?.target.instance;
    for (const q of this.all()) {
      if (dlq instanceof SqsNode) q.reconfigure({ deadLetterQueue: dlq.queue });
      q.reconfigure(settings(this.ctx.config, this.redrive !== undefined));
    }
  }

  /** The queue a `poll` edge reads (its own, for a stream's further readers). */
  queueFor(link: Link): SqsQueue {
    this.ensureReaders();
    return this.readers.get(link) ?? this.queue;
  }

  /** SendMessage: the message joins the queue; the sender gets the answer after the API call. */
  accept(trace: Trace, reply: Reply): void {
    const messages = this.ctx.messages;
    const id = messages.handOff(trace);
    if (this.readers.size > 1) {
      const first = messages.fanOut(id, this.readers.size);
      [...this.readers.values()].forEach((q, i) => q.send(first + i));
    } else this.queue.send(id);
    this.ctx.world.sim.schedule(this.apiLatencyMs, reply, OK);
  }

  resetStatistics(): void {
    for (const q of this.all()) q.resetStatistics();
  }

  reconfigure(config: ConfigReader): void {
    this.apiLatencyMs = config.num('apiLatencyMs', 8);
    for (const q of this.all()) q.reconfigure(settings(config, this.redrive !== undefined));
  }

  stats(): NodeStats {
    // The distribution of the wait before a message's first receive: the queue reports its
    // mean and p99; the median and p95 complete it.
    const wait = this.queue.firstReceiveWait;
    const s = (q: number) => (wait.count === 0 ? 0 : Math.round(wait.percentile(q)) / 1000);
    const out: NodeStats = {
      ...this.queue.stats(),
      firstReceiveWaitP50S: s(0.5),
      firstReceiveWaitP95S: s(0.95),
    };
    // A stream's further readers: their reads add up; the backlog is the furthest behind's.
    for (const q of this.all().slice(1)) {
      const r = q.stats() as unknown as NodeStats;
      for (const k of SUMMED) out[k] = (out[k] ?? 0) + (r[k] ?? 0);
      for (const k of LARGEST) out[k] = Math.max(out[k] ?? 0, r[k] ?? 0);
    }
    return out;
  }
}

const SUMMED = [
  'received',
  'deleted',
  'movedToDlq',
  'expired',
  'receiveRequests',
  'deleteRequests',
] as const;
const LARGEST = [
  'visible',
  'inFlight',
  'delayed',
  'meanVisible',
  'maxVisible',
  'oldestAgeS',
  'maxOldestAgeS',
] as const;

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
