import { useReactFlow, useStore, type FitViewOptions, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Fits the diagram to the pane again whenever the pane changes size (panels opening, the window
 * resizing) or the fit options change, until the reader pans or zooms by hand: from then on their
 * view is theirs.
 */
export function AutoFit({
  options,
  userMoved,
}: {
  options: FitViewOptions;
  userMoved: () => boolean;
}) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const bounds = useStore(boundsKey);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0 && height > 0 && bounds !== '' && !userMoved()) void fitView(options);
  }, [width, height, bounds, fitView, options, userMoved]);
  return null;
}

/** The size of the diagram's visible nodes at zoom 1, as "w×h" ('' until they are measured). */
function boundsKey(s: ReactFlowState): string {
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
  return maxX > minX ? `${Math.round(maxX - minX)}×${Math.round(maxY - minY)}` : '';
}

/**
 * Tells the page how big the diagram is at zoom 1 (it sizes the canvas from that), until the
 * reader arranges the view by hand.
 */
export function ReportBounds({
  onBounds,
  userMoved,
}: {
  onBounds: (size: { width: number; height: number }) => void;
  userMoved: () => boolean;
}) {
  const key = useStore(boundsKey);
  useEffect(() => {
    if (key === '' || userMoved()) return;
    const [width, height] = key.split('×').map(Number) as [number, number];
    onBounds({ width, height });
  }, [key, onBounds, userMoved]);
  return null;
}
