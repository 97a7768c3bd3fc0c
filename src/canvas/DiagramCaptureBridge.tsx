import { useReactFlow } from '@xyflow/react';
import { useContext, useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useSimulator, type SimState } from '../state';
import type { CapturedBadge, CapturedEdge, CapturedNode, DiagramCapture } from './diagramSvg';
import { DotRenderer, type DotSource } from './dotRenderer';
import { formatClock, formatCount, formatSpeed } from './format';
import { kindView } from './kinds';
import { PathRegistryContext } from './PathRegistryContext';
import type { ServiceFlowNode } from './graphAdapter';

/** What the export tools can ask of the diagram on screen. */
export interface DiagramSource {
  /** The graph model and the live numbers of this moment, ready for `diagramSvg`. */
  capture(dark: boolean): DiagramCapture;
  /**
   * Draws the messages in flight of the whole diagram (not only the part the pane shows) onto
   * `ctx`, whose transform maps flow units to its pixels at scale `zoom`; returns the dots drawn.
   */
  drawDots(ctx: CanvasRenderingContext2D, dark: boolean, zoom: number): number;
}

const sources: DiagramSource[] = [];

/** The diagram the export tools work on (the most recently shown one), if any. */
export function currentDiagram(): DiagramSource | undefined {
  return sources[sources.length - 1];
}

/**
 * Lives inside <ReactFlow> and offers the diagram to the export tools: node places and sizes from
 * React Flow, edge paths from the path registry, and each card's numbers rendered by its kind's
 * own badges from the store's snapshot (so an export shows exactly what the badges show).
 */
export function DiagramCaptureBridge({
  dots,
  countsOnly,
}: {
  /** The messages the dot layer draws. */
  dots: DotSource;
  /** Reduced motion: counts per edge instead of dots, as on screen. */
  countsOnly: boolean;
}) {
  const flow = useReactFlow<ServiceFlowNode>();
  const registry = useContext(PathRegistryContext);
  const sim = useSimulator();
  const live = useRef({ dots, countsOnly });
  useEffect(() => {
    live.current = { dots, countsOnly };
  }, [dots, countsOnly]);
  useEffect(() => {
    // A renderer of its own: the dot layer's canvas covers only the pane, and a clip records the
    // whole diagram.
    let renderer: DotRenderer | undefined;
    const source: DiagramSource = {
      capture: (dark) => {
        const state = sim.store.getState();
        const nodes = flow
          .getNodes()
          .filter((n) => !n.hidden)
          .map((n) => captureNode(n, state));
        const edges: CapturedEdge[] = [];
        for (const e of flow.getEdges()) {
          if (e.hidden) continue;
          const d = registry?.path(e.id);
          if (!d) continue;
          const data = e.data as { kind?: string; label?: string } | undefined;
          edges.push({
            id: e.id,
            d,
            kind: data?.kind ?? 'sync',
            ...(data?.label ? { label: data.label, labelAt: midpoint(d) } : {}),
          });
        }
        return {
          title: state.pattern.title,
          caption: `t = ${formatClock(state.live.simTimeMs, true)} · seed ${state.seed} · ${formatSpeed(state.speed)}`,
          totals: totalsOf(state),
          nodes,
          edges,
          dark,
        };
      },
      drawDots: (ctx, dark, zoom) => {
        if (!registry) return 0;
        renderer ??= new DotRenderer(document.createElement('canvas'), registry);
        const { dots, countsOnly } = live.current;
        return renderer.drawWhole(ctx, dots, dark, countsOnly, zoom);
      },
    };
    sources.push(source);
    return () => {
      const i = sources.indexOf(source);
      if (i >= 0) sources.splice(i, 1);
    };
  }, [flow, registry, sim]);
  return null;
}

function captureNode(n: ServiceFlowNode, state: SimState): CapturedNode {
  const view = kindView(n.data.kind);
  const stats = state.live.nodeStats[n.id] ?? {};
  return {
    id: n.id,
    x: n.position.x,
    y: n.position.y,
    width: n.measured?.width ?? view.width,
    height: n.measured?.height ?? view.height,
    serviceName: view.serviceName,
    label: n.data.label,
    ...(n.data.sublabel ? { sublabel: n.data.sublabel } : {}),
    colour: view.colour,
    glyph: renderGlyph(n.data.kind),
    badges: renderBadges(n, stats),
  };
}

const glyphs = new Map<string, string>();

/** A kind's icon glyph as SVG markup (rendered once per kind, off screen). */
function renderGlyph(kind: ServiceFlowNode['data']['kind']): string {
  const cached = glyphs.get(kind);
  if (cached !== undefined) return cached;
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() => root.render(<svg>{kindView(kind).glyph}</svg>));
  const markup = host.firstElementChild?.innerHTML ?? '';
  root.unmount();
  glyphs.set(kind, markup);
  return markup;
}

/** Renders a kind's badges off screen and reads back each number with its label. */
function renderBadges(n: ServiceFlowNode, stats: Record<string, number>): CapturedBadge[] {
  const view = kindView(n.data.kind);
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() =>
    root.render(
      <view.Badges nodeId={n.id} stats={stats} role={n.data.role} colour={view.colour} />,
    ),
  );
  const badges: CapturedBadge[] = [];
  for (const el of host.querySelectorAll<HTMLElement>('[data-testid]')) {
    const id = el.dataset.testid ?? '';
    const key = id.startsWith(`${n.id}-`) ? id.slice(n.id.length + 1) : id;
    const cell = el.parentElement;
    const label =
      cell?.querySelector('.badge-label')?.textContent ?? el.getAttribute('aria-label') ?? key;
    badges.push({
      key,
      label: label.trim(),
      value: (el.textContent ?? '').trim(),
      alert: el.closest('[data-alert="true"]') !== null,
    });
  }
  root.unmount();
  return badges;
}

function totalsOf(state: SimState): { label: string; value: string }[] {
  const { ledger } = state.live;
  const lost = Object.entries(ledger.dropped)
    .filter(([reason]) => reason !== 'filteredOut')
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);
  const totals = [
    { label: 'created', value: formatCount(ledger.created) },
    { label: 'completed', value: formatCount(ledger.completed) },
    { label: 'in system', value: formatCount(ledger.inSystem) },
    { label: 'dead-lettered', value: formatCount(ledger.deadLettered) },
    { label: 'lost', value: formatCount(lost) },
  ];
  const filtered = ledger.dropped.filteredOut ?? 0;
  if (filtered > 0) totals.push({ label: 'filtered out', value: formatCount(filtered) });
  return totals;
}

let measurer: SVGPathElement | null = null;

/** The point halfway along a path, and the path's length (the room its label has). */
function midpoint(d: string): { x: number; y: number; room: number } {
  measurer ??= document.createElementNS('http://www.w3.org/2000/svg', 'path');
  measurer.setAttribute('d', d);
  const length = measurer.getTotalLength();
  const p = measurer.getPointAtLength(length / 2);
  return { x: p.x, y: p.y, room: length };
}
