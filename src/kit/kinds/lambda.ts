import {
  LambdaAccount,
  LambdaFunction,
  type Invocation,
  type InvocationResult,
  type LambdaReconfig,
} from '../../aws';
import { sample, type Distribution } from '../../engine';
import type { ConfigReader } from '../config';
import { createHandlerContext, defaultHandler, type Handler, type HandlerHost } from '../handler';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, OK, takeCustody, Trace, type Custodian, type Reply, type Result } from '../messages';
import { Throughput } from '../throughput';
import { POLLER_STAT_KEYS, sqsPollerFor, type EventSourcePoller } from './poll';
import { SqsNode } from './sqs';
import { narrateLambda } from './stories';

/** A batch from an SQS event source mapping, and which of its messages failed. */
export interface BatchEvent {
  traces: Trace[];
  /** ReportBatchItemFailures: handle every message and report the failed ones. */
  partial: boolean;
  failed: Trace[];
}

type LambdaEvent = Trace | BatchEvent;

const isBatch = (e: LambdaEvent): e is BatchEvent => !(e instanceof Trace);

/**
 * A Lambda function. It runs the node's handler (or the default: work, then call every outgoing
 * edge) once per message: for a synchronous call, for an asynchronous invoke (the function's
 * internal event queue with its retries), and for each message of a batch from an SQS event
 * source mapping (the `poll` edges arriving here; the mapping's settings are on the edge).
 *
 * The function shares the run's account concurrency with every other function.
 *
 * An `async` edge whose config is `{ "destination": "onFailure" }` is the function's on-failure
 * destination for asynchronous invocations.
 *
 * Config: `duration` (distribution, ms per message), `errorRate` (0–1), `timeoutMs` (default 3 s,
 * as AWS), `coldStart` (distribution), `reservedConcurrency`, `provisionedConcurrency`,
 * `memoryMb` (default 128) and `architecture` (`x86_64` or `arm64`; both read by the cost model
 * only, `../cost.ts`), `keepWarmMs`, `maximumRetryAttempts`, `maximumEventAgeS`.
 *
 * Stats: `busyS` is the execution time of every invocation of the run added up (cold starts
 * included; not restarted by a warm-up), what Lambda bills as duration.
 */
class LambdaNode implements NodeInstance {
  private readonly fn: LambdaFunction<LambdaEvent>;
  private readonly host: HandlerHost;
  private readonly handler: Handler;
  private duration: Distribution;
  private errorRate: number;
  private readonly throughput: Throughput;
  private readonly pollers: EventSourcePoller[] = [];
  asyncFailed = 0;
  /** What the run adjusted or warns about for this function, by topic. */
  private readonly noteParts = { fit: '', visibility: '' };
  private readonly account: LambdaAccount;
  /** Holds the messages of the synchronous invocations that took them over from an entry. */
  private readonly custodian: Custodian;
  /**
   * Execution time before the last statistics restart, ms: the concurrency average restarts at the
   * end of a warm-up, while the billed execution time (`busyS`) counts the whole run.
   */
  private busyBeforeMs = 0;
  /** When the concurrency average last (re)started. */
  private busySince: number;

  constructor(private readonly ctx: NodeContext) {
    const { world, config, rng, runtime } = ctx;
    const account = ctx.shared.get('lambdaAccount') as LambdaAccount | undefined;
    const shared = account ?? new LambdaAccount();
    if (!account) ctx.shared.set('lambdaAccount', shared);
    this.duration = config.dist('duration', { kind: 'lognormal', mean: 100, cv: 0.5 });
    this.errorRate = config.num('errorRate', 0);
    this.handler = ctx.handler ?? defaultHandler;
    this.custodian = { name: runtime.node.id, node: runtime.node.id };
    this.throughput = new Throughput(world.sim);
    this.busySince = world.sim.now;
    this.account = shared;
    this.fn = new LambdaFunction<LambdaEvent>(
      world,
      rng,
      { name: runtime.node.id, ...this.fit(settings(config)) },
      (event, done, invocation) => this.run(event, done, invocation),
      shared,
    );
    this.host = {
      nodeId: runtime.node.id,
      config,
      rng,
      calls: runtime.out.filter(
        (l) => l.edge.kind !== 'poll' && l.edge.kind !== 'redrive' && !isFailureDestination(l),
      ),
      work: (then, failWith) =>
        world.sim.schedule(
          sample(this.duration, rng),
          () => {
            if (rng.chance(this.errorRate)) failWith(fail('error', 'function error'));
            else then();
          },
          undefined,
        ),
      schedule: (ms, fn) => world.sim.schedule(ms, fn, undefined),
    };
  }

  start(): void {
    for (const link of this.ctx.runtime.in) {
      if (link.edge.kind !== 'poll') continue;
      this.pollers.push(
        sqsPollerFor(this.ctx, link, (traces, partial, done) => {
          const event: BatchEvent = { traces, partial, failed: [] };
          this.fn.invoke(event, (r) => done(toResult(r), event.failed));
        }),
      );
    }
    this.checkVisibility();
  }

  accept(trace: Trace, reply: Reply, link: Link): void {
    // A hand-off, an SNS delivery or an EventBridge target: asynchronous invocation.
    if (
      link.edge.kind === 'async' ||
      link.edge.kind === 'subscription' ||
      link.edge.kind === 'rule'
    ) {
      // InvocationType Event: Lambda's own queue holds the message and answers 202 at once.
      const node = this.ctx.runtime.node.id;
      const custodian: Custodian = { name: `${node} async queue`, node };
      const held = new Trace(this.ctx.messages.handOff(trace), custodian, 1, true);
      let attempts = 0;
      this.fn.invokeAsync(held, {
        onAttempt: (_e, n) => (attempts = n),
        // Done here, or passed on by the handler to another buffer, which holds it now.
        onSuccess: () =>
          held.owner === custodian
            ? this.ctx.messages.settle(held, custodian, OK)
            : this.ctx.messages.release(held.id),
        onFailure: (_e, reason, lastError) => {
          this.asyncFailed++;
          if (held.owner !== custodian) {
            this.ctx.messages.release(held.id); // an earlier attempt passed it on already
            return;
          }
          // The on-failure destination (or DLQ) takes the event; without one it is lost.
          const destination = this.ctx.runtime.out.find(isFailureDestination);
          if (destination) {
            this.ctx.messages.release(held.id);
            destination.call(held, () => {});
            return;
          }
          held.owner = GONE;
          this.ctx.messages.lose(
            node,
            held.id,
            reason,
            attempts,
            reason === 'expired'
              ? 'older than the maximum event age before it could run'
              : `failed every attempt${lastError ? `: ${lastError.message}` : ''}`,
          );
        },
      });
      reply({ ok: true, status: 202 });
      return;
    }
    const answered = (r: InvocationResult): void => {
      const result = toResult(r);
      this.ctx.messages.settle(trace, this.custodian, result);
      reply(result);
    };
    const throttled = this.fn.tryInvoke(trace, answered);
    // Once Lambda accepted the invocation the function holds the message, even while it is still
    // starting: a gateway that stops waiting (504) does not end a payment the function goes on
    // with.
    if (throttled) answered(throttled);
    else takeCustody(trace, this.custodian);
  }

  /**
   * A synchronous invocation with a batch as its event (an EventBridge pipe's REQUEST_RESPONSE
   * target or enrichment): each message handled one after the other; the first failure fails the
   * invocation. The caller keeps the messages.
   */
  acceptBatch(traces: readonly Trace[], reply: Reply): void {
    const event: BatchEvent = { traces: [...traces], partial: false, failed: [] };
    const throttled = this.fn.tryInvoke(event, (r) => reply(toResult(r)));
    if (throttled) reply(toResult(throttled));
  }

  /** One invocation: one message, or a batch handled one message after the other. */
  private run(event: LambdaEvent, done: (r: InvocationResult) => void, inv: Invocation): void {
    const alive = () => inv.alive;
    const started = this.ctx.world.sim.now;
    if (!isBatch(event)) {
      this.handler(
        createHandlerContext(this.host, event, alive, (r) => {
          this.throughput.record(started, r.ok && !r.fate ? 1 : 0);
          // The handler's own result settles a message this function holds (with its business
          // outcome); a timeout is settled by `accept` when the invocation reports it.
          this.ctx.messages.settle(event, this.custodian, r);
          done(toInvocation(r));
        }),
      );
      return;
    }
    let okCount = 0;
    const next = (i: number): void => {
      const trace = event.traces[i];
      if (!trace) {
        this.throughput.record(started, okCount, event.traces.length);
        if (event.failed.length > 0 && !event.partial)
          done({ ok: false, error: 'error', message: 'a message of the batch failed' });
        else done({ ok: true });
        return;
      }
      this.handler(
        createHandlerContext(this.host, trace, alive, (r) => {
          if (r.ok) okCount++;
          else {
            event.failed.push(trace);
            if (!event.partial) {
              this.throughput.record(started, okCount, i + 1);
              done({ ok: false, error: 'error', message: r.message ?? 'function error' });
              return;
            }
          }
          next(i + 1);
        }),
      );
    };
    next(0);
  }

  private emitNote(): void {
    const parts = [this.noteParts.fit, this.noteParts.visibility].filter((p) => p !== '');
    this.ctx.note(
      parts.length > 0 ? `${this.ctx.runtime.node.label}: ${parts.join('; ')}.` : undefined,
    );
  }

  /**
   * AWS refuses an SQS event source whose queue's visibility timeout is shorter than the
   * function's timeout (a message would reappear while still being handled). The run goes on,
   * with the duplicates that causes, and says so.
   */
  private checkVisibility(): void {
    const short = this.ctx.runtime.in.filter((link) => {
      const queue = link.source.instance;
      return (
        link.edge.kind === 'poll' &&
        queue instanceof SqsNode &&
        queue.queue.config.visibilityTimeoutMs < this.fn.config.timeoutMs
      );
    });
    this.noteParts.visibility =
      short.length > 0
        ? `the queue's visibility timeout is shorter than the function timeout (${this.fn.config.timeoutMs / 1000} s), which AWS refuses for an event source mapping; messages still being handled reappear and are handled twice`
        : '';
    this.emitNote();
  }

  resetStatistics(): void {
    const now = this.ctx.world.sim.now;
    this.busyBeforeMs = this.busyMs();
    this.busySince = now;
    this.fn.concurrency.restart(now);
  }

  /**
   * Execution time summed over every invocation of the run, ms (initialisation included): the
   * integral of the concurrency, which Lambda bills as duration (× memory = GB-seconds).
   */
  private busyMs(): number {
    const now = this.ctx.world.sim.now;
    return this.busyBeforeMs + this.fn.concurrency.mean(now) * (now - this.busySince);
  }

  reconfigure(config: ConfigReader): void {
    this.host.config = config; // handlers read the settings in force
    this.duration = config.dist('duration', this.duration);
    this.errorRate = config.num('errorRate', 0);
    const rest = this.fit(settings(config), true);
    const changes: LambdaReconfig = {
      ...rest,
      reservedConcurrency: rest.reservedConcurrency ?? null,
    };
    this.fn.reconfigure(changes);
    for (const p of this.pollers) p.reconfigure();
    this.checkVisibility();
  }

  /**
   * Keeps concurrency settings within what AWS accepts (whole numbers; a reserve that leaves the
   * account at least 100 unreserved; provisioned concurrency no larger than the reserve), and
   * notes any adjustment instead of failing the run.
   */
  private fit<T extends ReturnType<typeof settings>>(s: T, existing = false): T {
    const notes: string[] = [];
    const max = this.account.maxAllocatable(existing ? this.fn : undefined);
    let reserved =
      s.reservedConcurrency === undefined
        ? undefined
        : Math.max(0, Math.round(s.reservedConcurrency));
    if (reserved !== undefined && reserved > max) {
      notes.push(
        `reserved concurrency ${reserved} would leave the account fewer than 100 unreserved executions, which AWS refuses; using ${max}`,
      );
      reserved = max;
    }
    let provisioned = Math.max(0, Math.round(s.provisionedConcurrency));
    const ceiling = reserved ?? max;
    if (provisioned > ceiling) {
      notes.push(
        reserved !== undefined
          ? `provisioned concurrency ${provisioned} is above the reserved ${reserved}, which AWS refuses; using ${ceiling}`
          : `provisioned concurrency ${provisioned} would leave the account fewer than 100 unreserved executions; using ${ceiling}`,
      );
      provisioned = ceiling;
    }
    this.noteParts.fit = notes.join('; ');
    this.emitNote();
    return { ...s, reservedConcurrency: reserved, provisionedConcurrency: provisioned };
  }

  stats(): NodeStats {
    const s: NodeStats = { ...this.fn.stats() };
    const caps = this.pollers.map((p) => p.cap);
    if (caps.length > 0) s.concurrencyLimit = Math.min(s.concurrencyLimit ?? Infinity, ...caps);
    for (const p of this.pollers) Object.assign(s, p.stats());
    s.outPerS = round1(this.throughput.perSecond());
    const capacity = this.throughput.capacityPerS(s.concurrencyLimit ?? 0);
    if (capacity !== undefined) s.capacityPerS = round1(capacity);
    if (this.asyncFailed > 0) s.asyncFailed = this.asyncFailed;
    s.busyS = Math.round(this.busyMs()) / 1000;
    return s;
  }
}

/** The holder of a message already lost. */
const GONE: Custodian = { name: 'lost' };

/**
 * An asynchronous invocation's on-failure destination (or dead-letter queue): an `async` edge
 * whose config says `{ "destination": "onFailure" }`. Events that fail every attempt, or outlive
 * the maximum event age, go there instead of being lost.
 * See https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
function isFailureDestination(link: Link): boolean {
  return link.edge.kind === 'async' && link.config.str('destination', '') === 'onFailure';
}

function settings(config: ConfigReader) {
  return {
    reservedConcurrency: config.optNum('reservedConcurrency'),
    provisionedConcurrency: config.num('provisionedConcurrency', 0),
    coldStart: config.dist('coldStart', { kind: 'lognormal', mean: 300, cv: 0.2 }),
    timeoutMs: config.num('timeoutMs', 3000),
    keepWarmMs: config.num('keepWarmMs', 600_000),
    scaleLimitPer10s: config.num('scaleLimitPer10s', 1000),
    maximumRetryAttempts: config.num('maximumRetryAttempts', 2),
    maximumEventAgeMs: config.num('maximumEventAgeS', 21_600) * 1000,
  };
}

function toResult(r: InvocationResult): Result {
  if (r.ok) return r.status === undefined ? OK : { ok: true, status: r.status };
  return { ok: false, error: r.error, message: r.message };
}

function toInvocation(r: Result): InvocationResult {
  if (r.ok) return r.status === undefined ? { ok: true } : { ok: true, status: r.status };
  return {
    ok: false,
    error: r.error === 'throttled' || r.error === 'timeout' ? r.error : 'error',
    message: r.message ?? 'function error',
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The `lambda` kind. */
export const lambdaKind: KindModule = {
  kind: 'lambda',
  narrate: narrateLambda,
  statKeys: [
    'concurrency',
    'concurrencyLimit',
    'meanConcurrency',
    'invocations',
    'errors',
    'throttles',
    'timeouts',
    'coldStarts',
    'warmIdle',
    'provisionedConcurrency',
    'provisionedBusy',
    'asyncQueued',
    'asyncOldestAgeMs',
    'asyncRetries',
    'asyncSucceeded',
    'asyncDroppedRetriesExhausted',
    'asyncDroppedExpired',
    'asyncFailed',
    'outPerS',
    'capacityPerS',
    ...POLLER_STAT_KEYS,
    'busyS',
  ],
  create: (ctx) => new LambdaNode(ctx),
};
