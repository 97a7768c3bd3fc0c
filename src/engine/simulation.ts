import { EventQueue, type EventHandler, type PoppedEvent } from './eventQueue';
import { Rng } from './rng';

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

  /** Number of pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next event, or Infinity. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Runs the next event. Returns false when there is none. */
  step(): boolean {
    const ev = this.popped;
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
    while (this.queue.peekTime() <= timeMs) {
      if (budget-- <= 0) return false;
      this.step();
    }
    if (timeMs > this.now) this.now = timeMs;
    return true;
  }

  /** A fingerprint of the event times run so far: equal runs have equal fingerprints. */
  fingerprint(): string {
    return `${this.eventsRun}:${this.traceHash.toString(16)}:${this.now}`;
  }
}
