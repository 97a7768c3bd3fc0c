import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | null = null;
let loaded: typeof uPlot | null = null;

/**
 * The chart library and its stylesheet, fetched once, the first time a chart has something to
 * draw: before the first Play a run has no history, so the page paints and takes input without
 * it (issue 9's first-load budget).
 */
export function loadUPlot(): Promise<typeof uPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => {
    loaded = m.default;
    return m.default;
  });
  return loading;
}

/** The chart library if it has already arrived (charts mounted later draw at once). */
export function uPlotIfLoaded(): typeof uPlot | null {
  return loaded;
}
