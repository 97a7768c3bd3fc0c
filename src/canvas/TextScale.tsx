import { useStore, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';

/** Smallest text a reader is shown on the diagram, in screen pixels. */
export const MIN_TEXT_PX = 11;
/**
 * Below this zoom the cards switch to their compact form: full cards would need their text scaled
 * up by more than 1 / FULL_DETAIL_ZOOM to stay at MIN_TEXT_PX, and would overflow.
 */
export const FULL_DETAIL_ZOOM = 0.8;
/**
 * A fit limited by the pane's height rather than its width may zoom a little under
 * FULL_DETAIL_ZOOM; full cards stay down to this zoom then, their text scaled up to match.
 */
export const HEIGHT_LIMITED_FULL_ZOOM = 0.7;

export type Detail = 'full' | 'compact';

/** The text scale for a zoom: diagram text grows as the diagram shrinks (see {@link TextScale}). */
export function textScaleFor(zoom: number): number {
  return Math.max(1, 1 / (zoom > 0 ? zoom : 1));
}

/**
 * The level of detail at a zoom, given the zoom at which the diagram's width alone would fit the
 * pane. Cards keep their width whatever their text, so that zoom does not depend on the level
 * chosen, and the choice cannot flip the fit back and forth.
 */
export function detailFor(zoom: number, widthFitZoom: number): Detail {
  if (zoom >= FULL_DETAIL_ZOOM) return 'full';
  return widthFitZoom >= FULL_DETAIL_ZOOM && zoom >= HEIGHT_LIMITED_FULL_ZOOM ? 'full' : 'compact';
}

/**
 * Keeps diagram text legible at any zoom. Every diagram font size is at least MIN_TEXT_PX at zoom 1
 * and is multiplied by `--ts`, which grows as the diagram shrinks, so text never reads smaller
 * than MIN_TEXT_PX on screen. When that would overflow the cards (`data-detail="compact"`), they
 * show their name, meters and piles only; the numbers are in the details panel, and on the cards
 * again at a closer zoom.
 */
export function TextScale() {
  const zoom = useStore((s) => s.transform[2]);
  const dom = useStore((s) => s.domNode);
  const paneWidth = useStore((s) => s.width);
  const diagramWidth = useStore(diagramWidthOf);
  // Taller text makes taller cards, and a fit limited by height then zooms out a little more:
  // small decreases of the scale are ignored so that the two settle instead of chasing each other.
  const last = useRef(1);
  useLayoutEffect(() => {
    const root = dom?.closest('.react-flow') ?? dom;
    if (!(root instanceof HTMLElement)) return;
    const widthFit = diagramWidth > 0 ? (paneWidth - 24) / diagramWidth : zoom;
    const detail = detailFor(zoom, widthFit);
    const wanted = Math.ceil(textScaleFor(zoom) * 1000) / 1000;
    const scale = wanted < last.current && wanted > last.current * 0.9 ? last.current : wanted;
    last.current = scale;
    root.style.setProperty('--ts', String(scale));
    root.dataset.detail = detail;
  }, [zoom, dom, paneWidth, diagramWidth]);
  return null;
}

/** The width of the visible cards' bounding box at zoom 1 (0 until measured). */
function diagramWidthOf(s: ReactFlowState): number {
  let minX = Infinity;
  let maxX = -Infinity;
  for (const node of s.nodeLookup.values()) {
    if (node.hidden) continue;
    const w = node.measured.width;
    if (!w) return 0;
    const { x } = node.internals.positionAbsolute;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + w);
  }
  return maxX > minX ? maxX - minX : 0;
}
