import type { Hop } from '../engine';

/** Most dots kept on screen before sampling kicks in ("1 dot = N msgs"). */
export const MAX_VISIBLE_DOTS = 60;
const NICE = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/**
 * The messages in flight that the animation layer draws, as a struct of arrays so that thousands of
 * dots cost no allocation per frame. Hops arrive from the engine (or the benchmark's generator);
 * when too many would be on screen only every N-th message is kept, and `sampleN` says so.
 */
export class HopBuffer {
  readonly capacity: number;
  readonly depart: Float64Array;
  readonly arrive: Float64Array;
  readonly edge: Int16Array;
  readonly kind: Uint8Array;
  readonly reverse: Uint8Array;
  /** How many messages each dot stands for (the sampling factor when it was added). */
  readonly weight: Float32Array;
  /** Sum of the weights: an estimate of the messages in flight, sampled or not. */
  estimatedInFlight = 0;
  /** Dots held (indices 0..count-1). */
  count = 0;
  /** Draw one message in `sampleN`. */
  sampleN = 1;
  /** Hops seen since the start, sampled or not. */
  totalHops = 0;
  /** Hops refused because the buffer was full (should stay 0 thanks to sampling). */
  overflow = 0;
  /** Messages sent along each edge (responses not counted), for the reduced-motion counts. */
  edgeTotals: number[] = [];
  /** Edge ids by index. */
  readonly edgeIds: string[] = [];
  private readonly edgeIndex = new Map<string, number>();

  constructor(capacity = 1 << 16) {
    this.capacity = capacity;
    this.depart = new Float64Array(capacity);
    this.arrive = new Float64Array(capacity);
    this.edge = new Int16Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.reverse = new Uint8Array(capacity);
    this.weight = new Float32Array(capacity);
  }

  /** The index of an edge id (registered on first use). */
  indexOf(edgeId: string): number {
    let i = this.edgeIndex.get(edgeId);
    if (i === undefined) {
      i = this.edgeIds.length;
      this.edgeIds.push(edgeId);
      this.edgeIndex.set(edgeId, i);
      this.edgeTotals.push(0);
    }
    return i;
  }

  /** Adds the engine's drained hops, keeping one message in `sampleN`. */
  addHops(hops: readonly Hop[]): void {
    for (let h = 0; h < hops.length; h++) {
      const hop = hops[h] as Hop;
      const e = this.indexOf(hop.edgeId);
      if (!hop.reverse) this.edgeTotals[e] = (this.edgeTotals[e] as number) + 1;
      this.totalHops++;
      if (hop.msgId % this.sampleN !== 0) continue;
      this.addRaw(e, hop.departMs, hop.arriveMs, hop.kind, hop.reverse);
    }
  }

  /** Adds one dot without sampling (the benchmark's generator calls this directly). */
  addRaw(edge: number, departMs: number, arriveMs: number, kind: number, reverse: boolean): void {
    const i = this.count;
    if (i >= this.capacity) {
      this.overflow++;
      return;
    }
    this.depart[i] = departMs;
    this.arrive[i] = arriveMs;
    this.edge[i] = edge;
    this.kind[i] = kind;
    this.reverse[i] = reverse ? 1 : 0;
    this.weight[i] = this.sampleN;
    this.count = i + 1;
  }

  /**
   * Drops dots that finished before `nowMs`. A hop shorter than `minDurationMs` is drawn for that
   * long so that it stays visible at high speed; the same rule applies when drawing.
   */
  compact(nowMs: number, minDurationMs: number): void {
    const { depart, arrive, edge, kind, reverse, weight } = this;
    let w = 0;
    let sum = 0;
    for (let r = 0; r < this.count; r++) {
      const d = depart[r] as number;
      const a = Math.max(arrive[r] as number, d + minDurationMs);
      if (a < nowMs) continue;
      if (w !== r) {
        depart[w] = d;
        arrive[w] = arrive[r] as number;
        edge[w] = edge[r] as number;
        kind[w] = kind[r] as number;
        reverse[w] = reverse[r] as number;
        weight[w] = weight[r] as number;
      }
      sum += weight[w] as number;
      w++;
    }
    this.count = w;
    this.estimatedInFlight = sum;
    this.adaptSampling();
  }

  /** Forgets everything (a new run). */
  clear(): void {
    this.count = 0;
    this.sampleN = 1;
    this.totalHops = 0;
    this.overflow = 0;
    this.estimatedInFlight = 0;
    this.edgeTotals = this.edgeTotals.map(() => 0);
  }

  private adaptSampling(): void {
    const estimate = this.estimatedInFlight;
    const smallestFitting = (room: number) =>
      NICE.find((n) => estimate / n <= room) ?? (NICE[NICE.length - 1] as number);
    if (estimate / this.sampleN > MAX_VISIBLE_DOTS)
      this.sampleN = smallestFitting(MAX_VISIBLE_DOTS);
    else {
      // Hysteresis: sample more finely only when that would use at most half the room.
      const finer = smallestFitting(MAX_VISIBLE_DOTS * 0.5);
      if (finer < this.sampleN) this.sampleN = finer;
    }
  }
}
