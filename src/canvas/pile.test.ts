import { describe, expect, it } from 'vitest';
import { PILE_CAP, PILE_MAX, pileMarks } from './pile';

describe('pileMarks', () => {
  it('shows one mark per message up to the cap', () => {
    expect(pileMarks(0)).toBe(0);
    expect(pileMarks(1)).toBe(1);
    expect(pileMarks(0.4)).toBe(1);
    expect(pileMarks(PILE_CAP)).toBe(PILE_CAP);
  });

  it('keeps growing on a log scale beyond it, never past the most', () => {
    const sizes = [100, 1_000, 10_000, 100_000].map((n) => pileMarks(n));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1] as number);
    expect(pileMarks(1e12)).toBe(PILE_MAX);
    expect(pileMarks(50_000, 22, 6, 44)).toBeLessThanOrEqual(44);
  });
});
