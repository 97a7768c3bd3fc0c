import { describe, expect, it } from 'vitest';
import { ordersTemplateFiles } from '../../test/ordersTemplate';
import { patterns } from '../patterns';
import { parseLocation } from './url';
import {
  decodeTemplate,
  importedInfo,
  openTemplate,
  patternsFromSearch,
  templateSearchPart,
} from './templateLink';

const files = ordersTemplateFiles();

describe('imported templates in links', () => {
  it('round-trips the definition (and what it left out) through template= in an address', () => {
    const { pattern, info } = openTemplate(files, 'orders');
    const part = templateSearchPart(pattern.id);
    expect(part).toMatch(/^template=[A-Za-z0-9_-]+$/);
    // Compressed: far smaller than the definition's JSON.
    expect(part.length).toBeLessThan(JSON.stringify(pattern).length / 3);
    const search = `?pattern=${pattern.id}&StartShippingOrdersPoll_batchSize=2&seed=9&${part}`;
    const { patterns: withImported, errors } = patternsFromSearch(search, patterns);
    expect(errors).toEqual([]);
    const location = parseLocation(search, withImported);
    expect(location.errors).toEqual([]);
    expect(location.pattern.id).toBe(pattern.id);
    expect(location.pattern.nodes).toEqual(pattern.nodes);
    expect(location.params.StartShippingOrdersPoll_batchSize).toBe(2);
    expect(location.seed).toBe(9);
    expect(importedInfo(pattern.id)).toEqual(info);
    expect(location.pattern.handlers.forward).toBeTypeOf('function');
  });

  it('refuses damaged text with a sentence, never a throw', () => {
    const r = decodeTemplate('bm90IGRlZmxhdGVk');
    expect(r).toEqual({ error: expect.stringContaining('damaged') });
    const { patterns: list, errors } = patternsFromSearch('?template=%%%', patterns);
    expect(list).toHaveLength(patterns.length);
    expect(errors).toHaveLength(1);
  });
});
