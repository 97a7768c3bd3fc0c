/**
 * Lays a workflow graph out with ELK's layered algorithm (top to bottom, frames laid out with
 * their contents), so any definition gets a readable picture without hand placement. ELK is
 * loaded on first use as its own chunk (about 1.5 MB that the other patterns never need).
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { nameWords } from '../CardName';
import type { WorkflowBox, WorkflowGraph } from './aslGraph';

/** Sizes of the boxes, in flow units (state boxes by default; see LayoutOptions.stateWidth). */
export const BOX = {
  state: { width: 224, height: 64 },
  mark: { width: 84, height: 30 },
};

/**
 * The text of the boxes, at text scale 1 (workflow.css multiplies the same sizes and line heights
 * by `--wts`): no size under 11 px, so text at scale s and zoom z reads 11 × s × z px on screen.
 */
export const WF_TEXT = {
  name: { size: 12, weight: 600, line: 15 },
  type: { size: 11, weight: 400, line: 14 },
  counts: { size: 11, line: 16 },
  errors: { size: 11, line: 14 },
  frameTitle: { line: 16 },
  branchTitle: { line: 14 },
  mark: { size: 12, weight: 600 },
  edgeLabel: { size: 11, weight: 400, line: 16 },
};
/** A state box's padding and border, each side (workflow.css: 5px 8px, 1.5px border). */
const STATE_PAD = { x: 8 + 1.5, y: 5 + 1.5 };

/** Width of `text` in a font: `size` px, `weight`. The page measures; tests estimate. */
export type MeasureText = (text: string, size: number, weight: number) => number;

/** A per-character estimate, for tests and anywhere without a canvas. */
export const estimateText: MeasureText = (text, size, weight) =>
  text.length * size * (weight >= 600 ? 0.64 : 0.58);

export interface LayoutOptions {
  /** A state box's width, in flow units. */
  stateWidth?: number;
  /** Text scale: every font size and line height in the boxes multiplied by it (`--wts`). */
  textScale?: number;
  measure?: MeasureText;
}

/**
 * How many lines a name takes in a box `width` wide, wrapped as CardName wraps it: between words,
 * a word wider than the line between its parts, a part wider than the line cut to one line.
 */
export function lineCount(
  text: string,
  width: number,
  size: number,
  weight: number,
  measure: MeasureText,
): number {
  const space = measure(' ', size, weight);
  let lines = 0;
  let used = 0;
  for (const parts of nameWords(text)) {
    const widths = parts.map((p) => measure(p, size, weight));
    const whole = widths.reduce((a, b) => a + b, 0);
    if (whole <= width) {
      if (used > 0 && used + space + whole <= width) used += space + whole;
      else {
        lines++;
        used = whole;
      }
      continue;
    }
    // Wider than a line: the word takes whole lines of its own, broken between its parts.
    let line = 0;
    lines++;
    for (const w of widths) {
      if (line > 0 && line + w > width) {
        lines++;
        line = 0;
      }
      line += Math.min(w, width);
    }
    used = width;
  }
  return Math.max(1, lines);
}

/** Lines that count chips (workflow.css: 4 px padding each side, 4 px apart) wrap onto. */
function chipLines(chips: string[], width: number, size: number, measure: MeasureText): number {
  let lines = 1;
  let used = 0;
  for (const chip of chips) {
    const w = measure(chip, size, 400) + 8;
    if (used > 0 && used + 4 + w > width) {
      lines++;
      used = w;
    } else used += (used > 0 ? 4 : 0) + w;
  }
  return lines;
}

/** A state box's text: its name, and its type with what it calls. */
export function stateTypeLine(box: Pick<WorkflowBox, 'stateType' | 'detail'>): string {
  return `${box.stateType ?? ''}${box.detail ? ` · ${box.detail}` : ''}`;
}

/** Whether a state's box keeps a line for its retries and catches. */
function hasErrorLine(box: WorkflowBox): boolean {
  return box.stateType === 'Task' || box.stateType === 'Parallel' || box.stateType === 'Map';
}

/** A state box's height for its text at this width and scale. */
function stateHeight(box: WorkflowBox, width: number, ts: number, measure: MeasureText): number {
  const inner = width - 2 * STATE_PAD.x - 2;
  const { name, type, counts, errors } = WF_TEXT;
  const nameLines = lineCount(box.label, inner, name.size * ts, name.weight, measure);
  const typeLines = lineCount(stateTypeLine(box), inner, type.size * ts, type.weight, measure);
  // A Task's counts may read "999 in", "999 waiting", "999 retrying": as many lines as those take.
  const chips = hasErrorLine(box) ? ['999 in', '999 waiting', '999 retrying'] : ['999 in'];
  const countLines = chipLines(chips, inner, counts.size * ts, measure);
  const text =
    nameLines * name.line * ts +
    typeLines * type.line * ts +
    countLines * counts.line * ts +
    (hasErrorLine(box) ? errors.line * ts : 0);
  return Math.max(BOX.state.height, Math.ceil(text + 2 * STATE_PAD.y + 4));
}

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

/** The ELK graph for a workflow graph (exported for tests). */
export function elkGraph(graph: WorkflowGraph, options: LayoutOptions = {}): ElkNode {
  const stateWidth = options.stateWidth ?? BOX.state.width;
  const ts = options.textScale ?? 1;
  const measure = options.measure ?? estimateText;
  const framePadTop = Math.ceil(12 + WF_TEXT.frameTitle.line * ts + 12);
  const branchPadTop = Math.ceil(8 + WF_TEXT.branchTitle.line * ts + 6);
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
    const { mark } = WF_TEXT;
    const size =
      box.kind === 'start' || box.kind === 'end'
        ? {
            width: Math.max(
              BOX.mark.width,
              Math.ceil(measure(box.label, mark.size * ts, mark.weight) + 28),
            ),
            height: Math.max(BOX.mark.height, Math.ceil(mark.size * ts * 1.25 + 12)),
          }
        : { width: stateWidth, height: stateHeight(box, stateWidth, ts, measure) };
    const node: ElkNode = container
      ? {
          id: box.id,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${box.kind === 'frame' ? framePadTop : branchPadTop},left=16,bottom=16,right=16]`,
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
            {
              text: a.label,
              // A long rule is cut (its title keeps it whole) rather than widen the workflow.
              width: Math.ceil(
                Math.min(
                  Math.max(stateWidth, 160),
                  measure(a.label, WF_TEXT.edgeLabel.size * ts, WF_TEXT.edgeLabel.weight) + 12,
                ),
              ),
              height: Math.ceil(WF_TEXT.edgeLabel.line * ts + 2),
            },
          ],
        }
      : {}),
  }));
  return root;
}

/** Lays the graph out; boxes come back in the graph's order with their places. */
export async function layoutWorkflow(
  graph: WorkflowGraph,
  options: LayoutOptions = {},
): Promise<WorkflowLayout> {
  const laid = await (await loadElk()).layout(elkGraph(graph, options));
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

/** State box widths tried, widest first, until the workflow fits its pane's width at zoom 1. */
export const STATE_WIDTHS = [224, 196, 172, 148, 128];

/** A layout that fits a pane's width, with the text scale and zoom it is shown at. */
export interface FittedLayout {
  laid: WorkflowLayout;
  stateWidth: number;
  /** Every text size multiplied by this (at least 1)... */
  textScale: number;
  /** ...and shown at this zoom (at most 1): text reads 11 × textScale × zoom px or more. */
  zoom: number;
}

/**
 * Lays the workflow out to fit `avail` px of width with no text under 11 px on screen: the widest
 * state boxes whose layout fits at zoom 1. When none does (a phone), the layout zooms out to fit
 * and scales its text up by as much (boxes grow taller, never wider), with the box width that
 * leaves a state's text the most room on screen. Height is not fitted: the pane grows or pans.
 */
export async function fitWorkflow(
  graph: WorkflowGraph,
  avail: number,
  measure: MeasureText = estimateText,
): Promise<FittedLayout> {
  let best: FittedLayout | undefined;
  const room = (f: FittedLayout) => (f.stateWidth - 2 * STATE_PAD.x) * f.zoom;
  for (const stateWidth of STATE_WIDTHS) {
    let textScale = 1;
    let laid = await layoutWorkflow(graph, { stateWidth, textScale, measure });
    if (laid.width <= avail) return { laid, stateWidth, textScale, zoom: 1 };
    // Scaled text widens only the arrows' labels: a few rounds settle it.
    for (let round = 0; round < 4 && laid.width > avail * textScale; round++) {
      textScale = Math.ceil((laid.width / avail) * 1.02 * 1000) / 1000;
      laid = await layoutWorkflow(graph, { stateWidth, textScale, measure });
    }
    const fitted = { laid, stateWidth, textScale, zoom: Math.min(1, avail / laid.width) };
    if (!best || room(fitted) > room(best)) best = fitted;
  }
  return best!;
}
