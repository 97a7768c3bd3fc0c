import type { Simulation } from './simulation';

/** A pending timeout; `cancel()` it when the awaited thing happened in time. */
export interface TimeoutHandle {
  readonly deadline: number;
  cancelled: boolean;
}

interface Entry<T> extends TimeoutHandle {
  item: T;
}

/**
 * Timeouts that all have the same duration (a function's timeout, a queue's visibility timeout,
 * an integration timeout). Because deadlines then arrive in the order they were set, a FIFO and a
 * single pending event suffice, instead of one heap event per request that mostly gets cancelled:
 * the event queue stays small at high rates.
 */
export class TimeoutQueue<T> {
  private entries: Entry<T>[] = [];
  private head = 0;
  private armed = false;

  constructor(
    private readonly sim: Simulation,
    readonly durationMs: number,
    private readonly onTimeout: (item: T) => void,
  ) {}

  /** Starts a timeout for `item`; `onTimeout(item)` runs after durationMs unless cancelled. */
  add(item: T): TimeoutHandle {
    const entry: Entry<T> = { deadline: this.sim.now + this.durationMs, cancelled: false, item };
    this.entries.push(entry);
    if (!this.armed) this.arm(entry.deadline);
    return entry;
  }

  /** Timeouts still pending (cancelled ones not yet swept included). */
  get size(): number {
    return this.entries.length - this.head;
  }

  private arm(at: number): void {
    this.armed = true;
    this.sim.at(at, this.fire, undefined);
  }

  private readonly fire = (): void => {
    this.armed = false;
    const now = this.sim.now;
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head] as Entry<T>;
      if (entry.cancelled) {
        this.head++;
        continue;
      }
      if (entry.deadline > now) break;
      this.head++;
      entry.cancelled = true;
      this.onTimeout(entry.item);
    }
    // Compact once the consumed prefix dominates, keeping shifts amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    // Skip leading cancelled entries so the timer is not armed for nothing.
    while (this.head < this.entries.length && (this.entries[this.head] as Entry<T>).cancelled)
      this.head++;
    const next = this.entries[this.head];
    if (next && !this.armed) this.arm(next.deadline);
  };
}
