import type { ChartSpec, ScenarioRun } from '../patterns';

/** Seconds of simulated time the charts show; older samples scroll off to the left. */
export const CHART_WINDOW_S = 300;

/** uPlot's data for one chart: x in simulated seconds, one array per series (null = gap). */
export function chartData(run: ScenarioRun, spec: ChartSpec): (number | null)[][] {
  const sampler = run.world.sampler;
  const times = sampler.times;
  const n = times.length;
  const xs: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) xs[i] = times.get(i) / 1000;
  const out: (number | null)[][] = [xs];
  for (const series of spec.series) {
    const buffer = sampler.values(series.id);
    const ys: (number | null)[] = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const y = buffer && i < buffer.length ? buffer.get(i) : NaN;
      ys[i] = Number.isFinite(y) ? y : null;
    }
    out.push(ys);
  }
  return out;
}

/** The x range: the last CHART_WINDOW_S seconds, at least one minute wide from zero. */
export function xRange(nowS: number): [number, number] {
  const max = Math.max(nowS, 60);
  return [Math.max(0, max - CHART_WINDOW_S), max];
}

/** m:ss for the time axis. */
export function formatAxisTime(s: number): string {
  const m = Math.floor(s / 60);
  const sec = Math.floor(s % 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
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
