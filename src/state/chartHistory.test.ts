import { describe, expect, it } from 'vitest';
import { MetricsSampler } from '../engine';
import { ChartHistory, HISTORY_POINTS } from './chartHistory';

function sampler(capacity: number) {
  const s = new MetricsSampler(1000, capacity);
  let t = 0;
  let value = 0;
  s.add({ id: 'ramp', label: 'ramp', unit: '', read: () => value });
  s.add({ id: 'gappy', label: 'gappy', unit: '', read: () => (t % 2000 === 0 ? NaN : 1) });
  return {
    sampler: s,
    tick(n: number) {
      for (let i = 0; i < n; i++) {
        t += 1000;
        value = t / 1000;
        s.sample(t);
      }
    },
  };
}

describe('ChartHistory', () => {
  it('keeps every sample of a short run', () => {
    const src = sampler(3600);
    const history = new ChartHistory();
    src.tick(10);
    history.update(src.sampler);
    src.tick(5);
    history.update(src.sampler);
    history.update(src.sampler);
    expect(history.xs()).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(history.ys('ramp')).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(history.ys('gappy').filter((v) => v === null)).toHaveLength(7);
    expect(history.ys('unknown')).toHaveLength(15);
  });

  it('shows a whole day from t = 0 in a bounded number of points', () => {
    const src = sampler(3600);
    const history = new ChartHistory();
    // A day at one sample per second, read 100 samples at a time (1,000× at ten publishes a second).
    for (let i = 0; i < 864; i++) {
      src.tick(100);
      history.update(src.sampler);
    }
    const xs = history.xs();
    expect(xs.length).toBeLessThanOrEqual(HISTORY_POINTS + 1);
    expect(xs.length).toBeGreaterThan(HISTORY_POINTS / 4);
    expect(xs[0]).toBeLessThan(200);
    expect(xs[xs.length - 1]).toBe(86_400);
    // Points are means of their samples: the ramp stays a ramp, within a bucket.
    const ys = history.ys('ramp');
    for (let i = 1; i < ys.length; i++)
      expect(ys[i] as number).toBeGreaterThan(ys[i - 1] as number);
    const last = ys[ys.length - 2] as number;
    expect(Math.abs(last - (xs[xs.length - 2] as number))).toBeLessThanOrEqual(history.bucket);
    // Gaps average out instead of erasing points.
    expect(
      history
        .ys('gappy')
        .slice(0, -1)
        .every((v) => v === 1),
    ).toBe(true);
  }, 60_000);
});
