import { describe, expect, it } from 'vitest';
import { defaultParams, findPattern } from '../patterns';
import { stepRestarts, unusedReason, visibleCharts } from './paramConditions';

const pattern = findPattern('message-decoupling-sqs')!;
const defaults = defaultParams(pattern);
const withoutQueue = { ...defaults, withoutQueue: true };

describe('conditions on parameters', () => {
  it('hides the charts whose condition does not hold', () => {
    const all = visibleCharts(pattern.charts, defaults).map((c) => c.id);
    expect(all).toEqual(pattern.charts.map((c) => c.id));
    const shown = visibleCharts(pattern.charts, withoutQueue);
    expect(shown.length).toBeLessThan(pattern.charts.length);
    for (const chart of shown) expect(chart.visibleWhen).toBeUndefined();
  });

  it('explains why a queue-only parameter is not used without the queue', () => {
    const queueOnly = pattern.params.find((p) => p.usedWhen)!;
    expect(unusedReason(queueOnly, pattern, defaults)).toBeNull();
    expect(unusedReason(queueOnly, pattern, withoutQueue)).toBe(
      'Not used while “Without the queue” is on.',
    );
    const rate = pattern.params.find((p) => p.id === 'paymentRate')!;
    expect(unusedReason(rate, pattern, withoutQueue)).toBeNull();
  });

  it('marks guide steps that flip a switch as restarting', () => {
    expect(stepRestarts({ paymentRate: 40 }, pattern, defaults)).toBe(false);
    expect(stepRestarts({ withoutQueue: true, paymentRate: 40 }, pattern, defaults)).toBe(true);
    expect(stepRestarts({ withoutQueue: true }, pattern, withoutQueue)).toBe(false);
    expect(stepRestarts(undefined, pattern, defaults)).toBe(false);
  });
});
