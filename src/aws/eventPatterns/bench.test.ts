import { describe, expect, it } from 'vitest';
import { BENCH_RULES, benchEvent, runEventPatternBenchmark } from './bench';
import { benchEventPatternMatching, validateEventPattern } from './index';

describe('pattern matching benchmark', () => {
  it('uses 20 valid rules and events of about 1 KB', () => {
    expect(BENCH_RULES).toHaveLength(20);
    for (const rule of BENCH_RULES) expect(validateEventPattern(rule)).toEqual({ ok: true });
    const size = JSON.stringify(benchEvent(3)).length;
    expect(size).toBeGreaterThan(800);
    expect(size).toBeLessThan(1300);
  });

  it('reports throughput from the supplied clock', () => {
    let t = 0;
    const clock = (): number => (t += 1); // each reading advances 1 ms
    const result = runEventPatternBenchmark(clock, 3);
    expect(result.rules).toBe(20);
    expect(result.evaluations).toBe(3 * 64 * 20);
    expect(result.hits).toBeGreaterThan(0);
    expect(result.hits).toBeLessThan(result.evaluations);
    expect(result.matchesPerSecond).toBeCloseTo(result.evaluations / 0.003);
    t = 0;
    expect(benchEventPatternMatching(clock, 3)).toBeGreaterThan(0);
  }, 60_000);
});
