import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionOf } from '../kit';
import {
  compareTable,
  createSideRun,
  defaultParams,
  createRun,
  findPattern,
  formatParamValue,
  parseParamValue,
  patterns,
  resolveSide,
  runComparison,
  splitSideSettings,
  COMPARE_FIGURES,
  type Pattern,
} from '.';

function pattern(id: string): Pattern {
  const p = findPattern(id);
  if (!p) throw new Error(id);
  return p;
}

describe('comparisons the patterns offer', () => {
  it('name patterns of the registry and valid values of their parameters', () => {
    const offers = patterns.flatMap((p) => (p.comparisons ?? []).map((c) => ({ p, c })));
    expect(offers.length).toBeGreaterThanOrEqual(3);
    for (const { c } of offers)
      for (const side of [c.a, c.b]) {
        const target = findPattern(side.pattern);
        expect(target, `${c.id}: ${side.pattern}`).toBeDefined();
        for (const [id, value] of Object.entries(side.params ?? {})) {
          const spec = target?.params.find((s) => s.id === id);
          expect(spec, `${c.id}: ${side.pattern}.${id}`).toBeDefined();
          if (spec) expect(parseParamValue(spec, formatParamValue(value))).toEqual({ value });
        }
      }
  });

  it('include "single vs multiple gateways" and "with vs without the queue"', () => {
    const ids = (id: string) => (pattern(id).comparisons ?? []).map((c) => c.id);
    expect(ids('api-gateway-single')).toContain('single-vs-multiple-gateways');
    expect(ids('api-gateway-multiple')).toContain('single-vs-multiple-gateways');
    expect(ids('message-decoupling-sqs')).toContain('with-vs-without-queue');
  });

  it('are checked by the kit schema', () => {
    const base = definitionOf(pattern('message-decoupling-sqs'));
    const offer = {
      id: 'x',
      label: 'X',
      description: 'x',
      a: { pattern: base.id, label: 'a' },
      b: { pattern: base.id, label: 'b', params: { nope: 1 } },
    };
    expect(checkDefinition({ ...base, comparisons: [offer] })).toEqual([
      { path: 'comparisons[0].b.params.nope', message: 'unknown parameter "nope"' },
    ]);
    const elsewhere = { ...offer, a: { pattern: 'pubsub-sns', label: 'a' }, b: offer.a };
    expect(checkDefinition({ ...base, comparisons: [elsewhere, elsewhere] })).toEqual([
      { path: 'comparisons[1].id', message: 'duplicate comparisons id "x"' },
    ]);
    const notMine = {
      ...offer,
      a: { pattern: 'pubsub-sns', label: 'a' },
      b: { pattern: 'message-bus', label: 'b' },
    };
    expect(checkDefinition({ ...base, comparisons: [notMine] })[0]?.path).toBe('comparisons[0]');
    expect(checkDefinition({ ...base, comparisons: [{ ...offer, extra: 1 }] })[0]?.path).toBe(
      'comparisons[0]',
    );
  });
});

describe('splitSideSettings', () => {
  it("gives a. to A, b. to B, plain ids to both, a side's own value winning", () => {
    expect(splitSideSettings({ 'b.x': '2', x: '1', 'a.y': '3' })).toEqual({
      a: { x: '1', y: '3' },
      b: { x: '2' },
      errors: [],
    });
    expect(splitSideSettings({ 'c.x': '1' }).errors[0]).toMatch(/"c\.x"/);
  });
  it('resolveSide names the side in each error', () => {
    const r = resolveSide('b', pattern('message-bus'), { nope: '1' });
    expect(r.errors[0]?.message).toMatch(/^B: Unknown parameter "nope"/);
  });
});

describe('runComparison', () => {
  it('gives each side what a separate run with the same seed gives, and a table from them', () => {
    const p = pattern('message-decoupling-sqs');
    const a = resolveSide('a', p, { paymentRate: '30' }).params;
    const b = resolveSide('b', p, { paymentRate: '30', withoutQueue: 'true' }).params;
    const result = runComparison(
      { pattern: p, params: a },
      { pattern: p, params: b },
      { seed: 5, durationS: 30 },
    );
    const alone = (params: typeof a) => {
      const run = createRun(p, params, { seed: 5 });
      run.advanceTo(30_000);
      return run.summary();
    };
    expect(result.a).toEqual(alone(a));
    expect(result.b).toEqual(alone(b));
    expect(result.table).toEqual(
      compareTable({ summary: result.a, pattern: p }, { summary: result.b, pattern: p }),
    );
    expect(result.table.map((r) => r.id)).toEqual(COMPARE_FIGURES);
    const row = (id: string) => result.table.find((r) => r.id === id);
    // Both saw the same payments arrive.
    expect(result.a.nodes.user?.sent).toBe(result.b.nodes.user?.sent);
    // The queue keeps a backlog where, without it, Sales is throttled and payments are lost.
    expect(row('backlog')?.a).toBe(
      (result.a.nodes.salesQueue?.visible ?? 0) + (result.a.nodes.salesQueue?.delayed ?? 0),
    );
    expect(row('throttles')?.b).toBe(result.b.nodes.sales?.throttles);
    expect(row('lost')?.b).toBe(result.b.ledger.dropped.throttled);
    expect(row('lost')?.a).toBe(0);
    expect(row('p99Ms')?.b).toBe(result.b.flows.response?.p99Ms);
    expect(row('throughputPerS')?.a).toBeCloseTo(result.a.ledger.completed / 30, 3);
    expect(row('monthlyUsd')?.b).toBeCloseTo(result.b.cost.total, 3);
  }, 60_000);

  it('counts API Gateway 429s as throttles (single vs multiple gateways, noisy /sales)', () => {
    const offer = pattern('api-gateway-single').comparisons?.[0];
    if (!offer) throw new Error('no offer');
    const side = (ref: typeof offer.a) => ({
      pattern: pattern(ref.pattern),
      params: { ...resolveSide('a', pattern(ref.pattern), {}).params, ...ref.params },
    });
    const result = runComparison(side(offer.a), side(offer.b), { seed: 1, durationS: 20 });
    const sum = (s: typeof result.a, p: Pattern, kind: string, stat: string) =>
      p.nodes
        .filter((n) => n.kind === kind)
        .reduce((total, n) => total + (s.nodes[n.id]?.[stat] ?? 0), 0);
    const expected = (s: typeof result.a, id: string) => {
      const p = pattern(id);
      return (
        sum(s, p, 'apiGateway', 'throttled') +
        sum(s, p, 'lambda', 'throttles') +
        sum(s, p, 'sns', 'throttled')
      );
    };
    const row = result.table.find((r) => r.id === 'throttles');
    expect(sum(result.a, pattern(offer.a.pattern), 'apiGateway', 'throttled')).toBeGreaterThan(0);
    expect(row?.a).toBe(expected(result.a, offer.a.pattern));
    expect(row?.b).toBe(expected(result.b, offer.b.pattern));
  }, 60_000);
});

describe('the comparison table before anything completes', () => {
  it('has no latency (null, shown "–"), not a latency of 0 ms', () => {
    const p = findPattern('message-decoupling-sqs');
    if (!p) throw new Error('pattern');
    const side = { pattern: p, params: defaultParams(p) };
    const a = createSideRun(side, { seed: 1 });
    const b = createSideRun(side, { seed: 1 });
    const early = compareTable(
      { summary: a.summary(), pattern: p },
      { summary: b.summary(), pattern: p },
    );
    for (const id of ['p50Ms', 'p95Ms', 'p99Ms'])
      expect(early.find((r) => r.id === id)).toMatchObject({ a: null, b: null });
    a.advanceTo(5000);
    b.advanceTo(5000);
    const later = compareTable(
      { summary: a.summary(), pattern: p },
      { summary: b.summary(), pattern: p },
    );
    expect(later.find((r) => r.id === 'p50Ms')?.a).toBeGreaterThan(0);
  });
});
