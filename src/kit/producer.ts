import {
  TrafficSource,
  type ArrivalPattern,
  type ArrivalSpacing,
  type TrafficConfig,
} from '../aws';
import type { ConfigReader } from './config';
import type { NodeContext } from './kind';
import { PayloadMix, readPayloads } from './payload';

/**
 * What every entry point shares: traffic at the configured arrival pattern, and for each new
 * message a payload drawn from the configured mix. `onMessage` gets the new message's id.
 *
 * Config: `pattern` (constant | poisson | bursts | ramp | daily), `ratePerS`, `spacing`,
 * `burstLengthS`, `burstGapS`, `rampFromPerS`, `rampDurationS`, `peakHour`, `peakToTrough`,
 * `dayCompression` (see src/aws/traffic.ts), and `payloads` (a list of `{ weight, body,
 * attributes? }`; weights may be bound to mix parameters).
 */
export class Producer {
  private readonly traffic: TrafficSource;
  private readonly mix: PayloadMix | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: NodeContext,
    onMessage: (id: number) => void,
  ) {
    const owner = `node ${ctx.runtime.node.id}`;
    const { payloads, weights } = readPayloads(ctx.config.values.payloads, owner);
    if (payloads.length > 0)
      this.mix = new PayloadMix(
        payloads.map((p) => ctx.messages.registerPayload(p)),
        weights,
      );
    const mixRng = ctx.rng.split('payloads');
    this.traffic = new TrafficSource(ctx.world, ctx.rng, trafficFrom(ctx.config), () => {
      const id = ctx.messages.create();
      if (this.mix) ctx.messages.setVariant(id, this.mix.pick(mixRng));
      onMessage(id);
    });
  }

  start(): void {
    this.traffic.start();
  }

  /** No more messages from now on (the tests then watch the system drain). */
  stop(): void {
    this.stopped = true;
    this.traffic.reconfigure({ pattern: 'constant', ratePerS: 0 });
  }

  reconfigure(config: ConfigReader): void {
    if (this.stopped) return;
    this.traffic.reconfigure(trafficFrom(config));
    if (this.mix) this.mix.setWeights(readPayloads(config.values.payloads, 'producer').weights);
  }
}

function trafficFrom(config: ConfigReader): TrafficConfig {
  return {
    pattern: config.str('pattern', 'poisson') as ArrivalPattern,
    ratePerS: config.num('ratePerS', 1),
    spacing: config.str('spacing', 'poisson') as ArrivalSpacing,
    burstLengthMs: config.num('burstLengthS', 5) * 1000,
    burstGapMs: config.num('burstGapS', 15) * 1000,
    rampFromPerS: config.num('rampFromPerS', 0),
    rampDurationMs: config.num('rampDurationS', 60) * 1000,
    peakHour: config.num('peakHour', 12),
    peakToTrough: config.num('peakToTrough', 3),
    dayCompression: config.num('dayCompression', 1),
  };
}
