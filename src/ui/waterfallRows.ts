import type { Span, TraceRecord } from '../engine';

/** One bar of the waterfall: a call, placed on the trace's time axis. */
export interface WaterfallRow {
  span: Span;
  /** How deep in the call tree (the first call is 0; a call made while handling it is 1...). */
  depth: number;
  /** Start and duration in ms from the trace's start; `durationMs` is NaN while unanswered. */
  offsetMs: number;
  durationMs: number;
  /** Where the bar starts and how wide it is, as fractions of the axis (0..1). */
  left: number;
  width: number;
}

/** The rows of a trace in call-tree order (each call followed by the calls made under it). */
export function waterfallRows(trace: TraceRecord): { rows: WaterfallRow[]; spanMs: number } {
  const spans = trace.spans;
  const t0 = trace.startMs;
  let end = t0;
  for (const s of spans) end = Math.max(end, Number.isNaN(s.endMs) ? s.startMs : s.endMs);
  const spanMs = Math.max(end - t0, 1e-9);
  const children = new Map<number, Span[]>();
  for (const s of spans) {
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  const rows: WaterfallRow[] = [];
  const visit = (parent: number, depth: number): void => {
    for (const s of children.get(parent) ?? []) {
      const offsetMs = s.startMs - t0;
      const durationMs = s.endMs - s.startMs;
      rows.push({
        span: s,
        depth,
        offsetMs,
        durationMs,
        left: offsetMs / spanMs,
        width: Number.isNaN(durationMs) ? 0 : durationMs / spanMs,
      });
      visit(s.index, depth + 1);
    }
  };
  visit(-1, 0);
  return { rows, spanMs };
}

/** Round steps for the time axis: about `count` ticks over `spanMs`. */
export function axisTicks(spanMs: number, count = 5): number[] {
  const raw = spanMs / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
