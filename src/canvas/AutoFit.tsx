import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Fits the diagram to the pane again whenever the pane changes size (panels opening, the window
 * resizing), until the reader pans or zooms by hand: from then on their view is theirs.
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
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0 && height > 0 && !userMoved()) void fitView(options);
  }, [width, height, fitView, options, userMoved]);
  return null;
}
