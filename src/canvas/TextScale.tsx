import { useStore } from '@xyflow/react';
import { useLayoutEffect } from 'react';

/** Smallest text a reader is shown on the diagram, in screen pixels. */
export const MIN_TEXT_PX = 11;
/**
 * Below this zoom the cards switch to their compact form: full cards would need their text scaled
 * up by more than 1 / FULL_DETAIL_ZOOM to stay at MIN_TEXT_PX, and would overflow.
 */
export const FULL_DETAIL_ZOOM = 0.84;

/** The text scale and the level of detail for a zoom (see {@link TextScale}). */
export function detailFor(zoom: number): { scale: number; detail: 'full' | 'compact' } {
  const z = zoom > 0 ? zoom : 1;
  return { scale: Math.max(1, 1 / z), detail: z >= FULL_DETAIL_ZOOM ? 'full' : 'compact' };
}

/**
 * Keeps diagram text legible at any zoom. Every diagram font size is at least MIN_TEXT_PX at zoom 1
 * and is multiplied by `--ts`, which grows as the diagram shrinks, so text never reads smaller
 * than MIN_TEXT_PX on screen. When that would overflow the cards (`data-detail="compact"`), they
 * show their name and their piles and meters only; the numbers are in the details panel, and in
 * full at a closer zoom.
 */
export function TextScale() {
  const zoom = useStore((s) => s.transform[2]);
  const dom = useStore((s) => s.domNode);
  useLayoutEffect(() => {
    const root = dom?.closest('.react-flow') ?? dom;
    if (!(root instanceof HTMLElement)) return;
    const { scale, detail } = detailFor(zoom);
    root.style.setProperty('--ts', String(Math.ceil(scale * 1000) / 1000));
    root.dataset.detail = detail;
  }, [zoom, dom]);
  return null;
}
