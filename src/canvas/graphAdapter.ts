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

/** Card width of a node (its kind's). */
const widthOf = (node: GraphNode): number => kindView(node.kind).width;
/** Horizontal room between columns of cards (arrows and their labels live there). */
const COLUMN_GAP = 96;
/** Nodes whose x differ by less than this share a column. */
const SAME_COLUMN = 60;

/**
 * Positions from the pattern's sketch, turned into columns: the pattern gives the order and rows,
 * the view gives each column the width of its widest card plus a gap for the edge labels.
 */
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
  const left: number[] = [];
  let cursor = 0;
  for (let c = 0; c <= column; c++) {
    left[c] = cursor;
    cursor += (widths[c] ?? 0) + COLUMN_GAP;
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const n of pattern.nodes) {
    const c = columnOf.get(n.position.x) ?? 0;
    // Centre narrower cards in their column.
    const x = (left[c] ?? 0) + ((widths[c] ?? 0) - widthOf(n)) / 2;
    out.set(n.id, { x, y: n.position.y });
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
}

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type ServiceFlowEdge = Edge<ServiceEdgeData, 'service'>;

/** Whether a node or edge is shown for these parameter values. */
export function isVisible(item: GraphNode | GraphEdge, params: ParamValues): boolean {
  return holds(item.visibleWhen, params);
}

/** React Flow nodes for a pattern. */
export function toFlowNodes(pattern: PatternDefinition, params: ParamValues): ServiceFlowNode[] {
  const positions = layout(pattern);
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
export function toFlowEdges(pattern: PatternDefinition, params: ParamValues): ServiceFlowEdge[] {
  return pattern.edges.map((e) => ({
    id: e.id,
    type: 'service',
    source: e.source,
    target: e.target,
    sourceHandle: `s-${e.sourceSide ?? 'right'}`,
    targetHandle: `t-${e.targetSide ?? 'left'}`,
    data: { kind: e.kind, ...(e.label ? { label: e.label } : {}) },
    hidden: !isVisible(e, params),
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-stroke)' },
    deletable: false,
    selectable: false,
    focusable: false,
  }));
}

/** The four sides, as React Flow positions keyed by our side names. */
export const SIDES = [
  ['top', Position.Top],
  ['right', Position.Right],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
] as const;
