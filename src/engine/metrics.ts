import { Histogram } from './histogram';
import { RingBuffer } from './ringBuffer';

/** A monotonically increasing count (messages in, errors, throttles...). Increment `value`. */
export interface Counter {
  value: number;
}

/**
 * The time average of a piecewise-constant quantity, such as a queue's length: the integral of the
 * value over virtual time divided by the elapsed time. This is the L of Little's law.
 */
export class TimeAverage {
  private area = 0;
  private lastTime: number;
  private startTime: number;
  /** The current value. */
  value = 0;

  constructor(now: number) {
    this.lastTime = now;
    this.startTime = now;
  }

  /** Sets the value at virtual time `now`. */
  set(now: number, value: number): void {
    this.area += this.value * (now - this.lastTime);
    this.lastTime = now;
    this.value = value;
  }

  /** Adds `delta` to the value at virtual time `now`. */
  add(now: number, delta: number): void {
    this.set(now, this.value + delta);
  }

  /** Starts averaging afresh from `now` (a warm-up period left out); the value stays. */
  restart(now: number): void {
    this.area = 0;
    this.lastTime = now;
    this.startTime = now;
  }

  /** Mean value from creation (or the last restart) until `now`. */
  mean(now: number): number {
    const span = now - this.startTime;
    if (span <= 0) return this.value;
    return (this.area + this.value * (now - this.lastTime)) / span;
  }
}

/** Latency of an end-to-end path: all-time histogram plus one reset at every sampling tick. */
export class FlowLatency {
  /** Every sample since the start. */
  readonly total = new Histogram();
  /** Samples since the last tick, for the time-series percentiles. */
  readonly window = new Histogram();

  /** Records one end-to-end latency in ms. */
  record(ms: number): void {
    this.total.record(ms);
    this.window.record(ms);
  }
}

/** One time series: a label, a unit and its sampled values. */
export interface SeriesSpec {
  id: string;
  label: string;
  unit: string;
  read: () => number;
}

/**
 * Samples registered series on a fixed virtual-time interval into bounded ring buffers. Counters
 * are turned into rates by `rate()`; flows into interval percentiles by `flowPercentile()`.
 */
export class MetricsSampler {
  /** Sample times in ms. */
  readonly times: RingBuffer;
  private readonly specs: SeriesSpec[] = [];
  private readonly buffers = new Map<string, RingBuffer>();
  private readonly flows: FlowLatency[] = [];

  constructor(
    /** Virtual ms between samples. */
    readonly intervalMs: number,
    /** Samples kept per series. */
    readonly capacity: number,
  ) {
    this.times = new RingBuffer(capacity);
  }

  /** Registers a series; `read` is called once per tick. */
  add(spec: SeriesSpec): void {
    if (this.buffers.has(spec.id)) throw new Error(`series ${spec.id} registered twice`);
    this.specs.push(spec);
    this.buffers.set(spec.id, new RingBuffer(this.capacity));
  }

  /** A reader giving the counter's per-second rate since the previous tick. */
  rate(counter: Counter): () => number {
    let previous = counter.value;
    const perSecond = 1000 / this.intervalMs;
    return () => {
      const delta = counter.value - previous;
      previous = counter.value;
      return delta * perSecond;
    };
  }

  /** A reader giving a flow's q-percentile over the last interval (NaN when nothing completed). */
  flowPercentile(flow: FlowLatency, q: number): () => number {
    if (!this.flows.includes(flow)) this.flows.push(flow);
    return () => flow.window.percentile(q);
  }

  /** Takes one sample of every series at virtual time `now`, then resets the flow windows. */
  sample(now: number): void {
    this.times.push(now);
    for (const spec of this.specs) (this.buffers.get(spec.id) as RingBuffer).push(spec.read());
    for (const flow of this.flows) flow.window.reset();
  }

  /** The registered series' specs (without readers) in registration order. */
  list(): { id: string; label: string; unit: string }[] {
    return this.specs.map(({ id, label, unit }) => ({ id, label, unit }));
  }

  /** The samples of one series, oldest first. */
  values(id: string): RingBuffer | undefined {
    return this.buffers.get(id);
  }
}
