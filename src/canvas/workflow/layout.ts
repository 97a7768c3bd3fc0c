/**
 * Lays a workflow graph out with ELK's layered algorithm (top to bottom, frames laid out with
 * their contents), so any definition gets a readable picture without hand placement. ELK is
 * loaded on first use as its own chunk (about 1.5 MB that the other patterns never need).
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { WorkflowBox, WorkflowGraph } from './aslGraph';

/** Sizes of the boxes, in flow units. */
export const BOX = {
  state: { width: 224, height: 64 },
  mark: { width: 84, height: 30 },
  framePadTop: 40,
  branchPadTop: 26,
};

/** A box with its place: x and y relative to its parent box (React Flow's `parentId`). */
export interface PlacedBox extends WorkflowBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An arrow's route as ELK drew it (absolute flow coordinates), and its label's box. */
export interface ArrowRoute {
  points: { x: number; y: number }[];
  label?: { x: number; y: number; width: number; height: number };
}

export interface WorkflowLayout {
  boxes: PlacedBox[];
  /** By arrow id. */
  routes: Map<string, ArrowRoute>;
  width: number;
  height: number;
}

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<Elk> | undefined;

/** ELK, loaded once (the bundled build runs in the page; layouts are small). */
export function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as Elk);
  return elk;
}

/** Character width used to reserve room for edge labels. */
const CHAR_PX = 6.2;

/** The ELK graph for a workflow graph (exported for tests). */
export function elkGraph(graph: WorkflowGraph): ElkNode {
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '46',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Edge routes in the root's coordinates: the flow's absolute positions.
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [],
    edges: [],
  };
  for (const box of graph.boxes) {
    const container = box.kind === 'frame' || box.kind === 'branch';
    const size = box.kind === 'start' || box.kind === 'end' ? BOX.mark : BOX.state;
    const node: ElkNode = container
      ? {
          id: box.id,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${box.kind === 'frame' ? BOX.framePadTop : BOX.branchPadTop},left=16,bottom=16,right=16]`,
            // A Parallel's branches have no edges between them: keep them in one layer, side
            // by side, as the console draws them.
            'elk.separateConnectedComponents': 'false',
            // Room for the frame's title and counts, even around one narrow column, contents
            // centred. (Laid out top to bottom, ELK reads this minimum as (height, width).)
            ...(box.kind === 'frame'
              ? {
                  'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                  'elk.nodeSize.minimum': '(80.0,320.0)',
                  'elk.contentAlignment': '[V_CENTER, H_CENTER]',
                }
              : {}),
          },
        }
      : { id: box.id, width: size.width, height: size.height };
    nodes.set(box.id, node);
    const parent = box.parent ? nodes.get(box.parent) : root;
    (parent ?? root).children?.push(node);
  }
  root.edges = graph.arrows.map((a): ElkExtendedEdge => ({
    id: a.id,
    sources: [a.source],
    targets: [a.target],
    ...(a.label
      ? {
          labels: [
            { text: a.label, width: Math.min(220, a.label.length * CHAR_PX + 12), height: 18 },
          ],
        }
      : {}),
  }));
  return root;
}

/** Lays the graph out; boxes come back in the graph's order with their places. */
export async function layoutWorkflow(graph: WorkflowGraph): Promise<WorkflowLayout> {
  const laid = await (await loadElk()).layout(elkGraph(graph));
  const places = new Map<string, ElkNode>();
  const walk = (n: ElkNode) => {
    places.set(n.id, n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(laid);
  const boxes = graph.boxes.map((box): PlacedBox => {
    const p = places.get(box.id);
    return { ...box, x: p?.x ?? 0, y: p?.y ?? 0, width: p?.width ?? 0, height: p?.height ?? 0 };
  });
  alignBranches(boxes);
  const routes = new Map<string, ArrowRoute>();
  for (const e of laid.edges ?? []) {
    const section = e.sections?.[0];
    if (!section) continue;
    const l = e.labels?.[0];
    routes.set(e.id, {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      ...(l
        ? { label: { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 } }
        : {}),
    });
  }
  return { boxes, routes, width: laid.width ?? 0, height: laid.height ?? 0 };
}

/** A Parallel's branch columns start at the same height and are as tall as the tallest. */
function alignBranches(boxes: PlacedBox[]): void {
  const byFrame = new Map<string, PlacedBox[]>();
  for (const b of boxes)
    if (b.kind === 'branch' && b.parent) {
      const list = byFrame.get(b.parent) ?? [];
      list.push(b);
      byFrame.set(b.parent, list);
    }
  for (const list of byFrame.values()) {
    const top = Math.min(...list.map((b) => b.y));
    const bottom = Math.max(...list.map((b) => b.y + b.height));
    for (const b of list) {
      b.y = top;
      b.height = bottom - top;
    }
  }
}
