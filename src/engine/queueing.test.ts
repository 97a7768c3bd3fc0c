import { describe, expect, it } from 'vitest';
import { erlangB, md1, mm1, mmc } from './queueing';
import { Simulation } from './simulation';
import { Station, type StationConfig } from './station';

/** Feeds a station with Poisson arrivals (rate λ per ms) for `customers` arrivals, runs it dry. */
function simulate(lambdaPerMs: number, config: StationConfig, customers: number, seed = 7) {
  const sim = new Simulation(seed);
  const station = new Station(sim, sim.rng.split('station'), config);
  const arrivals = sim.rng.split('arrivals');
  let left = customers;
  const arrive = (): void => {
    station.arrive(null);
    if (--left > 0) sim.schedule(arrivals.exponential(1 / lambdaPerMs), arrive, undefined);
  };
  sim.schedule(arrivals.exponential(1 / lambdaPerMs), arrive, undefined);
  let lastArrival = 0;
  while (sim.step()) if (left > 0) lastArrival = sim.now;
  return { station, sim, span: lastArrival };
}

const within = (actual: number, expected: number, tolerance = 0.03) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(tolerance);

describe('queues agree with queueing theory', () => {
  it("M/M/1 (λ=80/s, μ=100/s): L=4, Lq=3.2, W=50 ms, and Little's law", () => {
    const lambda = 0.08; // per ms
    const { station, span } = simulate(
      lambda,
      { servers: 1, service: { kind: 'exponential', mean: 10 } },
      1_500_000,
    );
    const theory = mm1(80, 100);
    within(station.sojourn.mean(), theory.W * 1000);
    within(station.wait.mean(), theory.Wq * 1000);
    within(station.inSystem.mean(span), theory.L);
    within(station.waitingCount.mean(span), theory.Lq);
    // Little: L = λW with the measured λ.
    const measuredLambda = station.arrivals.value / span;
    within(station.inSystem.mean(span), measuredLambda * station.sojourn.mean(), 0.02);
  }, 60_000);

  it('M/M/c (c=2, λ=160/s, μ=100/s): C=0.7111, Lq=2.844, W=27.8 ms', () => {
    const theory = mmc(2, 160, 100);
    expect(theory.C).toBeCloseTo(0.7111, 4);
    expect(theory.Lq).toBeCloseTo(2.844, 3);
    const { station, span } = simulate(
      0.16,
      { servers: 2, service: { kind: 'exponential', mean: 10 } },
      1_500_000,
    );
    within(station.sojourn.mean(), theory.W * 1000);
    within(station.wait.mean(), theory.Wq * 1000);
    within(station.waitingCount.mean(span), theory.Lq);
    within(station.inSystem.mean(span), theory.L);
  }, 60_000);

  it('M/M/c with c=8 at ρ=0.9', () => {
    const theory = mmc(8, 720, 100);
    const { station, span } = simulate(
      0.72,
      { servers: 8, service: { kind: 'exponential', mean: 10 } },
      1_500_000,
      11,
    );
    within(station.wait.mean(), theory.Wq * 1000, 0.05);
    within(station.inSystem.mean(span), theory.L);
  }, 60_000);

  it('M/D/1 (λ=80/s, service 10 ms): Lq=1.6, W=30 ms', () => {
    const theory = md1(80, 0.01);
    expect(theory.Lq).toBeCloseTo(1.6, 6);
    const { station, span } = simulate(
      0.08,
      { servers: 1, service: { kind: 'constant', value: 10 } },
      1_000_000,
    );
    within(station.sojourn.mean(), theory.W * 1000);
    within(station.waitingCount.mean(span), theory.Lq);
  }, 60_000);

  it('Erlang B (c=2, a=1.6, no waiting room): 33% blocked', () => {
    expect(erlangB(2, 1.6)).toBeCloseTo(0.33, 2);
    const { station } = simulate(
      0.16,
      { servers: 2, service: { kind: 'exponential', mean: 10 }, capacity: 0 },
      500_000,
    );
    within(station.blocked.value / station.arrivals.value, erlangB(2, 1.6));
  }, 60_000);
});
