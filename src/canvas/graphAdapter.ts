import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import type {
  EdgeKind,
  GraphEdge,
  GraphNode,
  NodeRole,
  ParamValues,
  PatternDefinition,
  ServiceKind,
} from '../patterns';
import { holds } from '../patterns';
import { kindView } from './kinds';
import { outlineLayout } from './outlineLayout';

/**
 * How the diagram is arranged: `columns` (left to right, from the pattern's sketch) or `outline`
 * (one column read top to bottom, for phones; see outlineLayout.ts).
 */
export type Arrangement = 'columns' | 'outline';

/** Card width of a node (its kind's). */
const widthOf = (node: GraphNode): number => kindView(node.kind).width;
/** Horizontal room between columns of cards (arrows and their labels live there). */
const COLUMN_GAP = 96;
/**
 * Room before a column that subscriptions or rules fan out to: their labels sit on the last
 * stretch of the edge, with the rule's summary above the line and its live counts below.
 */
export const FAN_GAP = 188;
/** Least room between a card at its tallest and the next card down its column. */
const ROW_GAP = 20;
/** Nodes whose x differ by less than this share a column. */
const SAME_COLUMN = 60;

/**
 * Positions from the pattern's sketch, turned into columns: the pattern gives the order and rows,
 * the view gives each column the width of its widest card plus a gap for the edge labels.
 */
/** The column of each node: sketch x positions less than SAME_COLUMN apart share one. */
export function columns(pattern: PatternDefinition): Map<string, number> {
  const xs = [...new Set(pattern.nodes.map((n) => n.position.x))].sort((a, b) => a - b);
  const columnOf = new Map<number, number>();
  let column = -1;
  let anchor = -Infinity;
  for (const x of xs) {
    if (x - anchor >= SAME_COLUMN) {
      column++;
      anchor = x;
    }
    columnOf.set(x, column);
  }
  return new Map(pattern.nodes.map((n) => [n.id, columnOf.get(n.position.x) ?? 0] as const));
}

export function layout(pattern: PatternDefinition): Map<string, { x: number; y: number }> {
  const xs = [...new Set(pattern.nodes.map((n) => n.position.x))].sort((a, b) => a - b);
  const columnOf = new Map<number, number>();
  let column = -1;
  let anchor = -Infinity;
  for (const x of xs) {
    if (x - anchor >= SAME_COLUMN) {
      column++;
      anchor = x;
    }
    columnOf.set(x, column);
  }
  const widths: number[] = [];
  for (const n of pattern.nodes) {
    const c = columnOf.get(n.position.x) ?? 0;
    widths[c] = Math.max(widths[c] ?? 0, widthOf(n));
  }
  // A column that rule-carrying edges enter from the column before it gets the wider gap.
  const columnOfNode = new Map(
    pattern.nodes.map((n) => [n.id, columnOf.get(n.position.x) ?? 0] as const),
  );
  const fanned = new Set<number>();
  for (const e of pattern.edges) {
    if (e.kind !== 'subscription' && e.kind !== 'rule') continue;
    const from = columnOfNode.get(e.source);
    const to = columnOfNode.get(e.target);
    if (from !== undefined && to === from + 1) fanned.add(to);
  }
  const left: number[] = [];
  let cursor = 0;
  for (let c = 0; c <= column; c++) {
    if (c > 0) cursor += fanned.has(c) ? FAN_GAP : COLUMN_GAP;
    left[c] = cursor;
    cursor += widths[c] ?? 0;
  }
  // Rows keep the sketch's order, pushed down where a card above in the same column could grow
  // into the next one; a whole row moves together, so its edges stay straight.
  const shiftOf = new Map<number, number>();
  const bottom = new Map<number, number>();
  let shift = 0;
  for (const y of [...new Set(pattern.nodes.map((n) => n.position.y))].sort((a, b) => a - b)) {
    const row = pattern.nodes.filter((n) => n.position.y === y);
    let need = 0;
    for (const n of row) {
      const above = bottom.get(columnOfNode.get(n.id) ?? 0);
      if (above !== undefined) need = Math.max(need, above + ROW_GAP - (y + shift));
    }
    shift += need;
    shiftOf.set(y, shift);
    for (const n of row)
      bottom.set(columnOfNode.get(n.id) ?? 0, y + shift + kindView(n.kind).height);
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const n of pattern.nodes) {
    const c = columnOf.get(n.position.x) ?? 0;
    // Centre narrower cards in their column.
    const x = (left[c] ?? 0) + ((widths[c] ?? 0) - widthOf(n)) / 2;
    out.set(n.id, { x, y: n.position.y + (shiftOf.get(n.position.y) ?? 0) });
  }
  return out;
}

/** Data of a service node card. */
export interface ServiceNodeData extends Record<string, unknown> {
  kind: ServiceKind;
  label: string;
  sublabel?: string;
  /** What the node is for, where its kind alone does not say (a dead-letter queue). */
  role?: NodeRole;
}

/** Data of an edge. */
export interface ServiceEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  label?: string;
  /** Where the label goes when the arrangement decides (the outline: above the card entered). */
  labelAt?: { x: number; y: number };
  /** Only implied (an imported template's "may send"): drawn finer and fainter. */
  inferred?: boolean;
}

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type ServiceFlowEdge = Edge<ServiceEdgeData, 'service'>;

/** Whether a node or edge is shown for these parameter values. */
export function isVisible(item: GraphNode | GraphEdge, params: ParamValues): boolean {
  return holds(item.visibleWhen, params);
}

/** React Flow nodes for a pattern. */
export function toFlowNodes(
  pattern: PatternDefinition,
  params: ParamValues,
  arrangement: Arrangement = 'columns',
): ServiceFlowNode[] {
  const positions =
    arrangement === 'outline' ? outlineLayout(pattern, params).positions : layout(pattern);
  return pattern.nodes.map((n) => ({
    id: n.id,
    type: 'service',
    position: positions.get(n.id) ?? n.position,
    data: {
      kind: n.kind,
      label: n.label,
      ...(n.sublabel ? { sublabel: n.sublabel } : {}),
      ...(n.role ? { role: n.role } : {}),
    },
    hidden: !isVisible(n, params),
    ariaLabel: n.sublabel ? `${n.label}, ${n.sublabel}` : n.label,
    connectable: false,
    deletable: false,
  }));
}

/** React Flow edges for a pattern; handles are named after the sides (`s-right`, `t-left`...). */
export function toFlowEdges(
  pattern: PatternDefinition,
  params: ParamValues,
  arrangement: Arrangement = 'columns',
): ServiceFlowEdge[] {
  const columnOf = columns(pattern);
  const outline = arrangement === 'outline' ? outlineLayout(pattern, params).edges : null;
  /**
   * An edge that skips a column (a topic's or a bus's dead-letter queue beyond its subscribers)
   * would cut through the cards in between: unless the pattern says otherwise, it leaves from
   * the bottom and arrives from below, passing under them.
   */
  const skips = (e: GraphEdge): boolean => {
    if (e.sourceSide || e.targetSide) return false;
    return (columnOf.get(e.target) ?? 0) - (columnOf.get(e.source) ?? 0) >= 2;
  };
  return pattern.edges.map((e) => {
    const o = outline?.get(e.id);
    return {
      id: e.id,
      type: 'service',
      source: e.source,
      target: e.target,
      sourceHandle: `s-${o?.source ?? e.sourceSide ?? (skips(e) ? 'bottom' : 'right')}`,
      targetHandle: `t-${o?.target ?? e.targetSide ?? (skips(e) ? 'bottom' : 'left')}`,
      data: {
        kind: e.kind,
        ...(e.label ? { label: e.label } : {}),
        ...(o?.labelAt ? { labelAt: o.labelAt } : {}),
        ...(e.inferred ? { inferred: true } : {}),
      },
      hidden: !isVisible(e, params),
      markerEnd: {
        type: MarkerType.ArrowClosed,
        width: 16,
        height: 16,
        color: 'var(--edge-stroke)',
      },
      deletable: false,
      selectable: false,
      focusable: false,
    } satisfies ServiceFlowEdge;
  });
}

/** The four sides, as React Flow positions keyed by our side names. */
export const SIDES = [
  ['top', Position.Top],
  ['right', Position.Right],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
] as const;
