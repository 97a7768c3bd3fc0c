import type { MetricsSampler } from '../engine';

/** Most points kept per series: wider than any chart is in pixels, so nothing visible is lost. */
export const HISTORY_POINTS = 1024;

/** One series of the history: per point, the mean of its finite samples and how many there were. */
interface Track {
  means: number[];
  weights: number[];
  /** The bucket being filled. */
  sum: number;
  n: number;
}

/**
 * The whole run so far for the charts, at most {@link HISTORY_POINTS} points per series. It reads
 * the sampler's new samples at every publish; each point stands for `bucket` consecutive samples
 * (their mean, ignoring gaps), and when the points run out neighbours merge and `bucket` doubles.
 * So a day-long run at 1,000× still shows from t = 0, and a short run shows every sample.
 */
export class ChartHistory {
  /** Samples per point (a power of two). */
  bucket = 1;
  /** Time (ms) of each point: its newest sample's time. */
  private times: number[] = [];
  private readonly tracks = new Map<string, Track>();
  private pendingTime = NaN;
  private pendingN = 0;
  private lastSampleMs = -Infinity;

  /** Pulls the samples taken since the last call. */
  update(sampler: MetricsSampler): void {
    const times = sampler.times;
    let first = times.length;
    while (first > 0 && times.get(first - 1) > this.lastSampleMs) first--;
    if (first === times.length) return;
    const ids = sampler.list().map((s) => s.id);
    for (const id of ids)
      if (!this.tracks.has(id)) this.tracks.set(id, newTrack(this.times.length));
    for (let i = first; i < times.length; i++) {
      const t = times.get(i);
      for (const id of ids) {
        const track = this.tracks.get(id) as Track;
        const buffer = sampler.values(id);
        const y = buffer && i < buffer.length ? buffer.get(i) : NaN;
        if (Number.isFinite(y)) {
          track.sum += y;
          track.n++;
        }
      }
      this.pendingTime = t;
      this.pendingN++;
      this.lastSampleMs = t;
      if (this.pendingN >= this.bucket) this.flush();
    }
  }

  /** Number of completed points (the bucket being filled is drawn as one more). */
  get length(): number {
    return this.times.length;
  }

  /** x in seconds, one entry per point, the partial bucket last. */
  xs(): number[] {
    const out = this.times.map((t) => t / 1000);
    if (this.pendingN > 0) out.push(this.pendingTime / 1000);
    return out;
  }

  /** One series' values aligned with {@link xs}; null where a point had no finite sample. */
  ys(id: string): (number | null)[] {
    const track = this.tracks.get(id);
    const size = this.times.length + (this.pendingN > 0 ? 1 : 0);
    if (!track) return new Array<number | null>(size).fill(null);
    const out: (number | null)[] = track.weights.map((w, i) =>
      w > 0 ? (track.means[i] as number) : null,
    );
    if (this.pendingN > 0) out.push(track.n > 0 ? track.sum / track.n : null);
    return out;
  }

  private flush(): void {
    this.times.push(this.pendingTime);
    for (const track of this.tracks.values()) {
      track.means.push(track.n > 0 ? track.sum / track.n : 0);
      track.weights.push(track.n);
      track.sum = 0;
      track.n = 0;
    }
    this.pendingN = 0;
    if (this.times.length >= HISTORY_POINTS) this.halve();
  }

  /** Merges neighbouring points pairwise (weighted means) and doubles the bucket. */
  private halve(): void {
    const half = this.times.length >> 1;
    this.times = Array.from({ length: half }, (_, i) => this.times[2 * i + 1] as number);
    for (const track of this.tracks.values()) {
      const means: number[] = [];
      const weights: number[] = [];
      for (let i = 0; i < half; i++) {
        const wa = track.weights[2 * i] as number;
        const wb = track.weights[2 * i + 1] as number;
        const w = wa + wb;
        const m =
          w > 0
            ? ((track.means[2 * i] as number) * wa + (track.means[2 * i + 1] as number) * wb) / w
            : 0;
        means.push(m);
        weights.push(w);
      }
      track.means = means;
      track.weights = weights;
    }
    this.bucket *= 2;
  }
}

/** A track for a series first seen after `points` points: gaps until then. */
function newTrack(points: number): Track {
  return {
    means: new Array<number>(points).fill(0),
    weights: new Array<number>(points).fill(0),
    sum: 0,
    n: 0,
  };
}
