import { describe, expect, it } from 'vitest';
import { defaultParams, findPattern, patterns, type Pattern } from '../patterns';
import {
  buildCompareSearch,
  isCompareSearch,
  offerSearch,
  parseCompareLocation,
  sideLabels,
} from './compareUrl';
import { parseLocation } from './url';

const parse = (search: string) => parseCompareLocation(search, patterns);

function pattern(id: string): Pattern {
  const p = findPattern(id);
  if (!p) throw new Error(id);
  return p;
}

describe('the compare address', () => {
  it('leaves single-pattern links alone', () => {
    const search = '?pattern=message-decoupling-sqs&paymentRate=40&seed=7';
    expect(isCompareSearch(search)).toBe(false);
    expect(parseLocation(search, patterns).errors).toEqual([]);
    expect(isCompareSearch('?compare=message-bus')).toBe(true);
  });

  it('reads side A, side B, shared settings and the seed', () => {
    const loc = parse(
      '?compare=message-decoupling-sqs&vs=message-decoupling-sqs&paymentRate=30&b.withoutQueue=true&a.paymentRate=25&seed=9',
    );
    expect(loc.errors).toEqual([]);
    expect(loc.seed).toBe(9);
    expect(loc.a.params).toMatchObject({ paymentRate: 25, withoutQueue: false });
    expect(loc.b.params).toMatchObject({ paymentRate: 30, withoutQueue: true });
  });

  it('ignores a pattern or a seed given per side, and says so', () => {
    const loc = parse('?compare=message-bus&pattern=pubsub-sns&b.seed=4&seed=2');
    expect(loc.a.pattern.id).toBe('message-bus');
    expect(loc.b.pattern.id).toBe('message-bus');
    expect(loc.seed).toBe(2);
    expect(loc.errors).toEqual([
      expect.stringMatching(/^Ignored "pattern"/),
      expect.stringMatching(/^Ignored "b\.seed"/),
    ]);
  });

  it('without vs compares a pattern with itself', () => {
    const loc = parse('?compare=message-bus&b.consumerBUp=false');
    expect(loc.a.pattern.id).toBe('message-bus');
    expect(loc.b.pattern.id).toBe('message-bus');
  });

  it('round-trips through buildCompareSearch, edited rules included', () => {
    const a = pattern('pubsub-sns');
    const b = pattern('pubsub-sns');
    const rule = { type: ['refund'] };
    const edge = a.edges.find((e) => e.kind === 'subscription');
    if (!edge) throw new Error('no subscription');
    const search = buildCompareSearch(
      { pattern: a, params: { ...defaultParams(a), publishRate: 5 }, rules: { [edge.id]: rule } },
      { pattern: b, params: defaultParams(b) },
      4,
    );
    expect(search).toMatch(/^\?compare=pubsub-sns&vs=pubsub-sns&a\.publishRate=5&a\.rule\./);
    const loc = parse(search);
    expect(loc.errors).toEqual([]);
    expect(loc.seed).toBe(4);
    expect(loc.a.params.publishRate).toBe(5);
    expect(loc.a.rules).toEqual({ [edge.id]: rule });
    expect(loc.b.rules).toEqual({});
  });

  it('reports each bad part with its side and keeps going', () => {
    const loc = parse('?compare=nope&vs=message-bus&b.bogus=1&a.x.y=2&c.z=1&seed=-3');
    expect(loc.a.pattern.id).toBe(patterns[0]?.id);
    expect(loc.b.pattern.id).toBe('message-bus');
    expect(loc.seed).toBe(1);
    expect(loc.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^A: Unknown pattern "nope"/),
        expect.stringMatching(/^B: Unknown parameter "bogus"/),
        expect.stringMatching(/^Ignored "c\.z"/),
        expect.stringMatching(/seed must be a whole number/),
      ]),
    );
  });

  it("opens a pattern's offer with its settings, and names the sides by the offer", () => {
    const offer = pattern('message-decoupling-sqs').comparisons?.[0];
    if (!offer) throw new Error('no offer');
    const loc = parse(offerSearch(offer, 2));
    expect(loc.errors).toEqual([]);
    expect(loc.seed).toBe(2);
    expect(loc.b.params.withoutQueue).toBe(true);
    expect(sideLabels(loc.a, loc.b)).toMatchObject({
      a: 'With the queue',
      b: 'Without the queue',
      offer,
    });
    // Changed by hand, it is no longer the offer: the sides are named by what differs.
    const edited = parse(`${offerSearch(offer, 2)}&a.paymentRate=5`);
    const labels = sideLabels(edited.a, edited.b);
    expect(labels.offer).toBeUndefined();
    expect(labels.a).toMatch(/Payment rate: 5 msg\/s/);
    expect(labels.b).toMatch(/Without the queue: on/);
  });
});
