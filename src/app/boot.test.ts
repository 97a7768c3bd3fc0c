import { describe, expect, it } from 'vitest';
import { ordersTemplateFiles } from '../../test/ordersTemplate';
import { defaultParams } from '../patterns';
import { buildCompareSearch, mineVsDefaultsSearch } from '../state';
import { openTemplate } from '../state/templateLink';
import { loadCompareLocation } from './boot';

const files = ordersTemplateFiles();

describe('compare addresses with imported architectures', () => {
  it('carries one imported template once for both sides, and reopens it', async () => {
    const { pattern } = openTemplate(files, 'orders');
    const mine = { ...defaultParams(pattern), StartShipping_workMs: 2500 };
    const search = mineVsDefaultsSearch(pattern, mine, {}, 4);
    const query = new URLSearchParams(search);
    expect(query.getAll('template')).toHaveLength(1);
    expect(query.has('a.template') || query.has('b.template')).toBe(false);
    expect(query.get('b.StartShipping_workMs')).toBe('2500');

    const loc = await loadCompareLocation(search);
    expect(loc.errors).toEqual([]);
    expect(loc.seed).toBe(4);
    expect(loc.a.pattern.id).toBe(pattern.id);
    expect(loc.b.pattern.id).toBe(pattern.id);
    expect(loc.a.pattern.nodes.map((n) => n.id)).toEqual(pattern.nodes.map((n) => n.id));
    expect(loc.a.params.StartShipping_workMs).toBe(100);
    expect(loc.b.params.StartShipping_workMs).toBe(2500);
  });

  it('puts an imported architecture against a built-in pattern, each side its own', async () => {
    const { pattern } = openTemplate(files, 'orders');
    const loaded = await loadCompareLocation('?compare=message-decoupling-sqs');
    const builtIn = loaded.a.pattern;
    const search = buildCompareSearch(
      { pattern, params: defaultParams(pattern) },
      { pattern: builtIn, params: { ...defaultParams(builtIn), paymentRate: 30 } },
      2,
    );
    const query = new URLSearchParams(search);
    expect(query.has('a.template')).toBe(true);
    expect(query.has('template')).toBe(false);
    const loc = await loadCompareLocation(search);
    expect(loc.errors).toEqual([]);
    expect(loc.a.pattern.id).toBe(pattern.id);
    expect(loc.b.pattern.id).toBe('message-decoupling-sqs');
    expect(loc.b.params.paymentRate).toBe(30);
  });

  it('names a damaged template on its side and shows a built-in pattern there', async () => {
    const loc = await loadCompareLocation('?compare=x&vs=message-bus&a.template=%21%21&seed=3');
    expect(loc.b.pattern.id).toBe('message-bus');
    expect(
      loc.errors.some((e) => e.startsWith('A: The imported architecture in this link is damaged')),
    ).toBe(true);
    expect(loc.seed).toBe(3);
  });
});
