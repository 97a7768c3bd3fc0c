import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useSim } from '../state';
import { chartColumns } from './chartData';
import { visibleCharts } from './paramConditions';
import { TimeChart } from './TimeChart';

/** A chart is at least this wide; the panel balances its rows (six charts: 3 + 3, not 5 + 1). */
const MIN_CHART_WIDTH = 250;

/** The pattern's charts that apply to the current settings, in a balanced grid. */
export function ChartsPanel({ dark }: { dark: boolean }) {
  const charts = useSim((s) => s.pattern.charts);
  const params = useSim((s) => s.params);
  const shown = useMemo(() => visibleCharts(charts, params), [charts, params]);
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const columns = width > 0 ? chartColumns(shown.length, width, MIN_CHART_WIDTH) : shown.length;
  const rows = Math.ceil(shown.length / Math.max(1, columns));
  return (
    <div
      ref={ref}
      className="charts"
      role="group"
      aria-label="Charts"
      data-rows={rows}
      style={
        {
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          '--chart-rows': rows,
        } as CSSProperties
      }
    >
      {shown.map((spec) => (
        <TimeChart key={spec.id} spec={spec} dark={dark} />
      ))}
    </div>
  );
}
