import { describe, expect, it } from 'vitest';
import { World } from '../engine';
import { TrafficSource, type TrafficConfig } from './traffic';

/*
 * The expected counts below come from the rate functions as the doc comments define them,
 * integrated here (closed form or Simpson's rule), not from the model's own Λ. Poisson counts
 * are checked within 5 standard deviations (√expected) over windows of thousands to tens of
 * thousands of arrivals: a failure by chance has odds under one in a million per window.
 */

/** Runs a source for `ms` of virtual time and returns its arrival times. */
function arrivals(config: TrafficConfig, ms: number, seed = 7) {
  const world = new World({ seed });
  const times: number[] = [];
  const source = new TrafficSource(world, world.sim.rng.split('t'), config, () =>
    times.push(world.sim.now),
  );
  source.start();
  world.sim.runUntil(ms);
  return { world, source, times };
}

/** Arrivals in (from, to]: times are sorted. */
function countIn(times: number[], from: number, to: number): number {
  return upperBound(times, to) - upperBound(times, from);
}

function upperBound(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** ∫ rate (per s) over [from, to] ms, in requests, by Simpson's rule. */
function integral(rate: (tMs: number) => number, from: number, to: number, steps = 2000): number {
  const h = (to - from) / steps;
  let sum = rate(from) + rate(to);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * rate(from + i * h);
  return (sum * h) / 3 / 1000;
}

/** A Poisson count is within 5σ of its expectation. */
function expectPoisson(count: number, expected: number): void {
  expect(Math.abs(count - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected));
}

const SLOW = { timeout: 20_000 };

describe('TrafficSource: ramp', () => {
  // 50/s → 1000/s over 60 s, then hold: λ(s) = 50 + 950·s/60 on the ramp.
  const ramp: TrafficConfig = {
    pattern: 'ramp',
    rampFromPerS: 50,
    ratePerS: 1000,
    rampDurationMs: 60_000,
  };
  const rate = (t: number): number => (t >= 60_000 ? 1000 : 50 + (950 * t) / 60_000);

  it('Poisson arrivals: counts over windows match ∫λ, and it holds the end rate', SLOW, () => {
    const { times, source } = arrivals(ramp, 120_000);
    expect(times.length).toBeGreaterThan(90_000);
    for (let from = 0; from < 120_000; from += 15_000)
      expectPoisson(countIn(times, from, from + 15_000), integral(rate, from, from + 15_000));
    // The end rate, held: the last 60 s at 1000/s.
    expectPoisson(countIn(times, 60_000, 120_000), 60_000);
    expect(source.rateAt(0)).toBe(50);
    expect(source.rateAt(30_000)).toBeCloseTo(525, 9);
    expect(source.rateAt(60_000)).toBe(1000);
    expect(source.rateAt(1e9)).toBe(1000);
  });

  it('even arrivals: every 1-s window holds ∫λ to within one, then gaps of 1/rate', SLOW, () => {
    const { times } = arrivals({ ...ramp, spacing: 'even' }, 120_000);
    for (let from = 0; from < 120_000; from += 1000)
      expect(
        Math.abs(countIn(times, from, from + 1000) - integral(rate, from, from + 1000, 20)),
      ).toBeLessThan(1 + 1e-6);
    const n = times.length;
    expect((times[n - 1] as number) - (times[n - 2] as number)).toBeCloseTo(1, 6);
    // The first arrival comes when ∫λ reaches 1: 50·s + 950·s²/120 = 1 (s in seconds).
    const s = (-50 + Math.sqrt(2500 + (4 * 950) / 120)) / (2 * (950 / 120));
    expect(times[0]).toBeCloseTo(s * 1000, 6);
  });

  it('a downward ramp to zero stops, leaving nothing scheduled', () => {
    const { times, world } = arrivals(
      { pattern: 'ramp', rampFromPerS: 100, ratePerS: 0, rampDurationMs: 10_000, spacing: 'even' },
      60_000,
    );
    expect(times).toHaveLength(500); // ∫ = 100·10/2
    expect(times.at(-1)).toBeLessThanOrEqual(10_000);
    expect(world.sim.pending).toBe(0);
  });

  it('starts when switched to mid-run, and keeps going when its settings stay the same', () => {
    const world = new World({ seed: 3 });
    const source = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'poisson', ratePerS: 10 },
      () => {},
    );
    source.start();
    world.sim.runUntil(50_000);
    source.reconfigure(ramp);
    expect(source.rateAt(50_000)).toBe(50);
    expect(source.rateAt(80_000)).toBeCloseTo(525, 9);
    world.sim.runUntil(80_000);
    source.reconfigure({ ...ramp }); // the same ramp: it carries on
    expect(source.rateAt(80_000)).toBeCloseTo(525, 9);
    source.reconfigure({ ...ramp, rampStartMs: 0 }); // an explicit start
    expect(source.rateAt(80_000)).toBe(1000);
  });
});

describe('TrafficSource: daily curve', () => {
  // A 10-minute day (compression 144): an hour is 25 s. Mean 400/s, peak/trough 3, peak at 15:00.
  const day = 600_000;
  const hour = day / 24;
  const daily: TrafficConfig = {
    pattern: 'daily',
    ratePerS: 400,
    peakToTrough: 3,
    peakHour: 15,
    dayCompression: 144,
  };
  const a = (3 - 1) / (3 + 1);
  const rate = (t: number): number =>
    400 * (1 + a * Math.cos((2 * Math.PI * (t - 15 * hour)) / day));

  it('peaks at the peak hour and bottoms out twelve hours later, with the set ratio', () => {
    const world = new World({ seed: 1 });
    const source = new TrafficSource(world, world.sim.rng.split('t'), daily, () => {});
    expect(source.rateAt(15 * hour)).toBeCloseTo(600, 9); // 400 · 2·3/(3+1)
    expect(source.rateAt(3 * hour)).toBeCloseTo(200, 9); // 400 · 2/(3+1)
    expect(source.rateAt(15 * hour + day)).toBeCloseTo(600, 9);
    expect(source.expectedArrivals(0, day)).toBeCloseTo(400 * 600, 6);
    // Uncompressed, a day is 24 h of virtual time.
    const real = new TrafficSource(
      world,
      world.sim.rng.split('u'),
      { ...daily, dayCompression: 1 },
      () => {},
    );
    expect(real.rateAt(15 * 3_600_000)).toBeCloseTo(600, 9);
  });

  it('Poisson arrivals: every hour of the day holds ∫λ within 5σ', SLOW, () => {
    const { times } = arrivals(daily, day);
    expectPoisson(times.length, 240_000);
    for (let h = 0; h < 24; h++)
      expectPoisson(
        countIn(times, h * hour, (h + 1) * hour),
        integral(rate, h * hour, (h + 1) * hour),
      );
    // The busiest and quietest hours, against each other: about 3× (sin(π/24)/(π/24) ≈ 1).
    const peak = countIn(times, 14.5 * hour, 15.5 * hour);
    const trough = countIn(times, 2.5 * hour, 3.5 * hour);
    expectPoisson(peak, integral(rate, 14.5 * hour, 15.5 * hour));
    expectPoisson(trough, integral(rate, 2.5 * hour, 3.5 * hour));
    expect(peak / trough).toBeGreaterThan(2.6);
    expect(peak / trough).toBeLessThan(3.4);
  });

  it('Poisson arrivals: rescaled by Λ, the gaps are Exp(1) (time-change theorem)', SLOW, () => {
    const { times, source } = arrivals(daily, day / 2, 11);
    const n = times.length - 1;
    let sum = 0;
    let over1 = 0;
    for (let i = 1; i <= n; i++) {
      const g = source.expectedArrivals(times[i - 1] as number, times[i] as number);
      sum += g;
      if (g > 1) over1++;
    }
    // Mean 1 (sd 1/√n); P(gap > 1) = e⁻¹ (sd √(p(1−p)/n)).
    expect(Math.abs(sum / n - 1)).toBeLessThan(5 / Math.sqrt(n));
    const p = Math.exp(-1);
    expect(Math.abs(over1 / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('even arrivals: every hour holds ∫λ to within one', SLOW, () => {
    const { times } = arrivals({ ...daily, ratePerS: 40, spacing: 'even' }, 2 * day);
    const rate40 = (t: number): number => rate(t) / 10;
    for (let h = 0; h < 48; h++)
      expect(
        Math.abs(
          countIn(times, h * hour, (h + 1) * hour) - integral(rate40, h * hour, (h + 1) * hour),
        ),
      ).toBeLessThan(1 + 1e-6);
  });
});

describe('TrafficSource: bursts', () => {
  it('are on for their length, silent for their gap, and keep the average rate', SLOW, () => {
    // 2 s on, 3 s off, average 100/s: 250/s during a burst.
    const { times, source } = arrivals(
      { pattern: 'bursts', ratePerS: 100, burstLengthMs: 2000, burstGapMs: 3000 },
      1_000_000,
    );
    expect(source.rateAt(1000)).toBe(250);
    expect(source.rateAt(3000)).toBe(0);
    expect(times.every((t) => t % 5000 <= 2000)).toBe(true);
    expectPoisson(times.length, 100_000);
    // Each second of a burst gets half the arrivals.
    const firstSecond = times.filter((t) => t % 5000 <= 1000).length;
    expectPoisson(firstSecond, 50_000);
  });

  it('default to 5 s on, 15 s off at 4× the rate', () => {
    const world = new World({ seed: 1 });
    const source = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'bursts', ratePerS: 10 },
      () => {},
    );
    expect(source.rateAt(0)).toBe(40);
    expect(source.rateAt(4999)).toBe(40);
    expect(source.rateAt(5000)).toBe(0);
    expect(source.rateAt(19_999)).toBe(0);
    expect(source.rateAt(20_000)).toBe(40);
    expect(source.expectedArrivals(0, 200_000)).toBeCloseTo(2000, 9);
  });

  it('even bursts: the same number of evenly spaced requests in every burst', () => {
    const { times } = arrivals(
      { pattern: 'bursts', ratePerS: 100, burstLengthMs: 2000, burstGapMs: 3000, spacing: 'even' },
      50_000,
    );
    expect(times).toHaveLength(5000); // 10 bursts of 500, the last ending at 47 s
    for (let k = 0; k < 10; k++) {
      const inBurst = times.filter((t) => t > k * 5000 && t <= k * 5000 + 2000);
      expect(inBurst).toHaveLength(500);
      expect((inBurst[1] as number) - (inBurst[0] as number)).toBeCloseTo(4, 6);
    }
  });
});

describe('TrafficSource: reconfigure', () => {
  it('switches rate mid-run: the new rate is exact, and no stale event runs', SLOW, () => {
    const world = new World({ seed: 9 });
    const times: number[] = [];
    const source = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'poisson', ratePerS: 100 },
      () => times.push(world.sim.now),
    );
    source.start();
    world.sim.runUntil(100_000);
    source.reconfigure({ pattern: 'poisson', ratePerS: 1000 });
    world.sim.runUntil(150_000);
    source.reconfigure({
      pattern: 'bursts',
      ratePerS: 1000,
      burstLengthMs: 1000,
      burstGapMs: 1000,
    });
    world.sim.runUntil(200_000);
    expectPoisson(countIn(times, 0, 100_000), 10_000);
    expectPoisson(countIn(times, 100_000, 150_000), 50_000);
    expectPoisson(countIn(times, 150_000, 200_000), 50_000);
    expect(times.every((t) => t <= 150_000 || t % 2000 <= 1000)).toBe(true);
    // One event per arrival: the arrivals cancelled by reconfigure never ran.
    expect(world.sim.eventsRun).toBe(source.count);
  });

  it('even spacing keeps its rhythm across a rate change', () => {
    const world = new World({ seed: 1 });
    const times: number[] = [];
    const source = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'constant', ratePerS: 1 },
      () => times.push(world.sim.now),
    );
    source.start();
    world.sim.runUntil(3500);
    // Half a gap left: at 10/s that is 50 ms.
    source.reconfigure({ pattern: 'constant', ratePerS: 10 });
    world.sim.runUntil(3800);
    expect(times.map((t) => Math.round(t * 1e6) / 1e6)).toEqual([
      1000, 2000, 3000, 3550, 3650, 3750,
    ]);
  });

  it('a zero rate falls silent, and a rate again resumes', () => {
    const world = new World({ seed: 1 });
    const source = new TrafficSource(
      world,
      world.sim.rng.split('t'),
      { pattern: 'poisson', ratePerS: 50 },
      () => {},
    );
    source.start();
    world.sim.runUntil(10_000);
    source.reconfigure({ pattern: 'poisson', ratePerS: 0 });
    const before = source.count;
    world.sim.runUntil(20_000);
    expect(source.count).toBe(before);
    expect(world.sim.pending).toBe(0);
    source.reconfigure({ pattern: 'poisson', ratePerS: 50 });
    world.sim.runUntil(30_000);
    expect(source.count).toBeGreaterThan(before + 300);
  });

  it('is reproducible from the seed', () => {
    const run = (seed: number) =>
      arrivals({ pattern: 'daily', ratePerS: 20, dayCompression: 1440 }, 60_000, seed).times;
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });

  it('rejects settings that make no sense', () => {
    const world = new World({ seed: 1 });
    const make = (c: Partial<TrafficConfig>) => () =>
      new TrafficSource(
        world,
        world.sim.rng.split('t'),
        { pattern: 'bursts', ratePerS: 1, ...c },
        () => {},
      );
    expect(make({ burstLengthMs: 0 })).toThrow(RangeError);
    expect(make({ burstGapMs: -1 })).toThrow(RangeError);
    expect(make({ pattern: 'daily', peakToTrough: 0.5 })).toThrow(RangeError);
    expect(make({ pattern: 'daily', dayCompression: 0 })).toThrow(RangeError);
    expect(make({ pattern: 'ramp', rampDurationMs: -5 })).toThrow(RangeError);
    expect(make({ ratePerS: -3 })).not.toThrow(); // a rate of nothing: silence
  });
});
