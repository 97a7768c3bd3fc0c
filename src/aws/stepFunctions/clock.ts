/**
 * A virtual clock in the shape of XState's SimulatedClock (`setTimeout`/`clearTimeout`/`now`),
 * which also tells when its next timer is due, so a driver can jump straight to it. Timers fire in
 * due-time order (ties in the order they were set) and only when the clock is advanced.
 */
import type { ExecutionClock } from './types';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** Virtual time, advanced explicitly by the owner. */
export class VirtualClock implements ExecutionClock {
  private time: number;
  private serial = 0;
  private timers: Timer[] = [];

  /** @param start epoch milliseconds the clock starts at. */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    const timer = { id: ++this.serial, due: this.time + Math.max(0, ms), fn };
    // Keep the list sorted by due time; equal due times keep insertion order.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1] as Timer).due > timer.due) i--;
    this.timers.splice(i, 0, timer);
    return timer.id;
  }

  clearTimeout(id: unknown): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** When the earliest pending timer is due, or undefined if none is pending. */
  nextDueTime(): number | undefined {
    return this.timers[0]?.due;
  }

  /** Number of pending timers. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward to `time`, firing every timer due by then in order (timers they set that
   * are also due by then fire too).
   */
  advanceTo(time: number): void {
    for (;;) {
      const next = this.timers[0];
      if (!next || next.due > time) break;
      this.timers.shift();
      if (next.due > this.time) this.time = next.due;
      next.fn();
    }
    if (time > this.time) this.time = time;
  }

  /** Moves time forward by `ms`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Jumps to the next due timer and fires it (and any due at the same instant); false if none. */
  runNext(): boolean {
    const due = this.nextDueTime();
    if (due === undefined) return false;
    this.advanceTo(due);
    return true;
  }
}
