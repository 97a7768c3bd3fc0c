import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket';
import { QUOTA_PERIOD_MS, UsagePlan } from './usagePlan';

describe('TokenBucket bursts', () => {
  it('lets the first `burst` requests of a burst through, and refuses the next one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        (rate, burst, quietMs) => {
          const bucket = new TokenBucket(rate, burst, 0);
          // However long it was quiet, a bucket is full: a burst at one instant.
          const at = quietMs;
          let passed = 0;
          while (bucket.tryTake(at)) passed++;
          expect(passed).toBe(burst);
          expect(bucket.tryTake(at)).toBe(false);
        },
      ),
    );
  });
});

describe('UsagePlan', () => {
  const plan = (quotaLimit?: number) =>
    new UsagePlan({ rateLimitPerS: 10, burst: 5, quotaLimit, quotaPeriod: 'DAY' });

  it('refuses a request without a valid key (403)', () => {
    const p = plan();
    expect(p.admit(undefined, 0)).toBe('forbidden');
    expect(p.counts.forbidden).toBe(1);
  });

  it('throttles each key on its own bucket: one key over its burst, another untouched', () => {
    const p = plan();
    const a = Array.from({ length: 7 }, () => p.admit('a', 0));
    expect(a).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'throttled', 'throttled']);
    expect(p.admit('b', 0)).toBe('ok');
    // 100 ms later key a has one token again (10/s).
    expect(p.admit('a', 100)).toBe('ok');
    expect(p.admit('a', 100)).toBe('throttled');
    expect(p.counts.keyThrottled).toBe(3);
  });

  it('a key over its quota gets "Limit Exceeded" until the next period', () => {
    const p = plan(3);
    const at = (s: number) => s * 1000;
    expect([0, 1, 2, 3, 4].map((s) => p.admit('k', at(s)))).toEqual([
      'ok',
      'ok',
      'ok',
      'quotaExceeded',
      'quotaExceeded',
    ]);
    expect(p.remaining('k', at(4))).toBe(0);
    expect(p.admit('k', QUOTA_PERIOD_MS.DAY)).toBe('ok');
    expect(p.remaining('k', QUOTA_PERIOD_MS.DAY)).toBe(2);
    expect(p.counts.quotaExceeded).toBe(2);
  });

  it('over any window a key is admitted at most burst + rate·T requests, and never past its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat(200), { minLength: 1, maxLength: 300 }),
        (rate, burst, quota, gaps) => {
          const p = new UsagePlan({
            rateLimitPerS: rate,
            burst,
            quotaLimit: quota,
            quotaPeriod: 'DAY',
          });
          let t = 0;
          const ok: number[] = [];
          for (const g of gaps) {
            t += g;
            if (p.admit('k', t) === 'ok') ok.push(t);
          }
          expect(ok.length).toBeLessThanOrEqual(quota);
          for (let i = 0; i < ok.length; i++) {
            const T = ((ok[ok.length - 1] as number) - (ok[i] as number)) / 1000;
            expect(ok.length - i).toBeLessThanOrEqual(burst + rate * T + 1e-9);
          }
        },
      ),
    );
  });
});
