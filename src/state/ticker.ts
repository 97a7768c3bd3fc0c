/**
 * The one place that reads the wall clock. A single requestAnimationFrame loop per ticker calls its
 * listeners with the frame time and the wall-clock delta; playback advances the simulation from it
 * and the canvas draws from it. It also measures frames per second (the benchmark reads it).
 */
export type FrameListener = (wallNowMs: number, wallDeltaMs: number) => void;

/** A frame clock shared by the playback machine and the animation layer of one simulator. */
export interface Ticker {
  /** Calls `listener` every animation frame until the returned function is called. */
  onFrame(listener: FrameListener): () => void;
  /** Frames per second measured over the last ~2 seconds (0 until measured). */
  fps(): number;
  /** Stops the loop for good. */
  dispose(): void;
}

/** Wall-clock milliseconds (only playback code may call this: it measures the work per frame). */
export function wallNow(): number {
  return performance.now();
}

const FPS_WINDOW_MS = 2000;

/** Creates a ticker; the rAF loop runs only while someone listens. */
export function createTicker(): Ticker {
  const listeners = new Set<FrameListener>();
  let handle = 0;
  let last = 0;
  // Frame times of the last FPS_WINDOW_MS, as a small ring of timestamps.
  const stamps = new Float64Array(512);
  let head = 0;
  let count = 0;
  let disposed = false;

  const frame = (now: number): void => {
    handle = 0;
    if (disposed || listeners.size === 0) return;
    const delta = last === 0 ? 16.7 : now - last;
    last = now;
    stamps[head] = now;
    head = (head + 1) % stamps.length;
    if (count < stamps.length) count++;
    for (const listener of listeners) listener(now, delta);
    if (listeners.size > 0 && !disposed) handle = requestAnimationFrame(frame);
  };

  const ensureRunning = (): void => {
    if (handle === 0 && !disposed) {
      last = 0;
      handle = requestAnimationFrame(frame);
    }
  };

  return {
    onFrame(listener) {
      listeners.add(listener);
      ensureRunning();
      return () => {
        listeners.delete(listener);
      };
    },
    fps() {
      if (count < 2) return 0;
      const newestIndex = (head - 1 + stamps.length) % stamps.length;
      const newest = stamps[newestIndex] as number;
      // Only count frames inside the window, and only if the loop is still alive.
      if (wallNow() - newest > 500) return 0;
      let frames = 0;
      let oldest = newest;
      for (let i = 1; i < count; i++) {
        const t = stamps[(newestIndex - i + stamps.length) % stamps.length] as number;
        if (newest - t > FPS_WINDOW_MS) break;
        oldest = t;
        frames++;
      }
      const span = newest - oldest;
      return span > 0 ? (frames * 1000) / span : 0;
    },
    dispose() {
      disposed = true;
      listeners.clear();
      if (handle !== 0) cancelAnimationFrame(handle);
      handle = 0;
    },
  };
}
