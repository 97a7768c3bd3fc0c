import { describe, expect, it } from 'vitest';
import { patterns } from '../patterns';
import { formatList, listJson } from './format';

describe.each(patterns.map((p) => [p.id, p] as const))('CLI listing: %s', (id, pattern) => {
  it('lists the pattern with all its parameters', () => {
    expect(formatList(patterns)).toContain(id);
    const listed = (listJson(patterns) as { id: string; params: { id: string }[] }[]).find(
      (p) => p.id === id,
    );
    expect(listed?.params.map((p) => p.id)).toEqual(pattern.params.map((p) => p.id));
  });
});
