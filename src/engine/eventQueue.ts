/** A scheduled callback: `fn(arg)` runs when the simulation clock reaches the event's time. */
export type EventHandler<A = unknown> = (arg: A) => void;

/**
 * A binary min-heap of events ordered by time, then by insertion sequence, so that two events at
 * the same instant always run in the order they were scheduled (deterministic ties).
 *
 * Stored as a struct of arrays (times and sequence numbers in typed arrays, handlers and their
 * arguments in plain arrays): pushing and popping allocate nothing once the arrays have grown.
 */
export class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private fns: (EventHandler<never> | undefined)[] = new Array(1024);
  private args: unknown[] = new Array(1024);
  private count = 0;
  private nextSeq = 0;

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? (this.times[0] as number) : Infinity;
  }

  /** The handler of the earliest pending event (undefined when empty). */
  peekFn(): EventHandler<never> | undefined {
    return this.count > 0 ? this.fns[0] : undefined;
  }

  /** The argument of the earliest pending event (undefined when empty). */
  peekArg(): unknown {
    return this.count > 0 ? this.args[0] : undefined;
  }

  /** Adds an event; O(log n). */
  push<A>(time: number, fn: EventHandler<A>, arg: A): void {
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    let i = this.count++;
    const times = this.times;
    const seqs = this.seqs;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      this.fns[i] = this.fns[parent];
      this.args[i] = this.args[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    this.fns[i] = fn as EventHandler<never>;
    this.args[i] = arg;
  }

  /**
   * Removes the earliest event and runs nothing: the caller gets its parts through `out` so that
   * no tuple is allocated per event. Returns false when empty.
   */
  pop(out: PoppedEvent): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    out.time = times[0] as number;
    out.fn = this.fns[0] as EventHandler<unknown>;
    out.arg = this.args[0];
    const last = --this.count;
    const lt = times[last] as number;
    const ls = seqs[last] as number;
    const lf = this.fns[last];
    const la = this.args[last];
    this.fns[last] = undefined;
    this.args[last] = undefined;
    if (last === 0) return true;
    // Sift the former last element down from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (
        right < last &&
        ((times[right] as number) < (times[child] as number) ||
          ((times[right] as number) === (times[child] as number) &&
            (seqs[right] as number) < (seqs[child] as number)))
      ) {
        child = right;
      }
      const ct = times[child] as number;
      if (lt < ct || (lt === ct && ls < (seqs[child] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[child] as number;
      this.fns[i] = this.fns[child];
      this.args[i] = this.args[child];
      i = child;
    }
    times[i] = lt;
    seqs[i] = ls;
    this.fns[i] = lf;
    this.args[i] = la;
    return true;
  }

  /** Drops every pending event. */
  clear(): void {
    this.count = 0;
    this.fns.fill(undefined);
    this.args.fill(undefined);
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    const seqs = new Float64Array(n);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.fns.length = n;
    this.args.length = n;
  }
}

/** Reusable out-parameter for {@link EventQueue.pop}. */
export interface PoppedEvent {
  time: number;
  fn: EventHandler<unknown> | undefined;
  arg: unknown;
}
