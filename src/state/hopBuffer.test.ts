import { describe, expect, it } from 'vitest';
import { HopKind, type Hop } from '../engine';
import { DEFAULT_EDGE_ROOM, HopBuffer, MAX_DOTS, shownArriveMs } from './hopBuffer';

function hop(
  msgId: number,
  departMs: number,
  arriveMs: number,
  reverse = false,
  edgeId = 'e',
): Hop {
  return {
    msgId,
    edgeId: reverse ? 'back' : edgeId,
    departMs,
    arriveMs,
    kind: HopKind.Normal,
    reverse,
  };
}

describe('HopBuffer', () => {
  it('keeps dots until they arrive, stretched to at least the minimum duration', () => {
    const buffer = new HopBuffer(16);
    buffer.addHops([hop(1, 0, 10), hop(2, 0, 100)]);
    buffer.compact(50, 0);
    expect(buffer.count).toBe(1);
    buffer.addHops([hop(3, 50, 55)]);
    buffer.compact(80, 40);
    expect(buffer.count).toBe(2);
  });

  it('draws every message while its edge has room', () => {
    const buffer = new HopBuffer();
    const some = Array.from({ length: DEFAULT_EDGE_ROOM }, (_, i) => hop(i + 1, 0, 1000));
    buffer.addHops(some);
    buffer.compact(0, 0);
    expect(buffer.count).toBe(DEFAULT_EDGE_ROOM);
    expect(buffer.sampleN).toBe(1);
  });

  it('thins only the edge that has too many, and says by how much', () => {
    const buffer = new HopBuffer();
    const busy = Array.from({ length: DEFAULT_EDGE_ROOM * 10 }, (_, i) => hop(i + 1, 0, 1000));
    const quiet = Array.from({ length: 5 }, (_, i) => hop(100_000 + i, 0, 1000, false, 'q'));
    buffer.addHops([...busy, ...quiet]);
    buffer.compact(0, 0);
    const e = buffer.indexOf('e');
    const q = buffer.indexOf('q');
    expect(buffer.edgeSampleN[e]).toBeGreaterThanOrEqual(10);
    expect(buffer.edgeSampleN[q]).toBe(1);
    expect(buffer.sampleN).toBe(buffer.edgeSampleN[e]);
    const before = buffer.count;
    buffer.addHops(busy.map((h) => ({ ...h, msgId: h.msgId + busy.length })));
    buffer.addHops(quiet.map((h) => ({ ...h, msgId: h.msgId + 10 })));
    const n = buffer.edgeSampleN[e] as number;
    expect(buffer.count - before).toBeLessThanOrEqual(Math.ceil(busy.length / n) + 1 + 5);
    // The estimate of messages in flight stays right although few are drawn.
    buffer.compact(0, 0);
    expect(buffer.edgeInFlight[e]).toBeGreaterThan(busy.length * 1.5);
    // Back down once they have arrived.
    buffer.compact(2000, 0);
    expect(buffer.count).toBe(0);
    expect(buffer.sampleN).toBe(1);
  });

  it('gives a long edge more room than a short one, within the total', () => {
    const buffer = new HopBuffer();
    const e = buffer.indexOf('e');
    buffer.setRoom(e, 400);
    buffer.addHops(Array.from({ length: 400 }, (_, i) => hop(i + 1, 0, 1000)));
    buffer.compact(0, 0);
    expect(buffer.edgeSampleN[e]).toBe(1);
    for (let i = 0; i < 100; i++) buffer.setRoom(buffer.indexOf(`x${i}`), MAX_DOTS);
    buffer.compact(0, 0);
    expect(buffer.edgeSampleN[e]).toBeGreaterThan(1);
  });

  it('counts messages per edge without their responses', () => {
    const buffer = new HopBuffer();
    buffer.addHops([hop(1, 0, 1), hop(1, 1, 2, true), hop(2, 0, 1)]);
    expect(buffer.edgeTotals[buffer.indexOf('e')]).toBe(2);
    expect(buffer.edgeTotals[buffer.indexOf('back')]).toBe(0);
    expect(buffer.totalHops).toBe(3);
  });
});

describe('shownArriveMs', () => {
  it('leaves hops alone when nothing is stretched, and long hops as they are', () => {
    expect(shownArriveMs(10, 20, 0)).toBe(20);
    expect(shownArriveMs(0, 100_000, 500)).toBe(100_000);
  });

  it('stretches short hops, slower ones more: latency stays visible as speed', () => {
    const fast = shownArriveMs(0, 2, 30_000);
    const slow = shownArriveMs(0, 200, 30_000);
    expect(fast).toBeGreaterThanOrEqual(30_000);
    expect(slow).toBeGreaterThan(fast * 1.5);
  });
});
