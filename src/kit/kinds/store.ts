import { TokenBucket } from '../../aws';
import { sample, type Distribution } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import { fail, OK, type Reply, type Trace } from '../messages';

/**
 * A place that stores what is written to it: a DynamoDB table or an S3 bucket, reached over
 * `write` edges (PutItem, PutObject: one request per message). A write takes the service's time
 * and succeeds, unless a DynamoDB table in provisioned mode has run out of write capacity: then
 * it is refused with `ProvisionedThroughputExceededException`, as AWS answers, and the writer's
 * retries are its own. Provisioned capacity is a token bucket refilled at the table's write
 * capacity units per second, holding up to 300 seconds of unused capacity (DynamoDB's burst
 * capacity, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html).
 * On-demand tables and buckets are not throttled here (their per-partition limits are far above
 * what a pattern sends). Outgoing `async` edges carry what was written on: a table's stream, a
 * bucket's event notifications (see `forward`).
 *
 * Config: `service` (`DynamoDB` or `S3`, for the texts), `latency` (distribution, ms; default
 * single-digit ms for DynamoDB, tens of ms for S3), `writeCapacityPerS` (0: on demand), `errorRate`.
 */
class StoreNode implements NodeInstance {
  private latency: Distribution;
  private errorRate: number;
  private bucket: TokenBucket | undefined;
  private writes = 0;
  private throttled = 0;
  private errors = 0;

  constructor(private readonly ctx: NodeContext) {
    this.latency = defaultLatency(ctx.config);
    this.errorRate = ctx.config.num('errorRate', 0);
    this.setCapacity(ctx.config);
  }

  private setCapacity(config: ConfigReader): void {
    const wcu = config.num('writeCapacityPerS', 0);
    const now = this.ctx.world.sim.now;
    if (!(wcu > 0)) this.bucket = undefined;
    else if (this.bucket) this.bucket.setLimits(wcu, wcu * 300, now);
    else this.bucket = new TokenBucket(wcu, wcu * 300, now);
  }

  accept(trace: Trace, reply: Reply): void {
    const sim = this.ctx.world.sim;
    if (this.bucket && !this.bucket.tryTake(sim.now)) {
      this.throttled++;
      sim.schedule(
        sample(this.latency, this.ctx.rng),
        reply,
        fail('throttled', 'ProvisionedThroughputExceededException'),
      );
      return;
    }
    sim.schedule(
      sample(this.latency, this.ctx.rng),
      () => {
        if (this.ctx.rng.chance(this.errorRate)) {
          this.errors++;
          reply(fail('error', 'InternalServerError'));
        } else {
          this.writes++;
          this.forward(trace, 0, () => reply(OK));
        }
      },
      undefined,
    );
  }

  /**
   * Hands the written item to each outgoing `async` edge in turn (a table's stream, a bucket's
   * event notifications), then lets the writer have its answer: the record is part of the write,
   * so the stream holds it before the writer hears back. A refused hand-off does not fail the
   * write (S3 and DynamoDB do not undo a write their notification could not deliver).
   */
  private forward(trace: Trace, i: number, then: () => void): void {
    const out = this.ctx.runtime.out;
    let next = i;
    while (next < out.length && out[next]?.edge.kind !== 'async') next++;
    const link = out[next];
    if (!link) {
      then();
      return;
    }
    link.call(trace, () => this.forward(trace, next + 1, then));
  }

  reconfigure(config: ConfigReader): void {
    this.latency = defaultLatency(config);
    this.errorRate = config.num('errorRate', 0);
    this.setCapacity(config);
  }

  stats(): NodeStats {
    return { writes: this.writes, throttled: this.throttled, errors: this.errors };
  }
}

function defaultLatency(config: ConfigReader): Distribution {
  const s3 = config.str('service', 'DynamoDB') === 'S3';
  return config.dist(
    'latency',
    s3 ? { kind: 'lognormal', mean: 30, cv: 0.4 } : { kind: 'lognormal', mean: 6, cv: 0.3 },
  );
}

/** The `store` kind. */
export const storeKind: KindModule = {
  kind: 'store',
  statKeys: ['writes', 'throttled', 'errors'],
  create: (ctx) => new StoreNode(ctx),
};
