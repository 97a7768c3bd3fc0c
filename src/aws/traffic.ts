import type { Rng, ScheduledEvent, World } from '../engine';

/**
 * The shape of a client's request rate over time.
 *
 * - `constant`: a steady rate, requests evenly spaced.
 * - `poisson`: a steady rate, requests at random (Poisson arrivals).
 * - `bursts`: bursts of `burstLengthMs` separated by silent gaps of `burstGapMs`.
 * - `ramp`: a rate that moves linearly from `rampFromPerS` to `ratePerS` over `rampDurationMs`,
 *   then holds.
 * - `daily`: a smooth 24-hour curve peaking at `peakHour`, `peakToTrough` times the trough.
 */
export type ArrivalPattern = 'constant' | 'poisson' | 'bursts' | 'ramp' | 'daily';

/**
 * How requests are placed along the rate curve: `poisson`, a non-homogeneous Poisson process
 * with exactly that rate function; `even`, deterministic spacing that follows it (one request
 * each time the expected count grows by one).
 */
export type ArrivalSpacing = 'poisson' | 'even';

/** A traffic source's settings. Every field but `pattern` and `ratePerS` has a default. */
export interface TrafficConfig {
  pattern: ArrivalPattern;
  /**
   * Requests per second. `constant`, `poisson`: the rate. `bursts`, `daily`: the long-run
   * average (over a whole burst cycle, over a whole day). `ramp`: the rate it ends at and holds.
   * Zero, negative or NaN: no requests.
   */
  ratePerS: number;
  /**
   * Spacing along the curve for `bursts`, `ramp` and `daily` (default `poisson`). Ignored by
   * `constant` (always even) and `poisson` (always Poisson).
   */
  spacing?: ArrivalSpacing;
  /** Bursts: length of one burst, ms (default 5,000). A burst starts at virtual time 0. */
  burstLengthMs?: number;
  /**
   * Bursts: silent gap between bursts, ms (default 15,000). During a burst the rate is
   * ratePerS · (length + gap) / length (4× with the defaults), so the average stays `ratePerS`.
   */
  burstGapMs?: number;
  /** Ramp: the rate it starts from, per second (default 0). */
  rampFromPerS?: number;
  /** Ramp: how long it takes to get from `rampFromPerS` to `ratePerS`, ms (default 60,000). */
  rampDurationMs?: number;
  /**
   * Ramp: virtual time it starts, ms. Before it the rate is `rampFromPerS`. Default: when these
   * ramp settings took effect (`start()`, or the `reconfigure()` that changed them).
   */
  rampStartMs?: number;
  /** Daily: hour of the day (0 to 24) when the rate peaks (default 12, noon). */
  peakHour?: number;
  /** Daily: peak rate / trough rate, ≥ 1 (default 3; 1 is a flat day). */
  peakToTrough?: number;
  /**
   * Daily: how many times faster than real time a day goes by (default 1, a 24-hour day).
   * A simulated day lasts 86,400,000 / dayCompression ms, starting at midnight at virtual time 0:
   * virtual time t ms is hour (24 · t · dayCompression / 86,400,000) mod 24. For example 144
   * makes a day last 10 minutes, and an hour 25 s. Only the day is compressed, not the rate:
   * `ratePerS` stays per simulated second, so a compressed day carries fewer requests in all.
   */
  dayCompression?: number;
}

const DAY_MS = 86_400_000;

/**
 * A rate function λ(t) (requests per second at virtual time t ms) with its cumulative intensity
 * Λ (expected requests from a fixed origin to t; only differences matter) and Λ's inverse.
 */
interface RateCurve {
  /** λ(t), per second. */
  rate(t: number): number;
  /** Λ(t), in requests: non-decreasing, continuous. */
  cumulative(t: number): number;
  /** The earliest t with Λ(t) ≥ y (-Infinity or Infinity when there is none). */
  inverse(y: number): number;
}

/** A steady rate. */
function flatCurve(ratePerS: number): RateCurve {
  const perMs = ratePerS / 1000;
  return {
    rate: () => ratePerS,
    cumulative: (t) => perMs * t,
    inverse: (y) => (perMs > 0 ? y / perMs : y > 0 ? Infinity : -Infinity),
  };
}

/** On for `length` ms at the rate that keeps the average, off for `gap` ms; on from t = 0. */
function burstCurve(ratePerS: number, length: number, gap: number): RateCurve {
  const period = length + gap;
  const onPerMs = (ratePerS * period) / length / 1000;
  const onTime = (t: number): number => {
    const k = Math.floor(t / period);
    return k * length + Math.min(t - k * period, length);
  };
  return {
    rate: (t) => (t - Math.floor(t / period) * period < length ? onPerMs * 1000 : 0),
    cumulative: (t) => onPerMs * onTime(t),
    inverse: (y) => {
      if (!(onPerMs > 0)) return y > 0 ? Infinity : -Infinity;
      const u = y / onPerMs; // on-time needed
      // Burst k holds on-time (k·length, (k+1)·length]: an exact multiple of the length is
      // reached at the end of a burst, not at the start of the next one.
      const k = Math.ceil(u / length) - 1;
      return k * period + (u - k * length);
    },
  };
}

/**
 * `from` per second until `start`, then linear to `to` over `duration` ms, then `to`.
 * Λ is quadratic on the ramp and is inverted in closed form.
 */
function rampCurve(from: number, to: number, duration: number, start: number): RateCurve {
  const A = from / 1000; // per ms
  const B = to / 1000;
  const D = duration;
  const onRamp = ((A + B) * D) / 2; // requests during the ramp
  return {
    rate: (t) => {
      const s = t - start;
      if (s <= 0) return from;
      if (s >= D) return to;
      return from + ((to - from) * s) / D;
    },
    cumulative: (t) => {
      const s = t - start;
      if (s <= 0) return A * s;
      if (s < D) return A * s + ((B - A) * s * s) / (2 * D);
      return onRamp + B * (s - D);
    },
    inverse: (y) => {
      if (y <= 0) return A > 0 ? start + y / A : -Infinity;
      if (y <= onRamp) {
        // A·s + (B−A)·s²/(2D) = y, in the form that is stable whatever the sign of B − A.
        return start + (2 * y) / (A + Math.sqrt(A * A + (2 * (B - A) * y) / D));
      }
      return B > 0 ? start + D + (y - onRamp) / B : Infinity;
    },
  };
}

/**
 * λ(t) = m·(1 + a·cos(2π(t − tPeak)/day)), a = (r − 1)/(r + 1): mean m, peak m·2r/(r + 1),
 * trough m·2/(r + 1), so peak/trough = r. Λ has a closed form; its inverse is found by Newton's
 * method kept inside a bracket (Λ' = λ ≥ trough > 0), one day at a time.
 */
function dailyCurve(
  ratePerS: number,
  peakHour: number,
  peakToTrough: number,
  compression: number,
): RateCurve {
  const m = ratePerS / 1000; // per ms
  const day = DAY_MS / compression;
  const a = (peakToTrough - 1) / (peakToTrough + 1);
  const w = (2 * Math.PI) / day;
  const tPeak = (((peakHour % 24) + 24) % 24) * (day / 24);
  const sinAtZero = Math.sin(-w * tPeak);
  const perDay = m * day;
  /** Λ over [0, t]. */
  const cumulative = (t: number): number =>
    m * (t + (a / w) * (Math.sin(w * (t - tPeak)) - sinAtZero));
  const ratePerMs = (t: number): number => m * (1 + a * Math.cos(w * (t - tPeak)));
  return {
    rate: (t) => ratePerMs(t) * 1000,
    cumulative,
    inverse: (y) => {
      if (!(m > 0)) return y > 0 ? Infinity : -Infinity;
      const k = Math.floor(y / perDay);
      const target = y - k * perDay; // in [0, perDay)
      let lo = 0;
      let hi = day;
      let t = Math.min(day, Math.max(0, target / m));
      for (let i = 0; i < 100; i++) {
        const f = cumulative(t) - target;
        if (f === 0) break;
        if (f > 0) hi = t;
        else lo = t;
        let next = t - f / ratePerMs(t);
        if (!(next > lo && next < hi)) next = (lo + hi) / 2;
        if (Math.abs(next - t) <= 1e-7) {
          t = next;
          break;
        }
        t = next;
      }
      return k * day + t;
    },
  };
}

/** The settings as the source holds them, defaults filled in. */
export type ResolvedTrafficConfig = Required<Omit<TrafficConfig, 'rampStartMs'>> & {
  rampStartMs: number | undefined;
};

function resolve(c: TrafficConfig): ResolvedTrafficConfig {
  const r: ResolvedTrafficConfig = {
    pattern: c.pattern,
    ratePerS: c.ratePerS > 0 && Number.isFinite(c.ratePerS) ? c.ratePerS : 0,
    spacing: c.spacing ?? 'poisson',
    burstLengthMs: c.burstLengthMs ?? 5000,
    burstGapMs: c.burstGapMs ?? 15_000,
    rampFromPerS: c.rampFromPerS ?? 0,
    rampDurationMs: c.rampDurationMs ?? 60_000,
    rampStartMs: c.rampStartMs,
    peakHour: c.peakHour ?? 12,
    peakToTrough: c.peakToTrough ?? 3,
    dayCompression: c.dayCompression ?? 1,
  };
  const check = (ok: boolean, what: string, value: unknown): void => {
    if (!ok) throw new RangeError(`traffic: ${what}, got ${String(value)}`);
  };
  check(
    ['constant', 'poisson', 'bursts', 'ramp', 'daily'].includes(r.pattern),
    'unknown pattern',
    r.pattern,
  );
  check(r.spacing === 'poisson' || r.spacing === 'even', 'unknown spacing', r.spacing);
  check(
    r.burstLengthMs > 0 && r.burstLengthMs < Infinity,
    'burstLengthMs must be > 0',
    r.burstLengthMs,
  );
  check(r.burstGapMs >= 0 && r.burstGapMs < Infinity, 'burstGapMs must be >= 0', r.burstGapMs);
  check(
    r.rampFromPerS >= 0 && r.rampFromPerS < Infinity,
    'rampFromPerS must be >= 0',
    r.rampFromPerS,
  );
  check(
    r.rampDurationMs >= 0 && r.rampDurationMs < Infinity,
    'rampDurationMs must be >= 0',
    r.rampDurationMs,
  );
  check(
    r.rampStartMs === undefined || Number.isFinite(r.rampStartMs),
    'rampStartMs must be finite',
    r.rampStartMs,
  );
  check(Number.isFinite(r.peakHour), 'peakHour must be finite', r.peakHour);
  check(
    r.peakToTrough >= 1 && r.peakToTrough < Infinity,
    'peakToTrough must be >= 1',
    r.peakToTrough,
  );
  check(
    r.dayCompression > 0 && r.dayCompression < Infinity,
    'dayCompression must be > 0',
    r.dayCompression,
  );
  return r;
}

/** Whether two resolved configs describe the same ramp (so a reconfigure keeps its start). */
function sameRamp(a: ResolvedTrafficConfig, b: ResolvedTrafficConfig): boolean {
  return (
    a.pattern === 'ramp' &&
    b.pattern === 'ramp' &&
    a.ratePerS === b.ratePerS &&
    a.rampFromPerS === b.rampFromPerS &&
    a.rampDurationMs === b.rampDurationMs &&
    a.rampStartMs === b.rampStartMs
  );
}

/**
 * A client producing traffic: calls `onArrival()` at the times its arrival pattern gives.
 *
 * Arrivals come from the inversion (time-change) method for a point process with rate λ(t):
 * with Λ(t) = ∫λ, the n-th arrival is at Λ⁻¹(S_n), S_n = S_{n−1} + X_n. With X_n ~ Exp(1) the
 * arrivals are exactly a non-homogeneous Poisson process with rate function λ (a unit-rate
 * Poisson process seen through Λ⁻¹; no thinning, no approximation beyond floating point); with
 * X_n = 1 they are evenly spaced along Λ, so that any window holds its Λ to within one request.
 * A constant rate gives exponential gaps, or gaps of exactly 1/rate.
 *
 * One simulation event per arrival and one random draw per Poisson arrival, from the source's
 * own stream, so a run is reproducible from its seed. {@link reconfigure} keeps the
 * not-yet-used part of the pending gap, measured in expected requests, and spends it under the
 * new rate: for Poisson arrivals this is exact (the residual of an Exp(1) is Exp(1)); for even
 * ones it keeps their rhythm. The cancelled arrival never runs and does not count as an event.
 */
export class TrafficSource {
  /** Arrivals produced so far. */
  count = 0;
  private config: ResolvedTrafficConfig;
  private curve: RateCurve;
  /** When the current ramp starts (used when the config does not say). */
  private rampStart = 0;
  private started = false;
  /** Λ at the next arrival, on the current curve. */
  private target = 0;
  private pending: ScheduledEvent | undefined;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    config: TrafficConfig,
    private readonly onArrival: () => void,
  ) {
    this.config = resolve(config);
    this.rampStart = world.sim.now;
    this.curve = this.makeCurve();
  }

  /** The settings in force, defaults filled in. */
  get settings(): Readonly<ResolvedTrafficConfig> {
    return this.config;
  }

  /** Schedules the first arrival (the ramp, unless told otherwise, starts now). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.rampStart = this.world.sim.now;
    this.curve = this.makeCurve();
    this.target = this.curve.cumulative(this.world.sim.now) + this.draw();
    this.arm();
  }

  /**
   * Changes pattern or settings mid-run; see the class comment for what happens to the pending
   * arrival. Bursts and days are anchored at virtual time 0, so they go on in phase; a ramp
   * starts again from `rampFromPerS` now when its settings changed (pass `rampStartMs` to
   * choose), and carries on when they did not.
   */
  reconfigure(config: TrafficConfig): void {
    const now = this.world.sim.now;
    const before = this.config;
    const next = resolve(config);
    const residual = this.target - this.curve.cumulative(now);
    this.config = next;
    if (!sameRamp(before, next)) this.rampStart = now;
    this.curve = this.makeCurve();
    if (!this.started) return;
    if (this.pending) this.world.sim.cancel(this.pending);
    this.pending = undefined;
    // Keep the residual when the kind of spacing is unchanged; a fresh gap otherwise (an even
    // residual is not an exponential one, nor the reverse).
    const keep = spacingOf(before) === spacingOf(next) && residual >= 0 && residual < Infinity;
    this.target = this.curve.cumulative(now) + (keep ? residual : this.draw());
    this.arm();
  }

  /** The intended rate at virtual time `timeMs` under the current settings, per second. */
  rateAt(timeMs: number): number {
    return this.curve.rate(timeMs);
  }

  /** Requests expected between two virtual times under the current settings (∫λ). */
  expectedArrivals(fromMs: number, toMs: number): number {
    return this.curve.cumulative(toMs) - this.curve.cumulative(fromMs);
  }

  private makeCurve(): RateCurve {
    const c = this.config;
    switch (c.pattern) {
      case 'constant':
      case 'poisson':
        return flatCurve(c.ratePerS);
      case 'bursts':
        return burstCurve(c.ratePerS, c.burstLengthMs, c.burstGapMs);
      case 'ramp':
        return rampCurve(
          c.rampFromPerS,
          c.ratePerS,
          c.rampDurationMs,
          c.rampStartMs ?? this.rampStart,
        );
      case 'daily':
        return dailyCurve(c.ratePerS, c.peakHour, c.peakToTrough, c.dayCompression);
    }
  }

  /** The next step in Λ: Exp(1) for Poisson arrivals, 1 for even ones. */
  private draw(): number {
    return spacingOf(this.config) === 'poisson' ? this.rng.exponential(1) : 1;
  }

  /** Schedules the arrival at Λ⁻¹(target), if the curve ever gets there. */
  private arm(): void {
    const sim = this.world.sim;
    const t = this.curve.inverse(this.target);
    if (!(t < Infinity)) return; // the rate stays at zero: nothing more, until a reconfigure
    this.pending = sim.atCancellable(Math.max(sim.now, t), this.fire, undefined);
  }

  private readonly fire = (): void => {
    this.pending = undefined;
    this.count++;
    this.target += this.draw();
    this.arm();
    this.onArrival();
  };
}

function spacingOf(c: ResolvedTrafficConfig): ArrivalSpacing {
  if (c.pattern === 'constant') return 'even';
  if (c.pattern === 'poisson') return 'poisson';
  return c.spacing;
}
