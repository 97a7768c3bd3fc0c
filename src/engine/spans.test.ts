import { describe, expect, it } from 'vitest';
import { SpanLog } from './spans';

describe('SpanLog', () => {
  it('records nothing while disabled', () => {
    const log = new SpanLog();
    expect(log.start(1, 'e', 'a', 'b', undefined, 0)).toBe(-1);
    expect(log.recent()).toEqual([]);
  });

  it('keeps a trace per message, finished when its first call is answered', () => {
    const log = new SpanLog();
    log.enabled = true;
    const root = log.start(7, 'userToApi', 'user', 'api', '/p', 0);
    const inner = log.start(7, 'apiToFn', 'api', 'fn', '/p', 2);
    expect(log.recent()).toEqual([]);
    log.end(inner, 8, { ok: true, status: 200 });
    log.end(root, 10, { ok: true, status: 200 });
    const [trace] = log.recent();
    expect(trace).toMatchObject({ msgId: 7, entry: 'user', startMs: 0, endMs: 10, status: 200 });
    expect(trace!.spans.map((s) => [s.edgeId, s.parent])).toEqual([
      ['userToApi', -1],
      ['apiToFn', 0],
    ]);
  });

  it('prefers the running call with the same path as the parent (parallel calls through one gateway)', () => {
    const log = new SpanLog();
    log.enabled = true;
    log.start(1, 'in', 'user', 'fn', undefined, 0);
    const a = log.start(1, 'fnToGw', 'fn', 'gw', '/a', 1);
    log.start(1, 'fnToGw', 'fn', 'gw', '/b', 1);
    log.start(1, 'gwToB', 'gw', 'b', '/b', 2);
    log.start(1, 'gwToA', 'gw', 'a', '/a', 2);
    log.end(a, 5, { ok: true });
    const spans = log.trace(1)!.spans;
    expect(spans[3]!.parent).toBe(2);
    expect(spans[4]!.parent).toBe(1);
  });

  it('stays bounded: fewer messages are traced while too many are open, and old ones are forgotten', () => {
    const log = new SpanLog(10, 5);
    log.enabled = true;
    const handles: number[] = [];
    for (let id = 0; id < 100; id++) handles.push(log.start(id, 'e', 'a', 'b', undefined, id));
    expect(log.sampleEvery).toBeGreaterThan(1);
    expect(handles.filter((h) => h >= 0).length).toBeLessThan(40);
    for (const h of handles) log.end(h, 200, { ok: true });
    expect(log.recent(100).length).toBeLessThanOrEqual(5);
  });

  it('starts at most maxPerSecond traces per simulated second', () => {
    const log = new SpanLog(400, 200, 3);
    log.enabled = true;
    const traced = (from: number) =>
      [0, 1, 2, 3, 4]
        .map((i) => log.start(from + i, 'e', 'a', 'b', undefined, from * 100 + i))
        .filter((h) => h >= 0).length;
    expect(traced(0)).toBe(3);
    expect(traced(10)).toBe(3); // one second later
  });
});
