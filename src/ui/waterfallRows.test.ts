import { describe, expect, it } from 'vitest';
import type { Span, TraceRecord } from '../engine';
import { axisTicks, waterfallRows } from './waterfallRows';

const span = (index: number, parent: number, startMs: number, endMs: number): Span => ({
  index,
  edgeId: `e${index}`,
  from: 'a',
  to: 'b',
  path: undefined,
  parent,
  startMs,
  endMs,
  status: 200,
  ok: true,
});

describe('waterfallRows', () => {
  it('orders calls as a tree and places them on one time axis', () => {
    const trace: TraceRecord = {
      msgId: 1,
      entry: 'user',
      startMs: 100,
      endMs: 200,
      status: 200,
      ok: true,
      // Two children of the root, the second started first in the list but later in time.
      spans: [
        span(0, -1, 100, 200),
        span(1, 0, 110, 150),
        span(2, 1, 120, 140),
        span(3, 0, 150, 190),
      ],
    };
    const { rows, spanMs } = waterfallRows(trace);
    expect(spanMs).toBe(100);
    expect(rows.map((r) => [r.span.index, r.depth])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    expect(rows[2]).toMatchObject({ offsetMs: 20, durationMs: 20, left: 0.2, width: 0.2 });
  });

  it('an unanswered call has no width yet', () => {
    const trace: TraceRecord = {
      msgId: 1,
      entry: 'user',
      startMs: 0,
      endMs: NaN,
      status: undefined,
      ok: false,
      spans: [span(0, -1, 0, NaN), span(1, 0, 10, 30)],
    };
    const { rows, spanMs } = waterfallRows(trace);
    expect(spanMs).toBe(30);
    expect(rows[0]!.width).toBe(0);
  });

  it('ticks at round steps', () => {
    expect(axisTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(37)).toEqual([0, 10, 20, 30]);
  });
});
