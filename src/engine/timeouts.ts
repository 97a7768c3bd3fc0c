import type { Simulation } from './simulation';

/** A pending timeout, returned by {@link TimeoutQueue.add}; pass it to `cancel`. */
export interface TimeoutHandle {
  readonly deadline: number;
  readonly cancelled: boolean;
}

interface Entry<T> {
  deadline: number;
  cancelled: boolean;
  /** Dropped on cancel so a cancelled entry does not keep its closure alive until swept. */
  item: T | undefined;
}

/**
 * Timeouts that all have the same duration (a function's timeout, a queue's visibility timeout,
 * an integration timeout, a long poll). Because deadlines then arrive in the order they were set,
 * a FIFO and a single pending event suffice, instead of one heap event per request that mostly
 * gets cancelled: the event queue stays small at high rates.
 */
export class TimeoutQueue<T> {
  private entries: Entry<T>[] = [];
  private head = 0;
  /** Time the pending timer event fires, or Infinity when none is pending. */
  private armedAt = Infinity;
  private firing = false;

  constructor(
    private readonly sim: Simulation,
    readonly durationMs: number,
    private readonly onTimeout: (item: T) => void,
  ) {}

  /** Starts a timeout for `item`; `onTimeout(item)` runs after durationMs unless cancelled. */
  add(item: T): TimeoutHandle {
    const entry: Entry<T> = { deadline: this.sim.now + this.durationMs, cancelled: false, item };
    this.entries.push(entry);
    // While firing, the loop re-arms for the earliest entry once it is done.
    if (!this.firing && this.armedAt === Infinity) this.arm(entry.deadline);
    return entry;
  }

  /** Cancels a timeout: its `onTimeout` will not run. Cancelling twice is harmless. */
  cancel(handle: TimeoutHandle): void {
    const entry = handle as Entry<T>;
    entry.cancelled = true;
    entry.item = undefined;
  }

  /** Timeouts still pending (cancelled ones not yet swept included). */
  get size(): number {
    return this.entries.length - this.head;
  }

  private arm(at: number): void {
    this.armedAt = at;
    this.sim.at(at, this.fire, undefined);
  }

  private readonly fire = (): void => {
    this.armedAt = Infinity;
    this.firing = true;
    const now = this.sim.now;
    try {
      while (this.head < this.entries.length) {
        const entry = this.entries[this.head] as Entry<T>;
        if (entry.cancelled) {
          this.head++;
          continue;
        }
        if (entry.deadline > now) break;
        this.head++;
        const item = entry.item as T;
        this.cancel(entry);
        this.onTimeout(item);
      }
    } finally {
      this.firing = false;
    }
    // Compact once the consumed prefix dominates, keeping shifts amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    while (this.head < this.entries.length && (this.entries[this.head] as Entry<T>).cancelled)
      this.head++;
    const next = this.entries[this.head];
    if (next) this.arm(next.deadline);
  };
}
