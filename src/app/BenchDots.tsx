import { useEffect, useMemo, useState } from 'react';
import { FlowCanvas, type DotSource } from '../canvas';
import { isVisible } from '../canvas/graphAdapter';
import { patterns } from '../patterns';
import { HopBuffer, SimProvider, createSimulator } from '../state';
import './styles.css';

declare global {
  interface Window {
    /** Frames per second over the last two seconds (the benchmark reads it). */
    __fps?: number;
    /** Dots drawn in the last frame. */
    __dotsDrawn?: number;
    /** Mean ms the dot layer took to draw a frame, over the last 60 frames. */
    __drawMs?: number;
  }
}

/**
 * The dots benchmark (`index.html?bench=dots&n=10000`): the first pattern's diagram with N
 * synthetic messages always in flight on its edges, and `window.__fps`. No simulation runs.
 */
export function BenchDots({ n }: { n: number }) {
  const pattern = patterns[0];
  if (!pattern) throw new Error('no pattern');
  const [sim] = useState(() => createSimulator({ pattern, seed: 1 }));
  const [drawn, setDrawn] = useState(0);
  const [drawTimes] = useState<number[]>(() => []);
  const source = useMemo<DotSource & { advance: (dtMs: number) => void }>(() => {
    const hops = new HopBuffer(Math.max(1 << 16, n * 2));
    const edges = pattern.edges
      .filter((e) => isVisible(e, sim.store.getState().params))
      .map((e) => hops.indexOf(e.id));
    let now = 0;
    let seed = 12345;
    // A small LCG: deterministic, and no allocation per dot.
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const spawn = (spreadBack: boolean) => {
      const duration = 1500 + random() * 2000;
      const depart = spreadBack ? now - random() * duration : now;
      const edge = edges[Math.floor(random() * edges.length)] as number;
      const r = random();
      const kind = r < 0.7 ? 0 : r < 0.85 ? 1 : r < 0.93 ? 2 : r < 0.98 ? 3 : 4;
      hops.addRaw(edge, depart, depart + duration, kind, random() < 0.2);
    };
    for (let i = 0; i < n; i++) spawn(true);
    return {
      hops,
      now: () => now,
      minDurationMs: () => 0,
      advance(dtMs: number) {
        now += dtMs;
        hops.compact(now, 0);
        while (hops.count < n) spawn(false);
      },
    };
  }, [n, pattern, sim]);

  useEffect(() => {
    let frames = 0;
    return sim.ticker.onFrame((_now, delta) => {
      source.advance(Math.min(delta, 100));
      window.__fps = Math.round(sim.ticker.fps() * 10) / 10;
      if (frames++ % 30 === 0) setDrawn(window.__dotsDrawn ?? 0);
    });
  }, [sim, source]);

  return (
    <SimProvider simulator={sim}>
      <div className="embed">
        <div className="embed-bar text-xs">
          <b>Dots benchmark</b> · {n.toLocaleString('en-US')} messages in flight · drawn{' '}
          <span data-testid="bench-drawn" className="tabular-nums">
            {drawn.toLocaleString('en-US')}
          </span>{' '}
          · <span className="tabular-nums">{window.__fps ?? 0} fps</span>
        </div>
        <div className="canvas-wrap canvas-fill">
          <div className="canvas-pane">
            <FlowCanvas
              colorMode="light"
              dots={source}
              onDrawn={(d, ms) => {
                window.__dotsDrawn = d;
                drawTimes.push(ms);
                if (drawTimes.length > 60) drawTimes.shift();
                window.__drawMs = drawTimes.reduce((a, b) => a + b, 0) / drawTimes.length;
              }}
            />
          </div>
        </div>
      </div>
    </SimProvider>
  );
}
