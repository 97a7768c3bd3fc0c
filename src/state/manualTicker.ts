import type { FrameListener, Ticker } from './ticker';

/** A ticker driven by hand, for tests: `tick(ms)` runs one frame `ms` after the previous one. */
export interface ManualTicker extends Ticker {
  tick(deltaMs: number): void;
}

/** Creates a {@link ManualTicker} (no requestAnimationFrame, no wall clock). */
export function createManualTicker(): ManualTicker {
  const listeners = new Set<FrameListener>();
  let now = 0;
  return {
    onFrame(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    fps: () => 60,
    dispose: () => listeners.clear(),
    tick(deltaMs) {
      now += deltaMs;
      for (const listener of [...listeners]) listener(now, deltaMs);
    },
  };
}
