/**
 * A fixed-capacity ring buffer of numbers: the newest `capacity` values, oldest first. Metrics
 * time series live in these so a long run never grows memory.
 */
export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  /** Number of values held (at most capacity). */
  length = 0;

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity);
  }

  /** Appends a value, overwriting the oldest when full. */
  push(value: number): void {
    const cap = this.capacity;
    if (this.length < cap) {
      this.data[(this.start + this.length) % cap] = value;
      this.length++;
    } else {
      this.data[this.start] = value;
      this.start = (this.start + 1) % cap;
    }
  }

  /** The i-th value, oldest first. */
  get(i: number): number {
    return this.data[(this.start + i) % this.capacity] as number;
  }

  /** The newest value, or NaN. */
  last(): number {
    return this.length === 0 ? NaN : this.get(this.length - 1);
  }

  /** A copy, oldest first. */
  toArray(): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /** Empties the buffer. */
  clear(): void {
    this.start = 0;
    this.length = 0;
  }
}
