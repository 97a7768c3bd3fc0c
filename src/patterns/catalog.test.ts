import { describe, expect, it } from 'vitest';
import { catalog, loadPattern } from './catalog';
import { patterns } from '.';

describe('the light catalog', () => {
  it('lists every pattern of the registry, in order, with its title', () => {
    expect(catalog.map((e) => [e.id, e.title])).toEqual(patterns.map((p) => [p.id, p.title]));
  });

  it('loads each pattern as the registry has it', async () => {
    for (const entry of catalog) {
      const pattern = await loadPattern(entry);
      expect(pattern).toBe(patterns.find((p) => p.id === entry.id));
    }
  });
});
