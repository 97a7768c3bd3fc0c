import { HopLog } from './hops';
import { MessageLedger } from './ledger';
import { MetricsSampler } from './metrics';
import { Simulation } from './simulation';
import { SpanLog } from './spans';

/** Options for a {@link World}. */
export interface WorldOptions {
  seed: number;
  /** Virtual ms between metric samples (default 1000). */
  sampleIntervalMs?: number;
  /** Samples kept per series (default 600: ten minutes at one per second). */
  sampleCapacity?: number;
  /** Record hop events for the animation layer (default false: headless runs skip them). */
  recordHops?: boolean;
}

/**
 * Everything a model needs from the kernel, in one object: the clock and event queue, the message
 * ledger, the hop log for the view, and the metrics sampler.
 */
export class World {
  readonly sim: Simulation;
  readonly ledger = new MessageLedger();
  readonly hops = new HopLog();
  /** Calls of some messages, for the waterfall view (recorded along with the hops). */
  readonly spans = new SpanLog();
  readonly sampler: MetricsSampler;

  constructor(options: WorldOptions) {
    this.sim = new Simulation(options.seed);
    this.hops.enabled = options.recordHops ?? false;
    this.spans.enabled = this.hops.enabled;
    this.sampler = new MetricsSampler(
      options.sampleIntervalMs ?? 1000,
      options.sampleCapacity ?? 600,
    );
  }

  /** Starts periodic sampling; call once after the models registered their series. */
  startSampling(): void {
    const interval = this.sampler.intervalMs;
    const tick = (): void => {
      this.sampler.sample(this.sim.now);
      this.sim.schedule(interval, tick, undefined);
    };
    this.sim.schedule(interval, tick, undefined);
  }
}
