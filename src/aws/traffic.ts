import type { Rng, World } from '../engine';

/** How a client spaces its requests. */
export type ArrivalPattern = 'constant' | 'poisson' | 'bursts';

/** A traffic source's settings. */
export interface TrafficConfig {
  pattern: ArrivalPattern;
  /** Average requests per second (the bursts pattern keeps this average). */
  ratePerS: number;
  /** Bursts: length of one on+off cycle, ms (default 20 s). */
  burstPeriodMs?: number;
  /** Bursts: share of the cycle that is "on" (default 0.25: 5 s of 20 s, at 4× the rate). */
  burstDuty?: number;
}

/**
 * A client producing traffic: calls `onArrival()` at the times the arrival pattern gives.
 * Constant spacing, Poisson arrivals (exponential gaps), or Poisson bursts: during the "on" part
 * of each cycle at rate/duty, silent otherwise, so the long-run average is still `ratePerS`.
 */
export class TrafficSource {
  /** Arrivals produced so far. */
  count = 0;
  /** Bumped on every reconfiguration so that the arrival scheduled before it is ignored. */
  private generation = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private config: TrafficConfig,
    private readonly onArrival: () => void,
  ) {}

  /** Schedules the first arrival. */
  start(): void {
    this.scheduleNext();
  }

  /**
   * Changes rate or pattern mid-run: the pending arrival is cancelled and the next one is drawn
   * from now with the new settings (exact for Poisson arrivals, which are memoryless).
   */
  reconfigure(config: TrafficConfig): void {
    this.config = config;
    this.generation++;
    this.scheduleNext();
  }

  private readonly fire = (generation: number): void => {
    if (generation !== this.generation) return;
    this.count++;
    this.onArrival();
    this.scheduleNext();
  };

  private scheduleNext(): void {
    const { pattern, ratePerS } = this.config;
    if (!(ratePerS > 0)) return;
    const meanGapMs = 1000 / ratePerS;
    if (!Number.isFinite(meanGapMs)) return; // a rate so small it never fires
    const sim = this.world.sim;
    if (pattern === 'constant') {
      sim.schedule(meanGapMs, this.fire, this.generation);
    } else if (pattern === 'poisson') {
      sim.schedule(this.rng.exponential(meanGapMs), this.fire, this.generation);
    } else {
      const period = this.config.burstPeriodMs ?? 20_000;
      const onMs = period * (this.config.burstDuty ?? 0.25);
      // Draw the gap in "on-time" (the clock that only runs while a burst is on), then map it
      // back to real time, so gaps that cross one or more silent stretches keep their length.
      const onTimeAt = (t: number): number =>
        Math.floor(t / period) * onMs + Math.min(t % period, onMs);
      const target = onTimeAt(sim.now) + this.rng.exponential(meanGapMs * (onMs / period));
      const t = Math.max(sim.now, Math.floor(target / onMs) * period + (target % onMs));
      sim.at(t, this.fire, this.generation);
    }
  }
}
