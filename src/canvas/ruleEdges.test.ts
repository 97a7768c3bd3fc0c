import { describe, expect, it } from 'vitest';
import { defaultParams, patterns, type PatternDefinition } from '../patterns';
import { columns, layout } from './graphAdapter';
import { kindView } from './kinds';
import {
  activeRuleEdges,
  edgeRoute,
  filterScopeOf,
  hasRuleEdges,
  isRuleEdge,
  ruleNameOf,
  ruleSiblings,
  ruleSummary,
} from './ruleEdges';

describe('rule edges', () => {
  it('says a rule in a few words', () => {
    expect(ruleSummary({ type: ['Customer'], source: ['payments'] })).toBe(
      'type = Customer, source = payments',
    );
    expect(ruleSummary({ detail: { amount: [{ numeric: ['>', 0] }] } })).toBe(
      'detail.amount numeric > 0',
    );
    expect(ruleSummary({ a: ['x', 'y'] })).toBe('a = x | y');
    expect(ruleSummary({})).toBe('everything');
    expect(ruleSummary(undefined)).toBe('everything');
    expect(
      ruleSummary({ source: ['a-very-long-source-name-that-goes-on'], type: ['x'] }, 30),
    ).toHaveLength(30);
  });

  it('finds every pattern’s subscriptions and rules through the definition alone', () => {
    for (const pattern of patterns) {
      const params = defaultParams(pattern);
      const active = activeRuleEdges(pattern, params);
      expect(active.every(isRuleEdge)).toBe(true);
      expect(hasRuleEdges(pattern)).toBe(pattern.edges.some(isRuleEdge));
      for (const edge of active) {
        expect(edgeRoute(pattern, edge)).toContain('→');
        expect(ruleSiblings(pattern, edge)).toContain(edge);
        if (edge.kind === 'subscription') expect(ruleNameOf(edge)).toBeUndefined();
        else expect(ruleNameOf(edge)).toBeTruthy();
        expect(['MessageAttributes', 'MessageBody']).toContain(filterScopeOf(edge));
      }
    }
  });

  it('treats the targets of one EventBridge rule as one rule', () => {
    const pattern: PatternDefinition = {
      ...(patterns[0] as PatternDefinition),
      nodes: [
        { id: 'bus', kind: 'eventBridge', label: 'bus', position: { x: 0, y: 0 } },
        { id: 'a', kind: 'lambda', label: 'A', position: { x: 200, y: 0 } },
        { id: 'b', kind: 'lambda', label: 'B', position: { x: 200, y: 200 } },
        { id: 'c', kind: 'lambda', label: 'C', position: { x: 200, y: 400 } },
      ],
      edges: [
        { id: 'ba', source: 'bus', target: 'a', kind: 'rule', config: { rule: 'R' } },
        { id: 'bb', source: 'bus', target: 'b', kind: 'rule', config: { rule: 'R' } },
        { id: 'bc', source: 'bus', target: 'c', kind: 'rule', config: { rule: 'S' } },
      ],
      params: [],
    };
    const [ba, , bc] = pattern.edges;
    expect(ruleSiblings(pattern, ba!).map((e) => e.id)).toEqual(['ba', 'bb']);
    expect(ruleSiblings(pattern, bc!).map((e) => e.id)).toEqual(['bc']);
  });
});

describe('the layout', () => {
  it('keeps each card clear of the next one down its column, even at its tallest', () => {
    for (const pattern of patterns) {
      const at = layout(pattern);
      const placed = pattern.nodes.map((n) => ({ n, p: at.get(n.id)! }));
      for (const a of placed)
        for (const b of placed) {
          if (a === b || Math.abs(a.p.x - b.p.x) > 40 || b.p.y <= a.p.y) continue;
          expect(b.p.y - a.p.y, `${pattern.id}: ${a.n.id} above ${b.n.id}`).toBeGreaterThanOrEqual(
            kindView(a.n.kind).height,
          );
        }
    }
  });

  it('gives subscriptions and rules a wider gap for their labels and counts', () => {
    for (const pattern of patterns) {
      const at = layout(pattern);
      const column = columns(pattern);
      for (const e of pattern.edges.filter(isRuleEdge)) {
        // A subscriber hung under its topic, in the same column, has no gap to widen.
        if (column.get(e.source) === column.get(e.target)) continue;
        const s = at.get(e.source)!;
        const t = at.get(e.target)!;
        const source = pattern.nodes.find((n) => n.id === e.source)!;
        if (t.x <= s.x) continue;
        expect(t.x - (s.x + kindView(source.kind).width), `${pattern.id}: ${e.id}`).toBeGreaterThan(
          150,
        );
      }
    }
  });
});
