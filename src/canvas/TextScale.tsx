import { useStore } from '@xyflow/react';
import { useLayoutEffect, useRef, useState } from 'react';

/** Smallest text a reader is shown on the diagram, in screen pixels. */
export const MIN_TEXT_PX = 11;
/**
 * Below this zoom the cards switch to their compact form: full cards would need their text scaled
 * up by more than 1 / FULL_DETAIL_ZOOM to stay at MIN_TEXT_PX, and would overflow.
 */
export const FULL_DETAIL_ZOOM = 0.85;
/** Compact cards go back to full only past this zoom (a little hysteresis). */
export const BACK_TO_FULL_ZOOM = 0.86;
/**
 * Compact cards are shorter, so a fit limited by the pane's height may zoom in, flip them back to
 * full, zoom out and flip them again: after this many flips within one pane width they stay
 * compact.
 */
const MAX_FLIPS = 2;
/**
 * Full cards turn compact only once the zoom has stayed below FULL_DETAIL_ZOOM this long (wall
 * ms): a card that grows a row makes the fit dip for a frame or two before the canvas follows,
 * and that must not cost the numbers on every card.
 */
const SETTLE_MS = 700;
/** A dip is small (and waits SETTLE_MS) down to this fraction of FULL_DETAIL_ZOOM. */
const DIP_FLOOR = 0.9;

export type Detail = 'full' | 'compact';

/**
 * The text scale for a zoom and level of detail. Full cards always use the scale their smallest
 * zoom needs, so their size never depends on the zoom (a fit that depends on the cards' size
 * would otherwise chase it); compact cards grow their few lines of text as the diagram shrinks.
 */
export function textScaleFor(zoom: number, detail: Detail = 'compact'): number {
  if (detail === 'full') return Math.ceil(1000 / FULL_DETAIL_ZOOM) / 1000;
  return Math.max(1, 1 / (zoom > 0 ? zoom : 1));
}

/**
 * The level of detail for a zoom, given the level so far and how often it flipped within this
 * pane width (see MAX_FLIPS).
 */
export function detailFor(zoom: number, previous: Detail, flips: number): Detail {
  if (previous === 'compact') {
    if (flips >= MAX_FLIPS) return 'compact';
    return zoom >= BACK_TO_FULL_ZOOM ? 'full' : 'compact';
  }
  return zoom >= FULL_DETAIL_ZOOM ? 'full' : 'compact';
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
  // Taller text makes taller cards, and a fit limited by height then zooms out a little more:
  // small decreases of the scale are ignored, and the level of detail flips at most MAX_FLIPS
  // times per pane width, so that the two settle instead of chasing each other.
  const state = useRef({
    detail: 'full' as Detail,
    scale: 1,
    width: -1,
    flips: 0,
    /** A dip below full-detail level while the cards are full: waiting out SETTLE_MS, or over. */
    dip: 'none' as 'none' | 'waiting' | 'expired',
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const [tick, setTick] = useState(0);
  useLayoutEffect(() => {
    const root = dom?.closest('.react-flow') ?? dom;
    if (!(root instanceof HTMLElement)) return;
    const prev = state.current;
    const same = prev.width === paneWidth;
    const flips = same ? prev.flips : 0;
    let detail = detailFor(zoom, prev.detail, flips);
    let dip: typeof prev.dip = 'none';
    let timer = prev.timer;
    // Only a small dip waits (a fit that settles far below is a real change, decided at once).
    const smallDip = zoom >= FULL_DETAIL_ZOOM * DIP_FLOOR;
    if (
      same &&
      smallDip &&
      prev.detail === 'full' &&
      detail === 'compact' &&
      prev.dip !== 'expired'
    ) {
      // A dip: the cards stay full until it has lasted SETTLE_MS (a new pane width decides at once).
      detail = 'full';
      dip = 'waiting';
      if (prev.dip === 'none')
        timer = setTimeout(() => {
          if (state.current.dip !== 'waiting') return;
          state.current.dip = 'expired';
          setTick((n) => n + 1);
        }, SETTLE_MS);
    } else if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const wanted = Math.ceil(textScaleFor(zoom, detail) * 1000) / 1000;
    const keep = detail === prev.detail && wanted < prev.scale && wanted > prev.scale * 0.9;
    const scale = keep ? prev.scale : wanted;
    const flipped = same && detail !== prev.detail;
    state.current = {
      detail,
      scale,
      width: paneWidth,
      flips: flips + (flipped ? 1 : 0),
      dip,
      timer,
    };
    root.style.setProperty('--ts', String(scale));
    // The exact scale for 11 px on screen at this zoom: --ts may sit up to 10% above it (the
    // hysteresis above), and a name too wide for its card may shrink down to this floor.
    root.style.setProperty(
      '--ts-floor',
      String(Math.ceil(Math.max(1, 1 / (zoom || 1)) * 1000) / 1000),
    );
    root.dataset.detail = detail;
  }, [zoom, dom, paneWidth, tick]);
  return null;
}
