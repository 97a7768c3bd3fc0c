import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec } from '../patterns';
import { useSim, useSimulator } from '../state';
import { chartData, formatAxisTime, seriesColour, xRange } from './chartData';
import { formatCount } from './format';

const HEIGHT = 112;

function latest(values: (number | null)[] | undefined): string {
  if (!values) return '–';
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined)
      return v >= 100 ? formatCount(v) : String(Math.round(v * 10) / 10);
  }
  return '–';
}

/** One streaming time-series chart (uPlot), redrawn when the simulator publishes. */
export function TimeChart({ spec, dark }: { spec: ChartSpec; dark: boolean }) {
  const sim = useSimulator();
  const chartVersion = useSim((s) => s.chartVersion);
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const legendRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const axis = dark ? '#94a3b8' : '#64748b';
    const grid = dark ? 'rgba(148,163,184,0.12)' : 'rgba(100,116,139,0.12)';
    const axisStyle = {
      stroke: axis,
      grid: { stroke: grid, width: 1 },
      ticks: { show: false },
      font: '10px ui-sans-serif, system-ui',
      size: 22,
    };
    const plot = new uPlot(
      {
        width: Math.max(120, host.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
        padding: [6, 14, 0, 0],
        scales: {
          x: { time: false, range: (_u, _min, max) => xRange(max ?? 0) },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          { ...axisStyle, values: (_u, ticks) => ticks.map(formatAxisTime) },
          {
            ...axisStyle,
            size: 40,
            values: (_u, ticks) =>
              ticks.map((t) => (t >= 1000 ? `${Math.round(t / 100) / 10}k` : String(t))),
          },
        ],
        series: [
          {},
          ...spec.series.map((s) => ({
            label: s.label,
            stroke: seriesColour(s.color, dark),
            width: 1.6,
            points: { show: false },
          })),
        ],
      },
      chartData(sim.run, spec) as uPlot.AlignedData,
      host,
    );
    plotRef.current = plot;
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(120, host.clientWidth), height: HEIGHT }),
    );
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [spec, dark, sim]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const data = chartData(sim.run, spec);
    plot.setData(data as uPlot.AlignedData);
    // Latest values in the legend, written directly (no React render per series).
    const legend = legendRef.current;
    if (legend) {
      spec.series.forEach((_s, i) => {
        const el = legend.querySelector<HTMLElement>(`[data-series="${i}"]`);
        if (el) el.textContent = latest(data[i + 1]);
      });
    }
  }, [chartVersion, sim, spec]);

  return (
    <figure
      className="chart"
      aria-label={`${spec.title} (${spec.unit})`}
      data-testid={`chart-${spec.id}`}
    >
      <figcaption className="chart-head">
        <span className="chart-title" title={`${spec.title} (${spec.unit})`}>
          {spec.title}
        </span>
        <div ref={legendRef} className="chart-legend">
          <span className="chart-unit">{spec.unit}</span>
          {spec.series.map((s, i) => (
            <span key={s.id} className="chart-key">
              <span className="chart-swatch" style={{ background: seriesColour(s.color, dark) }} />
              {s.label}{' '}
              <b data-series={i} className="tabular-nums">
                –
              </b>
            </span>
          ))}
        </div>
      </figcaption>
      <div ref={hostRef} className="chart-plot" />
    </figure>
  );
}
