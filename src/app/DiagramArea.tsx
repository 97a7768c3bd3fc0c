import { useCallback, useLayoutEffect, useState, type CSSProperties } from 'react';
import { FIT_MAX_ZOOM, FIT_SIDE, FIT_TOP, FlowCanvas } from '../canvas';
import { CanvasOverlay } from '../ui';
import { DiagramTabs } from '../ui/workflow/DiagramTabs';
import { useElementSize } from './useElementSize';

/** Below this canvas width the legend and ledger move under the diagram instead of over it. */
const OVERLAYS_BELOW_PX = 720;
/** The canvas is never shorter than this. */
const MIN_CANVAS_PX = 320;
/**
 * On a small screen the legend's first line shows under the diagram: a sign that the legend, the
 * ledger and the charts follow, and a place to drag the page rather than the diagram.
 */
const PEEK_BELOW = 44;
/** Space between the floating legend/ledger and the diagram's lowest card. */
const OVERLAY_GAP = 14;

/**
 * The live diagram and its legend and ledger. The canvas asks for the height the diagram needs at
 * the zoom its width allows (as `flex-basis`); a short window may take a fifth of that back (never below
 * 320 px) before the column scrolls. Whatever is left goes to the charts.
 */
export function DiagramArea({
  dark,
  compact = false,
  visibleBottom,
}: {
  dark: boolean;
  /** The small-screen layout: the diagram as one column, panned (see CompactDiagram). */
  compact?: boolean;
  /** Screen y below which a bottom sheet covers the diagram. */
  visibleBottom?: () => number;
}) {
  return compact ? (
    <CompactDiagram dark={dark} visibleBottom={visibleBottom} />
  ) : (
    <WideDiagram dark={dark} />
  );
}

function WideDiagram({ dark }: { dark: boolean }) {
  const [wrapEl, setWrapEl] = useState<HTMLDivElement | null>(null);
  const [overlayEl, setOverlayEl] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(wrapEl);
  const overlay = useElementSize(overlayEl);
  const [diagram, setDiagram] = useState<{ width: number; height: number } | null>(null);
  const onBounds = useCallback((size: { width: number; height: number }) => setDiagram(size), []);

  const placement = width > 0 && width < OVERLAYS_BELOW_PX ? 'below' : 'float';
  const bottomInset = placement === 'float' ? overlay.height + OVERLAY_GAP + 12 : 16;
  const below = placement === 'below' ? overlay.height : 0;
  let ideal = 420;
  if (diagram && width > 0) {
    const zoom = Math.min(FIT_MAX_ZOOM, (width - 2 * FIT_SIDE) / diagram.width);
    ideal = Math.ceil(FIT_TOP + bottomInset + diagram.height * zoom);
  }
  // The diagram keeps the height it needs at the zoom its width allows, and the column scrolls to
  // the charts if it must. (A shorter canvas would zoom the diagram out below the level at which
  // cards show their numbers (canvas/TextScale.tsx); compact cards are shorter, the diagram would
  // fit again, and the two would chase each other.)
  const style: CSSProperties = {
    flexBasis: ideal + below,
    minHeight: Math.max(MIN_CANVAS_PX, ideal) + below,
  };
  return (
    <DiagramTabs dark={dark}>
      <div className="canvas-wrap" ref={setWrapEl} data-placement={placement} style={style}>
        <div className="canvas-pane">
          <FlowCanvas
            colorMode={dark ? 'dark' : 'light'}
            bottomInset={bottomInset}
            onBounds={onBounds}
          />
        </div>
        <CanvasOverlay dark={dark} placement={placement} ref={setOverlayEl} />
      </div>
    </DiagramTabs>
  );
}

/**
 * The small-screen diagram: the pattern as one column read top to bottom (the outline
 * arrangement), at a zoom where its text is legible, filling the screen from the playback bar down
 * to just above the bottom sheet's strip; the reader pans it. The legend, ledger and charts follow
 * below it.
 */
function CompactDiagram({
  dark,
  visibleBottom,
}: {
  dark: boolean;
  visibleBottom?: (() => number) | undefined;
}) {
  // In state, not a ref: the Workflow tabs (loaded lazily) mount the diagram again, in a new element.
  const [wrap, setWrap] = useState<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(MIN_CANVAS_PX);
  useLayoutEffect(() => {
    // The simulation's column (a tab panel between them, if any, has `display: contents`).
    const section = wrap?.closest('section');
    if (!wrap || !section) return;
    const measure = () => {
      // The wrap's top as if the column were not scrolled, and the sheet's strip at the bottom.
      const top =
        wrap.getBoundingClientRect().top -
        section.getBoundingClientRect().top +
        section.scrollTop +
        section.getBoundingClientRect().top;
      const strip = parseFloat(getComputedStyle(section).paddingBottom) || 0;
      setHeight(Math.max(MIN_CANVAS_PX, Math.floor(window.innerHeight - top - strip - PEEK_BELOW)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(section);
    const bar = section.firstElementChild;
    if (bar) observer.observe(bar);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [wrap]);
  return (
    <DiagramTabs dark={dark}>
      <div
        className="canvas-wrap"
        ref={setWrap}
        data-placement="below"
        data-arrangement="outline"
        style={{ flex: 'none' }}
      >
        <div className="canvas-pane" style={{ flex: 'none', height }}>
          <FlowCanvas
            colorMode={dark ? 'dark' : 'light'}
            arrangement="outline"
            visibleBottom={visibleBottom}
          />
        </div>
        <CanvasOverlay dark={dark} placement="below" />
      </div>
    </DiagramTabs>
  );
}
