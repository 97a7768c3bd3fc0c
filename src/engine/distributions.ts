import type { Rng } from './rng';

/**
 * A distribution of a duration or size, as plain data so scenarios stay JSON-serialisable.
 * All values are in the unit of the caller (the engine uses milliseconds for durations).
 */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  /** Log-normal given by its mean and coefficient of variation (sd / mean), the way latencies are quoted. */
  | { kind: 'lognormal'; mean: number; cv: number }
  /** An empirical distribution: draws uniformly among the given samples. */
  | { kind: 'empirical'; samples: number[] };

/** Draws one value. Normal draws are clamped at 0 because durations cannot be negative. */
export function sample(dist: Distribution, rng: Rng): number {
  switch (dist.kind) {
    case 'constant':
      return dist.value;
    case 'exponential':
      return rng.exponential(dist.mean);
    case 'uniform':
      return dist.min + (dist.max - dist.min) * rng.next();
    case 'normal':
      return Math.max(0, dist.mean + dist.sd * rng.standardNormal());
    case 'lognormal': {
      if (dist.cv <= 0) return dist.mean;
      const sigma2 = Math.log(1 + dist.cv * dist.cv);
      const mu = Math.log(dist.mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * rng.standardNormal());
    }
    case 'empirical':
      return dist.samples.length === 0 ? 0 : (dist.samples[rng.int(dist.samples.length)] ?? 0);
  }
}

/** The distribution's mean, for explanations and capacity estimates. */
export function meanOf(dist: Distribution): number {
  switch (dist.kind) {
    case 'constant':
      return dist.value;
    case 'exponential':
    case 'normal':
    case 'lognormal':
      return dist.mean;
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'empirical':
      return dist.samples.length === 0
        ? 0
        : dist.samples.reduce((a, b) => a + b, 0) / dist.samples.length;
  }
}

/** The same distribution with its mean scaled by `factor` (used for latency spikes and saturation). */
export function scaled(dist: Distribution, factor: number): Distribution {
  switch (dist.kind) {
    case 'constant':
      return { kind: 'constant', value: dist.value * factor };
    case 'exponential':
      return { kind: 'exponential', mean: dist.mean * factor };
    case 'uniform':
      return { kind: 'uniform', min: dist.min * factor, max: dist.max * factor };
    case 'normal':
      return { kind: 'normal', mean: dist.mean * factor, sd: dist.sd * factor };
    case 'lognormal':
      return { kind: 'lognormal', mean: dist.mean * factor, cv: dist.cv };
    case 'empirical':
      return { kind: 'empirical', samples: dist.samples.map((s) => s * factor) };
  }
}
