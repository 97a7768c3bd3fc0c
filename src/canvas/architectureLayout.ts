/**
 * Lays an architecture out with ELK's layered algorithm, left to right as the seed's diagrams
 * read: for graphs nobody placed by hand (an imported template). Card sizes come from the view's
 * kind registry, so the picture leaves room for the cards as they are drawn.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { PatternDefinition } from '../patterns';
import { kindView } from './kinds';
import { loadElk } from './workflow/layout';

/** The ELK graph of an architecture (exported for tests). */
export function architectureGraph(definition: Pick<PatternDefinition, 'nodes' | 'edges'>): ElkNode {
  const ids = new Set(definition.nodes.map((n) => n.id));
  return {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: definition.nodes.map((n) => {
      const view = kindView(n.kind);
      return { id: n.id, width: view.width, height: view.height };
    }),
    edges: definition.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** Node positions (top-left, flow units) for an architecture, by node id. */
export async function layoutArchitecture(
  definition: Pick<PatternDefinition, 'nodes' | 'edges'>,
): Promise<Map<string, { x: number; y: number }>> {
  const elk = await loadElk();
  const laid = await elk.layout(architectureGraph(definition));
  const out = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? [])
    out.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return out;
}
