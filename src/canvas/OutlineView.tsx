import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';
import { useSimulator } from '../state';
import { useReducedMotion } from './useReducedMotion';

/** No text on the diagram smaller than this on screen, whatever the zoom. */
export const MIN_SCREEN_TEXT_PX = 11;
/** Where the column fits, the outline is drawn life-size (or just legible): more of it shows. */
const OUTLINE_MAX_ZOOM = 1;
const SIDE = 12;
const TOP = 12;
/** Room kept around a card brought into view. */
const FOCUS_MARGIN = 12;

/**
 * The smallest font size (CSS px at zoom 1) of any text drawn on the diagram: the cards and the
 * edge labels. Measured rather than assumed, so it follows whatever the cards' styles become.
 */
export function smallestDiagramTextPx(root: HTMLElement): number {
  let smallest = Infinity;
  for (const el of root.querySelectorAll<HTMLElement>(
    '.react-flow__node *, .react-flow__edgelabel-renderer *',
  )) {
    const hasText = Array.from(el.childNodes).some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
    );
    if (!hasText || el.getClientRects().length === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size > 0) smallest = Math.min(smallest, size);
  }
  return smallest;
}

/** The visible nodes' box at zoom 1, as "x,y,w,h" ('' until they are measured). */
function boxKey(s: ReactFlowState): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of s.nodeLookup.values()) {
    if (node.hidden) continue;
    const w = node.measured.width;
    const h = node.measured.height;
    if (!w || !h) return '';
    const { x, y } = node.internals.positionAbsolute;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  }
  return maxX > minX ? [minX, minY, maxX - minX, maxY - minY].map(Math.round).join(',') : '';
}

/**
 * The outline's view: the column at a zoom where the smallest text on the diagram is at least
 * {@link MIN_SCREEN_TEXT_PX} on screen, life-size if that is larger and fits (wider than the pane
 * if need be: the reader pans), centred, starting at the top. Re-done when the pane or the diagram changes size, until the
 * reader pans or zooms by hand.
 */
export function OutlineView({
  userMoved,
  onZoom,
}: {
  userMoved: () => boolean;
  onZoom?: ((zoom: number) => void) | undefined;
}) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const box = useStore(boxKey);
  const domNode = useStore((s) => s.domNode);
  const { setViewport } = useReactFlow();
  useEffect(() => {
    if (width <= 0 || height <= 0 || box === '' || !domNode || userMoved()) return;
    const [bx, by, bw] = box.split(',').map(Number) as [number, number, number, number];
    const legible =
      MIN_SCREEN_TEXT_PX / Math.min(MIN_SCREEN_TEXT_PX, smallestDiagramTextPx(domNode));
    const fit = (width - 2 * SIDE) / bw;
    const zoom = Math.max(legible, Math.min(OUTLINE_MAX_ZOOM, fit));
    const spare = width - bw * zoom;
    const x = (spare > 2 * SIDE ? spare / 2 : SIDE) - bx * zoom;
    void setViewport({ x, y: TOP - by * zoom, zoom });
    onZoom?.(zoom);
  }, [width, height, box, domNode, setViewport, userMoved, onZoom]);
  return null;
}

/**
 * When a parameter changes, brings the card it belongs to into the part of the pane the reader
 * can see (above `visibleBottom`, a screen y: a bottom sheet may cover the rest), so the effect of
 * a slider shows while it moves.
 */
export function FocusOnParamChange({ visibleBottom }: { visibleBottom?: () => number }) {
  const sim = useSimulator();
  const domNode = useStore((s) => s.domNode);
  const { getInternalNode, getViewport, setViewport } = useReactFlow();
  const reduced = useReducedMotion();
  useEffect(
    () =>
      sim.store.subscribe((state, prev) => {
        if (state.params === prev.params || state.pattern !== prev.pattern || !domNode) return;
        const spec = state.pattern.params.find((p) => state.params[p.id] !== prev.params[p.id]);
        const ids = spec?.node === undefined ? [] : [spec.node].flat();
        const node = ids.map((id) => getInternalNode(id)).find((n) => n && !n.hidden);
        if (!node) return;
        const pane = domNode.getBoundingClientRect();
        const vp = getViewport();
        const top = Math.max(pane.top, 0) + FOCUS_MARGIN;
        const bottom = Math.min(pane.bottom, visibleBottom?.() ?? Infinity) - FOCUS_MARGIN;
        const left = pane.left + FOCUS_MARGIN;
        const right = pane.right - FOCUS_MARGIN;
        const { x, y } = node.internals.positionAbsolute;
        const w = (node.measured.width ?? 0) * vp.zoom;
        const h = (node.measured.height ?? 0) * vp.zoom;
        const nodeTop = pane.top + vp.y + y * vp.zoom;
        const nodeLeft = pane.left + vp.x + x * vp.zoom;
        let dy = 0;
        if (nodeTop < top || nodeTop + h > bottom)
          dy = (h > bottom - top ? top : top + (bottom - top - h) / 2) - nodeTop;
        let dx = 0;
        if (nodeLeft < left || nodeLeft + w > right)
          dx = (w > right - left ? left : left + (right - left - w) / 2) - nodeLeft;
        if (dx === 0 && dy === 0) return;
        void setViewport(
          { x: vp.x + dx, y: vp.y + dy, zoom: vp.zoom },
          { duration: reduced ? 0 : 250 },
        );
      }),
    [sim, domNode, getInternalNode, getViewport, setViewport, visibleBottom, reduced],
  );
  return null;
}
