import { EventQueue, type EventHandler, type PoppedEvent } from './eventQueue';
import { Rng } from './rng';

/** A scheduled event that can still be called off; see {@link Simulation.scheduleCancellable}. */
export interface ScheduledEvent {
  /** Virtual time the event is (or was) due. */
  readonly time: number;
  /** True once cancelled, or once it ran. */
  readonly done: boolean;
}

/** The mutable form of a {@link ScheduledEvent}, private to the kernel. */
interface CancellableEvent<A> {
  time: number;
  done: boolean;
  fn: EventHandler<A> | undefined;
  arg: A | undefined;
}

/** Runs a cancellable event unless it was cancelled; one shared function, no closure per event. */
const runCancellable = (ev: CancellableEvent<unknown>): void => {
  if (ev.done) return;
  ev.done = true;
  const fn = ev.fn as EventHandler<unknown>;
  const arg = ev.arg;
  ev.fn = undefined;
  ev.arg = undefined;
  fn(arg);
};

/**
 * The discrete-event kernel: a virtual clock in milliseconds and an event queue. Models schedule
 * callbacks; `step()` runs the next one, `runUntil(t)` runs all up to t. Nothing here reads the
 * wall clock, so the same seed always yields the same run.
 */
export class Simulation {
  /** Current virtual time in milliseconds. Never decreases. */
  now = 0;
  /** Events run so far. */
  eventsRun = 0;
  /** The root random stream; components take `rng.split(id)`. */
  readonly rng: Rng;
  private readonly queue = new EventQueue();
  private readonly popped: PoppedEvent = { time: 0, fn: undefined, arg: undefined };
  /** Rolling FNV-1a hash of (time, sequence of runs) used to compare traces cheaply. */
  private traceHash = 0x811c9dc5;
  /** Cancelled events still in the heap (they are skipped, not removed: O(1) cancel). */
  private cancelledPending = 0;

  constructor(readonly seed: number | string = 1) {
    this.rng = new Rng(String(seed));
  }

  /** Runs `fn(arg)` after `delayMs` of virtual time (0 means later in this instant). */
  schedule<A>(delayMs: number, fn: EventHandler<A>, arg: A): void {
    if (!(delayMs >= 0)) throw new RangeError(`delay must be >= 0, got ${delayMs}`);
    this.queue.push(this.now + delayMs, fn, arg);
  }

  /** Runs `fn(arg)` at absolute virtual time `timeMs` (not before now). */
  at<A>(timeMs: number, fn: EventHandler<A>, arg: A): void {
    if (!(timeMs >= this.now))
      throw new RangeError(`cannot schedule in the past (${timeMs} < ${this.now})`);
    this.queue.push(timeMs, fn, arg);
  }

  /**
   * Like {@link schedule}, but returns a handle that {@link cancel} can call off: a retry timer
   * that is no longer needed, a poll that was answered. Costs one small object per event, so
   * the hot paths that never cancel keep using `schedule`.
   */
  scheduleCancellable<A>(delayMs: number, fn: EventHandler<A>, arg: A): ScheduledEvent {
    if (!(delayMs >= 0)) throw new RangeError(`delay must be >= 0, got ${delayMs}`);
    const ev: CancellableEvent<A> = { time: this.now + delayMs, done: false, fn, arg };
    this.queue.push(ev.time, runCancellable as EventHandler<CancellableEvent<A>>, ev);
    return ev;
  }

  /**
   * Like {@link scheduleCancellable}, at absolute virtual time `timeMs` (not before now). Use it
   * when the handler compares the clock with a deadline: `now + (deadline − now)` can land one
   * rounding step short of `deadline`, and a handler that then re-arms would spin in place.
   */
  atCancellable<A>(timeMs: number, fn: EventHandler<A>, arg: A): ScheduledEvent {
    if (!(timeMs >= this.now))
      throw new RangeError(`cannot schedule in the past (${timeMs} < ${this.now})`);
    const ev: CancellableEvent<A> = { time: timeMs, done: false, fn, arg };
    this.queue.push(timeMs, runCancellable as EventHandler<CancellableEvent<A>>, ev);
    return ev;
  }

  /**
   * Calls off an event from {@link scheduleCancellable}: it will not run and does not count as
   * an event. Cancelling one that already ran or was cancelled does nothing. Returns whether it
   * was still pending.
   */
  cancel(event: ScheduledEvent): boolean {
    const ev = event as CancellableEvent<unknown>;
    if (ev.done) return false;
    ev.done = true;
    ev.fn = undefined;
    ev.arg = undefined;
    this.cancelledPending++;
    return true;
  }

  /** Number of pending events (cancelled ones not included). */
  get pending(): number {
    return this.queue.size - this.cancelledPending;
  }

  /** Time of the next event, or Infinity. */
  nextEventTime(): number {
    this.skipCancelled();
    return this.queue.peekTime();
  }

  /** Runs the next event. Returns false when there is none. */
  step(): boolean {
    const ev = this.popped;
    this.skipCancelled();
    if (!this.queue.pop(ev)) return false;
    this.now = ev.time;
    this.eventsRun++;
    this.traceHash = Math.imul(this.traceHash ^ ((ev.time * 1000) | 0), 16777619) >>> 0;
    const fn = ev.fn as EventHandler<unknown>;
    const arg = ev.arg;
    ev.fn = undefined;
    ev.arg = undefined;
    fn(arg);
    return true;
  }

  /**
   * Runs every event with time <= `timeMs`, then sets the clock to `timeMs`. With `maxEvents`,
   * stops early once that many events ran (the view uses this to stay responsive) and returns
   * false; returns true when the clock reached `timeMs`.
   */
  runUntil(timeMs: number, maxEvents = Infinity): boolean {
    let budget = maxEvents;
    while (this.nextEventTime() <= timeMs) {
      if (budget-- <= 0) return false;
      this.step();
    }
    if (timeMs > this.now) this.now = timeMs;
    return true;
  }

  /** Pops cancelled events off the top of the heap so that they never run or count. */
  private skipCancelled(): void {
    if (this.cancelledPending === 0) return;
    const ev = this.popped;
    while (this.queue.peekArg() !== undefined && this.queue.peekFn() === runCancellable) {
      const top = this.queue.peekArg() as CancellableEvent<unknown>;
      if (!top.done) break;
      this.queue.pop(ev);
      ev.fn = undefined;
      ev.arg = undefined;
      this.cancelledPending--;
    }
  }

  /** A fingerprint of the event times run so far: equal runs have equal fingerprints. */
  fingerprint(): string {
    return `${this.eventsRun}:${this.traceHash.toString(16)}:${this.now}`;
  }
}
