import { Ec2Consumers } from '../../aws';
import { sample, type Distribution } from '../../engine';
import type { ConfigReader } from '../config';
import { createHandlerContext, defaultHandler, type HandlerHost } from '../handler';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import { fail, Trace, type Custodian, type Reply, type Result } from '../messages';
import { Producer } from '../producer';
import { Throughput } from '../throughput';
import { PollAttempts } from './poll';
import { narrateEc2 } from './stories';

/**
 * Consumer services on EC2 instances polling SQS queues (the `poll` edges arriving here): each
 * instance long-polls, handles the messages one after the other with the node's handler (or the
 * default: work, then call every outgoing edge), and deletes the ones that succeeded. Instances can
 * be stopped: they stop receiving, and what they held reappears after its visibility timeout, so
 * a queue-buffered consumer loses nothing while it is down.
 *
 * Config: `instances` (default 1), `threadsPerInstance` (default 1), `batchSize` (messages per
 * receive, 1–10, default 10), `duration` (distribution, ms per message), `errorRate` (0–1),
 * `running` (false stops every instance; true starts them again).
 *
 * With `ratePerS` (and the other traffic and `payloads` settings of `../producer.ts`) the node is
 * a producer instead: a service that creates messages (events) and sends each along its outgoing
 * edges (e.g. publishes it to a topic).
 */
class Ec2Node implements NodeInstance {
  private readonly fleets: { attempts: PollAttempts; consumers: Ec2Consumers }[] = [];
  private readonly host: HandlerHost;
  private duration: Distribution;
  private errorRate: number;
  private running: boolean;
  private readonly throughput: Throughput;

  /** A producer service: it creates messages itself (config `ratePerS`) and sends them on. */
  private readonly producer: Producer | undefined;
  private producerEntry: Custodian | undefined;
  private produced = 0;
  private publishFailures = 0;

  constructor(private readonly ctx: NodeContext) {
    const { world, config, rng, runtime } = ctx;
    if (config.optNum('ratePerS') !== undefined)
      this.producer = new Producer(ctx, (id) => this.produce(id));
    this.duration = config.dist('duration', { kind: 'lognormal', mean: 50, cv: 0.5 });
    this.errorRate = config.num('errorRate', 0);
    this.running = config.bool('running', true);
    this.throughput = new Throughput(world.sim);
    this.host = {
      nodeId: runtime.node.id,
      config,
      rng,
      calls: runtime.out.filter((l) => l.edge.kind !== 'poll'),
      work: (then, failWith) =>
        world.sim.schedule(
          sample(this.duration, rng),
          () =>
            rng.chance(this.errorRate) ? failWith(fail('error', 'processing failed')) : then(),
          undefined,
        ),
      schedule: (ms, fn) => world.sim.schedule(ms, fn, undefined),
    };
  }

  start(): void {
    const handler = this.ctx.handler ?? defaultHandler;
    if (this.producer) {
      const entry: Custodian = {
        name: this.ctx.runtime.node.id,
        node: this.ctx.runtime.node.id,
        entry: true,
      };
      this.producerEntry = entry;
      this.producer.start();
    }
    for (const link of this.ctx.runtime.in) {
      if (link.edge.kind !== 'poll') continue;
      // Consumers delete what they handled: a failed message stays, the others go.
      const attempts = new PollAttempts(this.ctx, link, () => true);
      const consumers = new Ec2Consumers(
        this.ctx.world,
        this.ctx.rng.split(link.id),
        attempts.queueNode().queueFor(link),
        {
          instances: this.ctx.config.num('instances', 1),
          threadsPerInstance: this.ctx.config.num('threadsPerInstance', 1),
          batchSize: this.ctx.config.num('batchSize', 10),
          apiLatencyMs: link.config.num('apiLatencyMs', 8),
        },
        (batch, done) =>
          attempts.process(
            batch,
            true,
            (traces, _partial, finish) => {
              // One message after the other; a stopped instance's results are ignored by the poller.
              const failed: Trace[] = [];
              const started = this.ctx.world.sim.now;
              let ok = 0;
              const next = (i: number): void => {
                const trace = traces[i];
                if (!trace) {
                  this.throughput.record(started, ok, traces.length);
                  finish(failed.length === 0 ? { ok: true } : fail('error'), failed);
                  return;
                }
                handler(
                  createHandlerContext(
                    this.host,
                    trace,
                    () => true,
                    (r: Result) => {
                      if (r.ok) ok++;
                      else failed.push(trace);
                      next(i + 1);
                    },
                  ),
                );
              };
              next(0);
            },
            done,
          ),
        attempts.hooks(),
      );
      consumers.start();
      this.fleets.push({ attempts, consumers });
      if (!this.running) this.setRunning(false);
    }
  }

  /** A produced message: do the work, then send it along every outgoing edge. */
  private produce(id: number): void {
    const entry = this.producerEntry as Custodian;
    const trace = new Trace(id, entry);
    this.produced++;
    const handler = this.ctx.handler ?? defaultHandler;
    const started = this.ctx.world.sim.now;
    handler(
      createHandlerContext(
        this.host,
        trace,
        () => true,
        (r: Result) => {
          if (!r.ok) this.publishFailures++;
          this.throughput.record(started, r.ok ? 1 : 0);
          this.ctx.messages.settle(trace, entry, r);
        },
      ),
    );
  }

  stop(): void {
    this.producer?.stop();
  }

  accept(_trace: Trace, reply: Reply): void {
    reply(fail('error', 'this consumer only polls its queue'));
  }

  reconfigure(config: ConfigReader): void {
    this.host.config = config; // handlers read the settings in force
    this.producer?.reconfigure(config);
    this.duration = config.dist('duration', this.duration);
    this.errorRate = config.num('errorRate', 0);
    for (const f of this.fleets)
      f.consumers.reconfigure({
        instances: config.num('instances', 1),
        batchSize: config.num('batchSize', 10),
      });
    const running = config.bool('running', true);
    if (running !== this.running) this.setRunning(running);
  }

  private setRunning(running: boolean): void {
    this.running = running;
    for (const f of this.fleets) {
      const n = f.consumers.stats().instances;
      for (let i = 0; i < n; i++) {
        if (running) f.consumers.startInstance(i);
        else f.consumers.stopInstance(i);
      }
    }
  }

  stats(): NodeStats {
    let instances = 0;
    let runningInstances = 0;
    let processed = 0;
    let failedBatches = 0;
    let inFlight = 0;
    for (const f of this.fleets) {
      const s = f.consumers.stats();
      instances += s.instances;
      runningInstances += s.runningInstances;
      processed += s.deleted;
      failedBatches += s.failedBatches;
      inFlight += f.attempts.queueNode().queueFor(f.attempts.link).stats().inFlight;
    }
    if (this.producer)
      return {
        produced: this.produced,
        publishFailures: this.publishFailures,
        outPerS: Math.round(this.throughput.perSecond() * 10) / 10,
      };
    return {
      instances,
      running: runningInstances,
      processed,
      errors: failedBatches,
      inFlight,
      outPerS: Math.round(this.throughput.perSecond() * 10) / 10,
    };
  }
}

/** The `ec2` kind. */
export const ec2Kind: KindModule = {
  kind: 'ec2',
  narrate: narrateEc2,
  statKeys: [
    'instances',
    'running',
    'processed',
    'errors',
    'inFlight',
    'outPerS',
    'produced',
    'publishFailures',
  ],
  create: (ctx) => new Ec2Node(ctx),
};
