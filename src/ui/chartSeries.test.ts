import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../patterns';
import { emptySnapshot } from '../state/simStore';
import { rateWindowPoints, seriesStrokes, smooth, totalOf } from './chartSeries';

describe('smooth', () => {
  it('turns a barcode of 0s and 1s into its rate', () => {
    const barcode = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const out = smooth(barcode, 20);
    for (const v of out.slice(20)) expect(v).toBeCloseTo(0.25, 5);
  });

  it('keeps gaps and skips them in the mean', () => {
    expect(smooth([1, null, 3, 5], 2)).toEqual([1, null, 3, 4]);
    expect(smooth([2, 4], 1)).toEqual([2, 4]);
  });

  it('measures its window in seconds whatever the history has merged', () => {
    expect(rateWindowPoints(1, 1000)).toBe(10);
    expect(rateWindowPoints(4, 1000)).toBe(3);
    expect(rateWindowPoints(64, 1000)).toBe(1);
  });
});

describe('totalOf', () => {
  it('reads the same totals as the cards and the ledger', () => {
    const live = emptySnapshot();
    live.nodeStats = { sales: { errors: 286 } };
    live.ledger = { ...live.ledger, dropped: { throttled: 3, filteredOut: 5 } };
    expect(totalOf({ node: 'sales', stat: 'errors', rate: true }, live)).toBe(286);
    expect(totalOf({ ledger: 'lost', rate: true }, live)).toBe(3);
    expect(totalOf({ ledger: 'dropped' }, live)).toBe(8);
    expect(totalOf({ flow: 'f', rate: true }, live)).toBeUndefined();
  });
});

describe('seriesStrokes', () => {
  const spec = (colours: string[]): ChartSpec => ({
    id: 'c',
    title: 'c',
    unit: 'per s',
    series: colours.map((color, i) => ({
      id: `s${i}`,
      label: `s${i}`,
      color,
      source: { ledger: 'lost' },
    })),
  });

  it('dashes a series whose colour is close to an earlier one, each differently', () => {
    const strokes = seriesStrokes(spec(['#f59e0b', '#dc2626', '#8c4fff', '#7f1d1d', '#b91c1c']));
    expect(strokes[0]?.dash).toBeUndefined();
    expect(strokes[1]?.dash).toBeUndefined();
    expect(strokes[2]?.dash).toBeUndefined();
    expect(strokes[3]?.dash).toBeDefined();
    expect(strokes[4]?.dash).toBeDefined();
    expect(strokes[4]?.dash).not.toEqual(strokes[3]?.dash);
  });

  it('draws earlier series wider, so an exact overlap still shows both', () => {
    const strokes = seriesStrokes(spec(['#000000', '#00ff00']));
    expect((strokes[0]?.width ?? 0) > (strokes[1]?.width ?? 0)).toBe(true);
  });
});
