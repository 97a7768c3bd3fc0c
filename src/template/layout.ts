import type { ArchEdge, ArchNode } from './model';

/** Column and row spacing of the sketch grid, px at zoom 1. */
const COLUMN = 270;
const ROW = 170;

/**
 * A layered layout, left to right: each node's column is the longest path to it from an entry
 * (dead-letter queues one column right of their source), rows ordered by the mean row of their
 * predecessors so edges cross less; nodes on no edge (resources not simulated) in a grid below.
 * Deterministic and synchronous, so the CLI, the tests and the link all get the same picture;
 * the app may refine it with ELK.
 */
export function layout(
  nodes: readonly ArchNode[],
  edges: readonly ArchEdge[],
): Map<string, { x: number; y: number }> {
  const ids = nodes.map((n) => n.id);
  const out = new Map<string, { x: number; y: number }>();
  const forward = edges.filter((e) => e.source !== e.target);
  const connected = new Set(forward.flatMap((e) => [e.source, e.target]));
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of forward) preds.get(e.target)?.push(e.source);

  // Longest path by repeated relaxation, bounded so cycles cannot loop.
  const column = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let round = 0; round < ids.length; round++) {
    let changed = false;
    for (const e of forward) {
      const c = (column.get(e.source) ?? 0) + 1;
      if (c > (column.get(e.target) ?? 0) && c < ids.length) {
        column.set(e.target, c);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const byColumn = new Map<number, string[]>();
  for (const id of ids) {
    if (!connected.has(id)) continue;
    const c = column.get(id) ?? 0;
    byColumn.set(c, [...(byColumn.get(c) ?? []), id]);
  }
  const row = new Map<string, number>();
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const list = byColumn.get(c) ?? [];
    const weight = (id: string) => {
      const rows = (preds.get(id) ?? [])
        .map((p) => row.get(p))
        .filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : ids.indexOf(id);
    };
    list.sort((a, b) => weight(a) - weight(b) || ids.indexOf(a) - ids.indexOf(b));
    list.forEach((id, i) => {
      row.set(id, i);
      out.set(id, { x: c * COLUMN, y: i * ROW });
    });
  }
  const maxRows = Math.max(0, ...[...byColumn.values()].map((l) => l.length));
  const loose = ids.filter((id) => !connected.has(id));
  const perRow = Math.max(4, byColumn.size);
  loose.forEach((id, i) => {
    out.set(id, {
      x: (i % perRow) * COLUMN,
      y: (maxRows + 0.3 + Math.floor(i / perRow) * 0.8) * ROW,
    });
  });
  return out;
}
