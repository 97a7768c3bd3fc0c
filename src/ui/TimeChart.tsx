import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { loadUPlot, uPlotIfLoaded } from './loadUPlot';
import type { ChartSpec } from '../patterns';
import { useSim, useSimulator } from '../state';
import { TIME_INCREMENTS, chartData, formatAxisTime, seriesColour, xRange } from './chartData';
import { formatCount } from '../canvas/format';
import { SAMPLE_INTERVAL_MS, type LiveSnapshot } from '../state';
import { isRate, rateWindowPoints, seriesStrokes, smooth, totalOf } from './chartSeries';

/** Below this the plot would be unreadable; the panel gives it at least this much. */
const MIN_PLOT_HEIGHT = 80;

function latest(values: (number | null)[] | undefined): string {
  if (!values) return '–';
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined)
      return v >= 100 ? formatCount(v) : String(Math.round(v * 10) / 10);
  }
  return '–';
}

/**
 * The chart's data with its rate series smoothed over RATE_WINDOW_S, and, when the run stands
 * between two samples (paused on a step, say), one more point at that moment for the series that
 * are levels read straight off the cards and the ledger (a queue's depth, messages dead-lettered):
 * the line and the legend then end on the number the card shows, not on the last whole second.
 */
function smoothedData(
  history: Parameters<typeof chartData>[0],
  spec: ChartSpec,
  live?: LiveSnapshot,
): (number | null)[][] {
  const data = chartData(history, spec);
  const window = rateWindowPoints(history.bucket, SAMPLE_INTERVAL_MS);
  spec.series.forEach((s, i) => {
    if (isRate(s.source)) data[i + 1] = smooth(data[i + 1] ?? [], window);
  });
  const xs = data[0] ?? [];
  const nowS = live ? live.simTimeMs / 1000 : 0;
  const lastS = xs.length > 0 ? (xs[xs.length - 1] ?? 0) : 0;
  if (live && nowS > lastS + 1e-9) {
    const levels = spec.series.map((s) => (isRate(s.source) ? undefined : totalOf(s.source, live)));
    if (levels.some((v) => v !== undefined)) {
      xs.push(nowS);
      levels.forEach((v, i) => data[i + 1]?.push(v ?? null));
    }
  }
  return data;
}

function yLabel(t: number): string {
  if (t >= 1e6) return `${Math.round(t / 1e5) / 10}M`;
  return t >= 1000 ? `${Math.round(t / 100) / 10}k` : String(t);
}

function plotSize(host: HTMLElement): { width: number; height: number } {
  return {
    width: Math.max(120, host.clientWidth),
    height: Math.max(MIN_PLOT_HEIGHT, host.clientHeight),
  };
}

/**
 * One time-series chart (uPlot) of the whole run so far, redrawn when the simulator publishes. The
 * plot fills whatever height the charts panel gives it.
 */
export function TimeChart({ spec, dark }: { spec: ChartSpec; dark: boolean }) {
  const sim = useSimulator();
  const chartVersion = useSim((s) => s.chartVersion);
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  // uPlot arrives with the first data to draw (a run at t = 0 has none): see loadUPlot.ts.
  const [UPlot, setUPlot] = useState(uPlotIfLoaded);
  const hasData = useSim((s) => s.live.simTimeMs > 0);
  useEffect(() => {
    if (UPlot || !hasData) return;
    let alive = true;
    void loadUPlot().then((lib) => {
      if (alive) setUPlot(() => lib);
    });
    return () => {
      alive = false;
    };
  }, [UPlot, hasData]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !UPlot) return;
    const strokes = seriesStrokes(spec);
    const axis = dark ? '#94a3b8' : '#64748b';
    const grid = dark ? 'rgba(148,163,184,0.12)' : 'rgba(100,116,139,0.12)';
    const axisStyle = {
      stroke: axis,
      grid: { stroke: grid, width: 1 },
      ticks: { show: false },
      font: '10px ui-sans-serif, system-ui',
      size: 22,
    };
    const plot = new UPlot(
      {
        ...plotSize(host),
        legend: { show: false },
        cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
        // Room on the right for the last time label ("23h30") to be drawn whole.
        padding: [6, 18, 0, 0],
        scales: {
          x: { time: false, range: () => xRange(sim.run.now / 1000) },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          {
            ...axisStyle,
            incrs: TIME_INCREMENTS,
            space: 46,
            values: (_u, ticks) => ticks.map(formatAxisTime),
          },
          { ...axisStyle, size: 40, values: (_u, ticks) => ticks.map(yLabel) },
        ],
        series: [
          {},
          ...spec.series.map((s, i) => ({
            label: s.label,
            stroke: seriesColour(s.color, dark),
            width: strokes[i]?.width ?? 1.6,
            ...(strokes[i]?.dash ? { dash: strokes[i]?.dash } : {}),
            points: { show: false },
          })),
        ],
      },
      smoothedData(sim.history, spec, sim.store.getState().live) as uPlot.AlignedData,
      host,
    );
    plotRef.current = plot;
    const observer = new ResizeObserver(() => plot.setSize(plotSize(host)));
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [spec, dark, sim, UPlot]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const data = smoothedData(sim.history, spec, sim.store.getState().live);
    plot.setData(data as uPlot.AlignedData);
    // The x range drawn, for tests and curious readers (seconds).
    const host = hostRef.current;
    if (host) host.dataset.xRange = `${plot.scales.x?.min ?? 0}-${plot.scales.x?.max ?? 0}`;
    // Latest values in the legend, written directly (no React render per series).
    const legend = legendRef.current;
    // A rate also says its running total, the number the node's card shows.
    const live = sim.store.getState().live;
    if (legend) {
      spec.series.forEach((s, i) => {
        const el = legend.querySelector<HTMLElement>(`[data-series="${i}"]`);
        if (el) el.textContent = latest(data[i + 1]);
        const total = legend.querySelector<HTMLElement>(`[data-total="${i}"]`);
        const n = isRate(s.source) ? totalOf(s.source, live) : undefined;
        if (total) total.textContent = n === undefined ? '' : ` · ${formatCount(n)} so far`;
      });
    }
  }, [chartVersion, sim, spec, UPlot]);

  const strokes = seriesStrokes(spec);
  const fullTitle = `${spec.title} (${spec.unit})`;
  return (
    <figure className="chart" aria-label={fullTitle} data-testid={`chart-${spec.id}`}>
      <figcaption className="chart-head">
        <span className="chart-title" title={fullTitle}>
          {spec.title}
        </span>
        <div ref={legendRef} className="chart-legend">
          <span className="chart-unit">{spec.unit}</span>
          {spec.series.map((s, i) => (
            <span key={s.id} className="chart-key">
              <SeriesSwatch colour={seriesColour(s.color, dark)} dash={strokes[i]?.dash} />
              {s.label}{' '}
              <b data-series={i} className="tabular-nums">
                –
              </b>
              <span data-total={i} className="chart-total tabular-nums" />
            </span>
          ))}
        </div>
      </figcaption>
      <div ref={hostRef} className="chart-plot" />
    </figure>
  );
}

/** The legend's sample of a series' line: its colour, and its dash when it has one. */
function SeriesSwatch({ colour, dash }: { colour: string; dash: number[] | undefined }) {
  return (
    <svg className="chart-swatch-line" width="14" height="6" aria-hidden="true">
      <line
        x1="0"
        y1="3"
        x2="14"
        y2="3"
        stroke={colour}
        strokeWidth="2.5"
        strokeDasharray={dash ? dash.map((d) => d * 0.6).join(' ') : undefined}
      />
    </svg>
  );
}
