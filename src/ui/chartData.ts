import type { ChartSpec } from '../patterns';
import type { ChartHistory } from '../state';

/** The x axis always spans at least this many seconds from zero (a fresh run is not a dot). */
export const MIN_WINDOW_S = 60;

/** uPlot's data for one chart: x in simulated seconds, one array per series (null = gap). */
export function chartData(history: ChartHistory, spec: ChartSpec): (number | null)[][] {
  return [history.xs(), ...spec.series.map((s) => history.ys(s.id))];
}

/** The x range: the whole run so far, at least a minute wide. */
export function xRange(nowS: number): [number, number] {
  return [0, Math.max(nowS, MIN_WINDOW_S)];
}

/** Tick spacings for a time axis, in seconds: round minutes and hours. */
export const TIME_INCREMENTS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** Time axis labels: "0:45", "12:00", "2h", "1h30". */
export function formatAxisTime(s: number): string {
  const m = Math.floor(s / 60);
  if (m >= 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h}h` : `${h}h${String(rest).padStart(2, '0')}`;
  }
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/** Balanced grid columns for `n` charts in `width` px, each at least `minWidth` wide. */
export function chartColumns(n: number, width: number, minWidth: number): number {
  if (n <= 0) return 1;
  const fit = Math.max(1, Math.min(n, Math.floor(width / minWidth)));
  const rows = Math.ceil(n / fit);
  return Math.ceil(n / rows);
}

/** Dark series colours become unreadable on a dark background: lift them. */
export function seriesColour(colour: string, dark: boolean): string {
  if (!dark) return colour;
  const m = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!m) return colour;
  const v = parseInt(m[1] as string, 16);
  const r = (v >> 16) & 255;
  const g = (v >> 8) & 255;
  const b = v & 255;
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  if (luminance > 0.25) return colour;
  const lift = (c: number) => Math.round(c + (255 - c) * 0.45);
  return `rgb(${lift(r)}, ${lift(g)}, ${lift(b)})`;
}
