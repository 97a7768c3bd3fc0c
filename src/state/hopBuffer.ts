import type { Hop } from '../engine';

/** Most dots held at once, over all edges (the dot layer sustains this many at 48-60 fps). */
export const MAX_DOTS = 10_000;
/** Dots an edge holds before it is thinned, until the view says how many its length can show. */
export const DEFAULT_EDGE_ROOM = 120;
/** Kept for callers that read the old name: the total room. */
export const MAX_VISIBLE_DOTS = MAX_DOTS;
const NICE = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/**
 * How long a dot is drawn travelling a hop. A hop shorter than `minDurationMs` would flash by at
 * speed, so it is stretched, but by an amount that grows with the hop's own latency (log scale):
 * a slow hop still moves visibly slower than a fast one at 100×, instead of every dot taking the
 * same time and the stream looking like still beads. Longer hops are drawn as they are.
 */
export function shownArriveMs(departMs: number, arriveMs: number, minDurationMs: number): number {
  const duration = arriveMs - departMs;
  if (minDurationMs <= 0) return arriveMs;
  const stretched = minDurationMs * (1 + LATENCY_SPREAD * Math.log2(1 + duration / LATENCY_REF_MS));
  return departMs + Math.max(duration, stretched);
}
/** Simulated latency (ms) that the log scale of {@link shownArriveMs} is measured in. */
const LATENCY_REF_MS = 5;
/** How strongly latency slows a stretched dot (0: all stretched hops take the same time). */
const LATENCY_SPREAD = 0.6;

/**
 * The messages in flight that the animation layer draws, as a struct of arrays so that thousands of
 * dots cost no allocation per frame. Hops arrive from the engine (or the benchmark's generator).
 * Every message is drawn while its edge has room for it; beyond that the edge alone is thinned
 * (one message in N, by message id), so a busy edge never hides the few dots of a quiet one.
 */
export class HopBuffer {
  readonly capacity: number;
  readonly depart: Float64Array;
  readonly arrive: Float64Array;
  readonly edge: Int16Array;
  readonly kind: Uint8Array;
  readonly reverse: Uint8Array;
  /** How many messages each dot stands for (its edge's sampling factor when it was added). */
  readonly weight: Float32Array;
  /** Sum of the weights: an estimate of the messages in flight, sampled or not. */
  estimatedInFlight = 0;
  /** Dots held (indices 0..count-1). */
  count = 0;
  /** Hops seen since the start, sampled or not. */
  totalHops = 0;
  /** Hops refused because the buffer was full (should stay 0 thanks to sampling). */
  overflow = 0;
  /** Messages sent along each edge (responses not counted), for the reduced-motion counts. */
  edgeTotals: number[] = [];
  /** Each edge draws one message in `edgeSampleN[e]`. */
  edgeSampleN: number[] = [];
  /** Dots each edge can show legibly (set by the view from the edge's length). */
  edgeRoom: number[] = [];
  /** Messages in flight on each edge (estimate: the sum of its dots' weights). */
  edgeInFlight: number[] = [];
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

  /** The coarsest sampling of any edge: "1 dot = up to N msgs" (1 when every message is drawn). */
  get sampleN(): number {
    let n = 1;
    for (const s of this.edgeSampleN) if (s > n) n = s;
    return n;
  }

  /** The index of an edge id (registered on first use). */
  indexOf(edgeId: string): number {
    let i = this.edgeIndex.get(edgeId);
    if (i === undefined) {
      i = this.edgeIds.length;
      this.edgeIds.push(edgeId);
      this.edgeIndex.set(edgeId, i);
      this.edgeTotals.push(0);
      this.edgeSampleN.push(1);
      this.edgeRoom.push(DEFAULT_EDGE_ROOM);
      this.edgeInFlight.push(0);
    }
    return i;
  }

  /** How many dots edge `e` can show before it is thinned (the view measures its length). */
  setRoom(e: number, room: number): void {
    if (e >= 0 && e < this.edgeRoom.length) this.edgeRoom[e] = Math.max(4, Math.round(room));
  }

  /** Adds the engine's drained hops, keeping one message in its edge's `edgeSampleN`. */
  addHops(hops: readonly Hop[]): void {
    for (let h = 0; h < hops.length; h++) {
      const hop = hops[h] as Hop;
      const e = this.indexOf(hop.edgeId);
      if (!hop.reverse) this.edgeTotals[e] = (this.edgeTotals[e] as number) + 1;
      this.totalHops++;
      const n = this.edgeSampleN[e] as number;
      if (hop.msgId % n !== 0) continue;
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
    this.weight[i] = this.edgeSampleN[edge] ?? 1;
    this.count = i + 1;
  }

  /**
   * Drops dots that finished before `nowMs` (as drawn: see {@link shownArriveMs}), then adapts
   * each edge's sampling to what it carries.
   */
  compact(nowMs: number, minDurationMs: number): void {
    const { depart, arrive, edge, kind, reverse, weight } = this;
    const perEdge = this.edgeInFlight;
    perEdge.fill(0);
    let w = 0;
    let sum = 0;
    for (let r = 0; r < this.count; r++) {
      const d = depart[r] as number;
      if (shownArriveMs(d, arrive[r] as number, minDurationMs) < nowMs) continue;
      if (w !== r) {
        depart[w] = d;
        arrive[w] = arrive[r] as number;
        edge[w] = edge[r] as number;
        kind[w] = kind[r] as number;
        reverse[w] = reverse[r] as number;
        weight[w] = weight[r] as number;
      }
      const wt = weight[w] as number;
      sum += wt;
      const e = edge[w] as number;
      perEdge[e] = (perEdge[e] as number) + wt;
      w++;
    }
    this.count = w;
    this.estimatedInFlight = sum;
    this.adaptSampling();
  }

  /** Forgets everything (a new run). */
  clear(): void {
    this.count = 0;
    this.totalHops = 0;
    this.overflow = 0;
    this.estimatedInFlight = 0;
    this.edgeTotals = this.edgeTotals.map(() => 0);
    this.edgeSampleN.fill(1);
    this.edgeInFlight.fill(0);
  }

  private adaptSampling(): void {
    const edges = this.edgeIds.length;
    if (edges === 0) return;
    // Each edge's room, shrunk evenly if all of them together would pass the total.
    let totalRoom = 0;
    for (const r of this.edgeRoom) totalRoom += r;
    const shrink = totalRoom > MAX_DOTS ? MAX_DOTS / totalRoom : 1;
    for (let e = 0; e < edges; e++) {
      const room = (this.edgeRoom[e] as number) * shrink;
      const estimate = this.edgeInFlight[e] as number;
      const current = this.edgeSampleN[e] as number;
      const smallestFitting = (fit: number) =>
        NICE.find((n) => estimate / n <= fit) ?? (NICE[NICE.length - 1] as number);
      if (estimate / current > room) this.edgeSampleN[e] = smallestFitting(room);
      else {
        // Hysteresis: sample more finely only when that would use at most half the room.
        const finer = smallestFitting(room * 0.5);
        if (finer < current) this.edgeSampleN[e] = finer;
      }
    }
  }
}
