import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from 'zustand';
import { formatCount } from '../../canvas/format';
import type { ChartSpec } from '../../patterns';
import { TIME_INCREMENTS, chartData, formatAxisTime, seriesColour, xRange } from '../chartData';
import { useComparison } from './context';
import { SIDES } from './sides';

const MIN_PLOT_HEIGHT = 120;

function latest(values: ArrayLike<number | null | undefined> | undefined): string {
  if (!values) return '–';
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined)
      return v >= 100 ? formatCount(v) : String(Math.round(v * 10) / 10);
  }
  return '–';
}

function yLabel(t: number): string {
  if (t >= 1e6) return `${Math.round(t / 1e5) / 10}M`;
  return t >= 1000 ? `${Math.round(t / 100) / 10}k` : String(t);
}

/**
 * One chart of both sides on the same axes: side A's series solid, side B's dashed, in the
 * series' own colours; the legend names the side of each. A chart only one side has shows that
 * side alone.
 */
export function CompareChart({
  a,
  b,
  dark,
  labels,
}: {
  a?: ChartSpec | undefined;
  b?: ChartSpec | undefined;
  dark: boolean;
  labels: { a: string; b: string };
}) {
  const cmp = useComparison();
  const versionA = useStore(cmp.a.store, (s) => s.chartVersion);
  const versionB = useStore(cmp.b.store, (s) => s.chartVersion);
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const spec = (a ?? b) as ChartSpec;
  const series = [
    ...(a ? a.series.map((s) => ({ ...s, side: SIDES[0] })) : []),
    ...(b ? b.series.map((s) => ({ ...s, side: SIDES[1] })) : []),
  ];

  const data = (): uPlot.AlignedData => {
    const tables: uPlot.AlignedData[] = [];
    if (a) tables.push(chartData(cmp.a.history, a) as uPlot.AlignedData);
    if (b) tables.push(chartData(cmp.b.history, b) as uPlot.AlignedData);
    return tables.length === 1 ? (tables[0] as uPlot.AlignedData) : uPlot.join(tables);
  };

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
    const size = () => ({
      width: Math.max(160, host.clientWidth),
      height: Math.max(MIN_PLOT_HEIGHT, host.clientHeight),
    });
    const plot = new uPlot(
      {
        ...size(),
        legend: { show: false },
        cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
        padding: [6, 18, 0, 0],
        scales: {
          x: {
            time: false,
            range: () => xRange(Math.max(cmp.a.run.now, cmp.b.run.now) / 1000),
          },
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
          ...series.map((s) => ({
            label: `${s.side.letter} ${s.label}`,
            stroke: seriesColour(s.color, dark),
            width: 1.6,
            ...(s.side.dash ? { dash: [...s.side.dash] } : {}),
            points: { show: false },
            spanGaps: true,
          })),
        ],
      },
      data(),
      host,
    );
    plotRef.current = plot;
    const observer = new ResizeObserver(() => plot.setSize(size()));
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // The series follow the specs; rebuilding on them is what we want.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a, b, dark, cmp]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const d = data();
    plot.setData(d);
    const legend = legendRef.current;
    if (legend)
      series.forEach((_s, i) => {
        const el = legend.querySelector<HTMLElement>(`[data-series="${i}"]`);
        if (el) el.textContent = latest(d[i + 1]);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionA, versionB, a, b, cmp]);

  const fullTitle = `${spec.title} (${spec.unit})`;
  return (
    <figure
      className="chart compare-chart"
      aria-label={fullTitle}
      data-testid={`compare-chart-${spec.id}`}
    >
      <figcaption className="chart-head">
        <span className="chart-title" title={fullTitle}>
          {spec.title} <span className="chart-unit">{spec.unit}</span>
        </span>
        <div ref={legendRef} className="chart-legend">
          {series.map((s, i) => (
            <span
              key={`${s.side.key}-${s.id}`}
              className="chart-key"
              title={`${s.side.letter}: ${s.side.key === 'a' ? labels.a : labels.b}`}
            >
              <span
                className="compare-swatch"
                data-swatch={s.side.swatch}
                style={{ borderColor: seriesColour(s.color, dark) }}
                aria-hidden="true"
              />
              {s.side.letter} {s.label}{' '}
              <b data-series={i} className="tabular-nums">
                –
              </b>
            </span>
          ))}
        </div>
      </figcaption>
      <div ref={hostRef} className="chart-plot compare-plot" />
    </figure>
  );
}
