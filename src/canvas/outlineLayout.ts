import type { GraphEdge, GraphNode, ParamValues, PatternDefinition } from '../patterns';
import { holds } from '../patterns';
import { kindView } from './kinds';

/** A side of a card, as the handles name them. */
export type Side = 'top' | 'right' | 'bottom' | 'left';

/** Where an edge leaves and enters, and where its label goes (diagram coordinates). */
export interface OutlineEdge {
  source: Side;
  target: Side;
  /** The centre of the label's bottom edge: above the card the edge enters. */
  labelAt?: { x: number; y: number };
}

/** A vertical arrangement of a pattern for narrow screens. */
export interface OutlineLayout {
  positions: Map<string, { x: number; y: number }>;
  edges: Map<string, OutlineEdge>;
  /** The arrangement's size at zoom 1. */
  width: number;
  height: number;
}

/** Every card sits centred in a column this wide (the widest card's width). */
const COLUMN = 200;
/** How far the children of a branching node move right, so each level has its own trunk. */
const INDENT = 28;
/** Room between a card and the next one down. */
const GAP = 40;
/** Room above a card a subscription or rule enters: its rule sits there, with its counts. */
const RULE_GAP = 64;
/** Room left of the column for the trunks that branch to children (they run left of cards). */
export const OUTLINE_TRUNK = 28;

const isRule = (e: GraphEdge) => e.kind === 'subscription' || e.kind === 'rule';

/**
 * The pattern as one column read top to bottom, for a phone: a depth-first walk of its graph
 * from the entry points, one card per row. A node with one onward node leads straight down to it;
 * a node that branches (a topic's subscribers, a bus's targets, a function's database and queue)
 * sends each branch along a trunk on the left into cards indented one step, and each branch is
 * drawn whole before the next. Nodes that only end somewhere (a database, a dead-letter queue)
 * come first among their siblings, so they stay next to the node they hang off. An entry point
 * that only feeds a node already placed (extra clients of a gateway) goes right under that node,
 * its edge running up the right side; so does any other edge to a card already placed.
 *
 * Derived from the graph and the sketch's order alone, so every pattern gets it, and computed for
 * the visible nodes only (a switch that removes a queue closes the gap).
 */
export function outlineLayout(pattern: PatternDefinition, params: ParamValues): OutlineLayout {
  const nodes = pattern.nodes.filter((n) => holds(n.visibleWhen, params));
  const shown = new Set(nodes.map((n) => n.id));
  const edges = pattern.edges.filter(
    (e) => holds(e.visibleWhen, params) && shown.has(e.source) && shown.has(e.target),
  );
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const sketchOrder = (a: GraphNode, b: GraphNode) =>
    a.position.y - b.position.y || a.position.x - b.position.x;
  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  }
  const isLeaf = (id: string) => (outgoing.get(id) ?? []).length === 0;

  // The rows, in order, with each node's indentation and the edge that placed it.
  const rows: { id: string; indent: number; via: GraphEdge | null }[] = [];
  const placed = new Set<string>();
  const treeEdge = new Map<string, GraphEdge>();
  const branching = new Set<string>();

  const walk = (id: string, indent: number, via: GraphEdge | null): void => {
    placed.add(id);
    rows.push({ id, indent, via });
    if (via) treeEdge.set(via.id, via);
    // Feeders: entry points whose every edge ends at this node come right under it.
    let feeders = 0;
    for (const e of incoming.get(id) ?? []) {
      const feeder = e.source;
      if (placed.has(feeder) || (incoming.get(feeder) ?? []).length > 0) continue;
      const ends = (outgoing.get(feeder) ?? []).map((o) => o.target);
      if (ends.every((t) => t === id)) {
        placed.add(feeder);
        rows.push({ id: feeder, indent, via: null });
        feeders++;
      }
    }
    const next: GraphEdge[] = [];
    for (const e of outgoing.get(id) ?? [])
      if (!placed.has(e.target) && !next.some((n) => n.target === e.target)) next.push(e);
    next.sort((a, b) => {
      const leaf = Number(isLeaf(b.target)) - Number(isLeaf(a.target));
      const na = byId.get(a.target);
      const nb = byId.get(b.target);
      return leaf || (na && nb ? sketchOrder(na, nb) : 0);
    });
    // With feeders in between, even a single onward edge takes the trunk, not a line through them.
    const branches = next.length > 1 || (feeders > 0 && next.length > 0);
    if (branches) branching.add(id);
    // Claim all children first, so a child's walk does not take a sibling as its own.
    for (const e of next) placed.add(e.target);
    for (const e of next) {
      placed.delete(e.target);
      walk(e.target, branches ? indent + 1 : indent, e);
    }
  };

  const roots = nodes
    .filter((n) => (incoming.get(n.id) ?? []).length === 0)
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  for (const root of roots) if (!placed.has(root.id)) walk(root.id, 0, null);
  // Whatever a cycle left unreached.
  for (const n of [...nodes].sort(sketchOrder)) if (!placed.has(n.id)) walk(n.id, 0, null);

  const positions = new Map<string, { x: number; y: number }>();
  const width = (id: string) => kindView(byId.get(id)?.kind ?? 'user').width;
  let y = 0;
  let maxIndent = 0;
  rows.forEach((row, i) => {
    if (i > 0) y += row.via && isRule(row.via) ? RULE_GAP : GAP;
    const x = OUTLINE_TRUNK + row.indent * INDENT + (COLUMN - width(row.id)) / 2;
    positions.set(row.id, { x, y });
    maxIndent = Math.max(maxIndent, row.indent);
    y += kindView(byId.get(row.id)?.kind ?? 'user').height;
  });

  const out = new Map<string, OutlineEdge>();
  for (const e of pattern.edges) {
    const s = positions.get(e.source);
    const t = positions.get(e.target);
    if (!s || !t) {
      out.set(e.id, { source: 'bottom', target: 'top' });
      continue;
    }
    const labelAt = { x: t.x + width(e.target) / 2, y: t.y - (isRule(e) ? 22 : 6) };
    if (treeEdge.has(e.id) && !branching.has(e.source))
      out.set(e.id, { source: 'bottom', target: 'top', ...(isRule(e) ? { labelAt } : {}) });
    else if (treeEdge.has(e.id)) out.set(e.id, { source: 'left', target: 'left', labelAt });
    else {
      // Up or down the right side; the label sits over the card it leaves (a feeder's route).
      const at = { x: s.x + width(e.source) / 2, y: s.y - 6 };
      out.set(e.id, { source: 'right', target: 'right', ...(isRule(e) ? {} : { labelAt: at }) });
    }
  }
  return {
    positions,
    edges: out,
    width: OUTLINE_TRUNK + maxIndent * INDENT + COLUMN + OUTLINE_TRUNK,
    height: y,
  };
}
