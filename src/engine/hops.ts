/** How a hop's message is coloured: by its fate at the moment it travels. */
export const enum HopKind {
  Normal = 0,
  Success = 1,
  Retry = 2,
  Failure = 3,
  Filtered = 4,
}

/** One message travelling one edge: the view interpolates its position between depart and arrive. */
export interface Hop {
  msgId: number;
  edgeId: string;
  departMs: number;
  arriveMs: number;
  kind: HopKind;
  /** True when the message travels against the edge's direction (a synchronous response). */
  reverse: boolean;
}

/**
 * Hop events for the animation layer, buffered until the view drains them. Bounded: when the view
 * falls behind, the oldest hops are discarded (they would be off screen already) and counted.
 * Disabled (the default for headless runs) it costs one branch per hop.
 */
export class HopLog {
  enabled = false;
  /** Hops discarded because the buffer was full. */
  discarded = 0;
  private buffer: Hop[] = [];

  constructor(readonly capacity = 50_000) {}

  /** Records a hop if the log is enabled. */
  record(
    msgId: number,
    edgeId: string,
    departMs: number,
    arriveMs: number,
    kind: HopKind = HopKind.Normal,
    reverse = false,
  ): void {
    if (!this.enabled) return;
    if (this.buffer.length >= this.capacity) {
      // Drop the oldest half at once so this stays amortised O(1).
      const half = this.capacity >> 1;
      this.buffer = this.buffer.slice(half);
      this.discarded += half;
    }
    this.buffer.push({ msgId, edgeId, departMs, arriveMs, kind, reverse });
  }

  /** Returns and clears the buffered hops, oldest first. */
  drain(): Hop[] {
    const out = this.buffer;
    this.buffer = [];
    return out;
  }
}
