import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useStore } from 'zustand';
import type { ChartSpec } from '../../patterns';
import { chartColumns } from '../chartData';
import { visibleCharts } from '../paramConditions';
import { CompareChart } from './CompareChart';
import { useComparison } from './context';

const MIN_CHART_WIDTH = 300;

/** Pairs the sides' charts by id (A's order, then charts only B has). */
export function pairCharts(
  a: readonly ChartSpec[],
  b: readonly ChartSpec[],
): { id: string; a?: ChartSpec; b?: ChartSpec }[] {
  const pairs: { id: string; a?: ChartSpec; b?: ChartSpec }[] = a.map((spec) => {
    const other = b.find((s) => s.id === spec.id);
    return other ? { id: spec.id, a: spec, b: other } : { id: spec.id, a: spec };
  });
  for (const spec of b) if (!a.some((s) => s.id === spec.id)) pairs.push({ id: spec.id, b: spec });
  return pairs;
}

/** Both sides' charts overlaid, chart by chart, on the same axes. */
export function CompareCharts({
  dark,
  labels,
}: {
  dark: boolean;
  labels: { a: string; b: string };
}) {
  const cmp = useComparison();
  const patternA = useStore(cmp.a.store, (s) => s.pattern);
  const paramsA = useStore(cmp.a.store, (s) => s.params);
  const patternB = useStore(cmp.b.store, (s) => s.pattern);
  const paramsB = useStore(cmp.b.store, (s) => s.params);
  const pairs = useMemo(
    () =>
      pairCharts(visibleCharts(patternA.charts, paramsA), visibleCharts(patternB.charts, paramsB)),
    [patternA, paramsA, patternB, paramsB],
  );
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
  const columns = width > 0 ? chartColumns(pairs.length, width, MIN_CHART_WIDTH) : 1;
  return (
    <div
      ref={ref}
      className="compare-charts"
      role="group"
      aria-label="Charts of both sides"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } as CSSProperties}
    >
      {pairs.map((pair) => (
        <CompareChart key={pair.id} a={pair.a} b={pair.b} dark={dark} labels={labels} />
      ))}
    </div>
  );
}
