import { useCallback, useRef, useState, type CSSProperties } from 'react';
import { FIT_MAX_ZOOM, FIT_SIDE, FIT_TOP, FlowCanvas } from '../canvas';
import { CanvasOverlay } from '../ui';
import { DiagramTabs } from '../ui/workflow/DiagramTabs';
import { useCanvasRoom, useElementSize } from './useElementSize';

/** Below this canvas width the legend and ledger move under the diagram instead of over it. */
const OVERLAYS_BELOW_PX = 720;
/** The canvas is never shorter than this. */
const MIN_CANVAS_PX = 320;
/** Space between the floating legend/ledger and the diagram's lowest card. */
const OVERLAY_GAP = 14;

/**
 * The live diagram and its legend and ledger. The canvas asks for the height the diagram needs at
 * the zoom its width allows (as `flex-basis`); a short window may take a fifth of that back (never below
 * 320 px) before the column scrolls. Whatever is left goes to the charts.
 */
export function DiagramArea({ dark }: { dark: boolean }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrapRef);
  const overlay = useElementSize(overlayRef);
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
  // Shrink by up to a fifth when that saves the column from scrolling; if it must scroll anyway,
  // keep the diagram at its best.
  const room = useCanvasRoom(wrapRef);
  const shrunk = Math.max(MIN_CANVAS_PX, Math.round(ideal * 0.8));
  const style: CSSProperties = {
    flexBasis: ideal + below,
    minHeight: (room >= shrunk ? shrunk : Math.max(MIN_CANVAS_PX, ideal)) + below,
  };
  return (
    <DiagramTabs dark={dark}>
      <div className="canvas-wrap" ref={wrapRef} data-placement={placement} style={style}>
        <div className="canvas-pane">
          <FlowCanvas
            colorMode={dark ? 'dark' : 'light'}
            bottomInset={bottomInset}
            onBounds={onBounds}
          />
        </div>
        <CanvasOverlay dark={dark} placement={placement} ref={overlayRef} />
      </div>
    </DiagramTabs>
  );
}
