import type { ChartSpec, SeriesSource } from '../patterns';
import type { LiveSnapshot } from '../state';

/** Rates are drawn as the mean over this many simulated seconds, so a count of 0 or 1 per second
 * reads as a rate rather than a solid barcode of spikes. */
export const RATE_WINDOW_S = 10;

/** Whether a series is a per-second rate (drawn smoothed). */
export function isRate(source: SeriesSource): boolean {
  return 'rate' in source && source.rate === true;
}

/**
 * Trailing moving average over `window` points, skipping gaps (null stays null where the point
 * itself is a gap). O(n): one running sum.
 */
export function smooth(values: readonly (number | null)[], window: number): (number | null)[] {
  const w = Math.max(1, Math.round(window));
  if (w === 1) return values.slice();
  const out: (number | null)[] = new Array<number | null>(values.length);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      sum += v;
      n++;
    }
    const old = i - w >= 0 ? values[i - w] : null;
    if (old !== null && old !== undefined) {
      sum -= old;
      n--;
    }
    out[i] = v === null || v === undefined || n === 0 ? null : sum / n;
  }
  return out;
}

/** Points of the chart history that make up RATE_WINDOW_S (each point holds `bucket` samples). */
export function rateWindowPoints(bucket: number, sampleIntervalMs: number): number {
  return Math.max(1, Math.round((RATE_WINDOW_S * 1000) / (sampleIntervalMs * Math.max(1, bucket))));
}

/**
 * The running total behind a rate series, as the cards and the ledger show it (so a legend reading
 * "0.4/s" also says "286 so far", the number on the node), or undefined when there is none to read.
 */
export function totalOf(source: SeriesSource, live: LiveSnapshot): number | undefined {
  if ('node' in source) return live.nodeStats[source.node]?.[source.stat];
  if ('ledger' in source) {
    const l = live.ledger;
    if (source.ledger === 'dropped' || source.ledger === 'lost') {
      const all = Object.values(l.dropped).reduce<number>((a, b) => a + (b ?? 0), 0);
      return source.ledger === 'lost' ? all - (l.dropped.filteredOut ?? 0) : all;
    }
    return l[source.ledger];
  }
  return undefined;
}

/** How one series is stroked: its width and dash, so that close colours and equal lines part. */
export interface SeriesStroke {
  width: number;
  dash?: number[];
}

const DASHES = [
  [7, 4],
  [2, 3],
  [10, 3, 2, 3],
];

/**
 * Strokes for a chart's series. Earlier series are drawn wider, so a later one lying exactly on
 * top of it still shows both; a series whose colour is close to an earlier one's (two reds) is
 * dashed, each in its own pattern.
 */
export function seriesStrokes(spec: ChartSpec): SeriesStroke[] {
  const rgbs = spec.series.map((s) => rgbOf(s.color));
  let dashes = 0;
  return spec.series.map((_s, i) => {
    const width = Math.max(1.3, 2.6 - 0.5 * i);
    const rgb = rgbs[i];
    const close = rgbs.slice(0, i).some((other) => rgb && other && distance(rgb, other) < 100);
    if (!close) return { width };
    return { width, dash: DASHES[dashes++ % DASHES.length] as number[] };
  });
}

function rgbOf(colour: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!m) return undefined;
  const v = parseInt(m[1] as string, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(
    (a[0] as number) - (b[0] as number),
    (a[1] as number) - (b[1] as number),
    (a[2] as number) - (b[2] as number),
  );
}
