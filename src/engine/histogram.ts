/**
 * A log-linear histogram of non-negative values (latencies in ms) with about 1% relative error,
 * fixed memory and O(1) record: enough for p50/p95/p99 over millions of samples.
 *
 * Bucket layout: values below 1 are kept in one linear range of 64 sub-buckets; above that, each
 * power of two is split into 64 linear sub-buckets (as in HdrHistogram).
 */
export class Histogram {
  private static readonly SUB = 64;
  private static readonly OCTAVES = 48;
  private readonly counts = new Float64Array(Histogram.SUB * (Histogram.OCTAVES + 1));
  /** Number of recorded values. */
  count = 0;
  /** Sum of recorded values (for the exact mean). */
  sum = 0;
  /** Largest recorded value. */
  max = 0;
  /** Smallest recorded value. */
  min = Infinity;

  /** Records one value (negative values count as 0). */
  record(value: number): void {
    const v = value > 0 ? value : 0;
    const i = Histogram.indexOf(v);
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    if (v < this.min) this.min = v;
  }

  /** Exact arithmetic mean, or NaN when empty. */
  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** The q-quantile (0..1), e.g. 0.99 for p99; NaN when empty. */
  percentile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] as number;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, Histogram.valueAt(i)));
    }
    return this.max;
  }

  /** Forgets every value. */
  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
    this.min = Infinity;
  }

  private static indexOf(v: number): number {
    const SUB = Histogram.SUB;
    if (v < 1) return Math.floor(v * SUB);
    // clz32 finds the power of two without a logarithm for the common case (below 2^31 ms).
    const octave =
      v < 2147483648
        ? 31 - Math.clz32(v)
        : Math.min(Histogram.OCTAVES - 1, Math.floor(Math.log2(v)));
    const base = 2 ** octave;
    const sub = Math.min(SUB - 1, Math.floor(((v - base) / base) * SUB));
    return SUB * (octave + 1) + sub;
  }

  /** Midpoint of a bucket. */
  private static valueAt(index: number): number {
    const SUB = Histogram.SUB;
    if (index < SUB) return (index + 0.5) / SUB;
    const octave = Math.floor(index / SUB) - 1;
    const sub = index % SUB;
    const base = 2 ** octave;
    return base + ((sub + 0.5) / SUB) * base;
  }
}
