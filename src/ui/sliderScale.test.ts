import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../patterns';
import { LOG_STEPS, fromPosition, nudgeLog, sliderKeyDirection, toPosition } from './sliderScale';

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;
const rate: NumberSpec = {
  id: 'paymentRate',
  kind: 'number',
  label: 'Payment rate',
  unit: 'msg/s',
  min: 0,
  max: 5000,
  step: 1,
  default: 10,
  log: true,
  description: '',
};

describe('log slider keys', () => {
  it('one position rounds back to the same value near the low end (the bug)', () => {
    expect(fromPosition(rate, toPosition(rate, 10) + 1)).toBe(10);
  });

  it('every arrow press moves to the next different value, both ways', () => {
    expect(nudgeLog(rate, 10, 1)).toBe(11);
    expect(nudgeLog(rate, 10, -1)).toBe(9);
    expect(nudgeLog(rate, 0, 1)).toBe(1);
    expect(nudgeLog(rate, 1, -1)).toBe(0);
    // Near the top a position is worth several units: the move follows the log scale.
    const high = nudgeLog(rate, 4000, 1);
    expect(high).toBeGreaterThan(4000);
    expect(high - 4000).toBeLessThan(100);
  });

  it('walks the whole range without getting stuck', () => {
    let value = rate.min;
    let presses = 0;
    while (value < rate.max && presses < 5000) {
      const next = nudgeLog(rate, value, 1);
      expect(next).toBeGreaterThan(value);
      value = next;
      presses++;
    }
    expect(value).toBe(rate.max);
    expect(presses).toBeLessThan(LOG_STEPS);
  });

  it('stays put at the ends and pages by bigger moves', () => {
    expect(nudgeLog(rate, 5000, 1)).toBe(5000);
    expect(nudgeLog(rate, 0, -1)).toBe(0);
    const paged = nudgeLog(rate, 10, 1, true);
    expect(paged).toBeGreaterThan(nudgeLog(rate, 10, 1));
  });

  it('maps keys to directions', () => {
    expect(sliderKeyDirection('ArrowUp')).toEqual({ direction: 1, page: false });
    expect(sliderKeyDirection('PageDown')).toEqual({ direction: -1, page: true });
    expect(sliderKeyDirection('Home')).toBeNull();
  });
});
