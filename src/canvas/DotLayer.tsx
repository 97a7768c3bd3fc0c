import { EdgeLabelRenderer, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { wallNow, type Ticker } from '../state';
import { DotRenderer, type DotSource } from './dotRenderer';
import type { PathRegistry } from './pathRegistry';

interface Props {
  source: DotSource;
  ticker: Ticker;
  registry: PathRegistry;
  /** Prefers-reduced-motion: counts per edge instead of moving dots. */
  countsOnly: boolean;
  /** Called every frame with the number of dots drawn and the ms the drawing took (the benchmark). */
  onDrawn?: (drawn: number, ms: number) => void;
}

/**
 * The message-animation layer: one canvas, drawn every frame from the dot buffer. It is portalled
 * into React Flow's edge-label layer so dots pass over edges and under nodes.
 */
export function DotLayer({ source, ticker, registry, countsOnly, onDrawn }: Props) {
  // A state ref: the portal target may appear after the first render, and the effect must rerun then.
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const flow = useStoreApi();
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    onDrawnRef.current = onDrawn;
  }, [onDrawn]);

  useEffect(() => {
    if (!canvas) return;
    // Be the first child of the edge-label layer: over the edges, under the labels and the nodes.
    const layer = canvas.parentElement;
    if (layer && layer.firstChild !== canvas) layer.prepend(canvas);
    const renderer = new DotRenderer(canvas, registry);
    const root = document.documentElement;
    let frames = 0;
    return ticker.onFrame(() => {
      const { transform, width, height } = flow.getState();
      const started = onDrawnRef.current ? wallNow() : 0;
      const drawn = renderer.draw(
        source,
        { x: transform[0], y: transform[1], zoom: transform[2], width, height },
        root.classList.contains('dark'),
        countsOnly,
      );
      const report = onDrawnRef.current;
      if (report) report(drawn, wallNow() - started);
      // Expose what is drawn for tests, a few times a second (attributes are not free).
      if (frames++ % 10 === 0) {
        canvas.dataset.dots = String(drawn);
        canvas.dataset.hops = String(source.hops.totalHops);
      }
    });
  }, [canvas, source, ticker, registry, countsOnly, flow]);

  return (
    <EdgeLabelRenderer>
      <canvas
        ref={setCanvas}
        data-testid="dot-layer"
        data-mode={countsOnly ? 'counts' : 'dots'}
        data-dots="0"
        data-hops="0"
        aria-hidden="true"
        className="pointer-events-none absolute top-0 left-0 origin-top-left"
      />
    </EdgeLabelRenderer>
  );
}
