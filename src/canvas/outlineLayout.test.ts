import { describe, expect, it } from 'vitest';
import { defaultParams, holds, patterns, type ParamValues, type Pattern } from '../patterns';
import { kindView } from './kinds';
import { OUTLINE_TRUNK, outlineLayout } from './outlineLayout';

/** The defaults, and each switch flipped (switches add and remove parts of a diagram). */
function variants(pattern: Pattern): ParamValues[] {
  const base = defaultParams(pattern);
  const flipped = pattern.params
    .filter((p) => typeof p.default === 'boolean')
    .map((p) => ({ ...base, [p.id]: !base[p.id] }));
  return [base, ...flipped];
}

describe('the outline arrangement (phones)', () => {
  for (const pattern of patterns) {
    it(`${pattern.id}: every visible card once, one per row, in a column a phone can hold`, () => {
      for (const params of variants(pattern)) {
        const layout = outlineLayout(pattern, params);
        const visible = pattern.nodes.filter((n) => holds(n.visibleWhen, params));
        expect([...layout.positions.keys()].sort()).toEqual(visible.map((n) => n.id).sort());
        // Rows never overlap, even with every card at its tallest.
        const rows = visible
          .map((n) => {
            const p = layout.positions.get(n.id)!;
            return { id: n.id, top: p.y, bottom: p.y + kindView(n.kind).height, x: p.x };
          })
          .sort((a, b) => a.top - b.top);
        for (let i = 1; i < rows.length; i++)
          expect(rows[i]!.top, `${rows[i]!.id} under ${rows[i - 1]!.id}`).toBeGreaterThanOrEqual(
            rows[i - 1]!.bottom + 20,
          );
        // Cards stay right of the trunk, and the column fits 390 px at the legible zoom.
        for (const r of rows) expect(r.x).toBeGreaterThanOrEqual(OUTLINE_TRUNK);
        expect(layout.width).toBeLessThanOrEqual(330);
        expect(layout.height).toBeGreaterThan(layout.width);
      }
    });

    it(`${pattern.id}: the flow reads downwards`, () => {
      const params = defaultParams(pattern);
      const layout = outlineLayout(pattern, params);
      for (const e of pattern.edges) {
        if (!holds(e.visibleWhen, params)) continue;
        const s = layout.positions.get(e.source);
        const t = layout.positions.get(e.target);
        if (!s || !t) continue;
        const sides = layout.edges.get(e.id)!;
        // An edge entering from the top or the left comes from above; the right side carries
        // the edges that go back up (a gateway's other clients).
        if (sides.target !== 'right') expect(t.y, e.id).toBeGreaterThan(s.y);
        else expect(sides.source).toBe('right');
        // A straight drop from one card to the next never runs through a card in between.
        if (sides.source === 'bottom' && sides.target === 'top') {
          const between = [...layout.positions.entries()].filter(
            ([id, p]) => id !== e.source && id !== e.target && p.y > s.y && p.y < t.y,
          );
          expect(
            between.map(([id]) => id),
            e.id,
          ).toEqual([]);
        }
      }
    });
  }
});
