import { describe, expect, it } from 'vitest';
import { HopKind, type Hop } from '../engine';
import { HopBuffer, MAX_VISIBLE_DOTS } from './hopBuffer';

function hop(msgId: number, departMs: number, arriveMs: number, reverse = false): Hop {
  return {
    msgId,
    edgeId: reverse ? 'back' : 'e',
    departMs,
    arriveMs,
    kind: HopKind.Normal,
    reverse,
  };
}

describe('HopBuffer', () => {
  it('keeps dots until they arrive, stretched to the minimum duration', () => {
    const buffer = new HopBuffer(16);
    buffer.addHops([hop(1, 0, 10), hop(2, 0, 100)]);
    buffer.compact(50, 0);
    expect(buffer.count).toBe(1);
    buffer.addHops([hop(3, 50, 55)]);
    buffer.compact(80, 40);
    expect(buffer.count).toBe(2);
  });

  it('samples by message when there are too many dots, and says how many', () => {
    const buffer = new HopBuffer();
    const many = Array.from({ length: MAX_VISIBLE_DOTS * 10 }, (_, i) => hop(i + 1, 0, 1000));
    buffer.addHops(many);
    buffer.compact(0, 0);
    expect(buffer.sampleN).toBeGreaterThanOrEqual(10);
    const before = buffer.count;
    buffer.addHops(many.map((h) => ({ ...h, msgId: h.msgId + many.length })));
    expect(buffer.count - before).toBeLessThanOrEqual(Math.ceil(many.length / buffer.sampleN) + 1);
    // Back down once they have arrived.
    buffer.compact(2000, 0);
    expect(buffer.count).toBe(0);
    expect(buffer.sampleN).toBe(1);
  });

  it('counts messages per edge without their responses', () => {
    const buffer = new HopBuffer();
    buffer.addHops([hop(1, 0, 1), hop(1, 1, 2, true), hop(2, 0, 1)]);
    expect(buffer.edgeTotals[buffer.indexOf('e')]).toBe(2);
    expect(buffer.edgeTotals[buffer.indexOf('back')]).toBe(0);
    expect(buffer.totalHops).toBe(3);
  });
});
