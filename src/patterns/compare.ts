/**
 * Two scenarios side by side under the same load: the engine-level half of the compare view and of
 * `npm run sim -- compare`. Each side is a pattern with its parameters (and edited rules, if any);
 * both run with the same seed for the same simulated time and warm-up, so both see the same seeded
 * arrivals (random streams are split by component id, so a side's users draw the same arrivals
 * whatever else its graph holds). The table is computed from the two runs' summaries only, so the
 * browser (which plays both runs live) and the CLI give the same numbers for the same time.
 */
import type { Pattern } from '../kit';
import type { SideKey } from './sideSettings';
import { resolveParams, type ParamError } from './params';
import { createRun, type RunSummary, type ScenarioRun } from './runtime';
import type { ParamValues, PatternDefinition } from './types';

/** One side of a comparison: which pattern, with which settings. */
export interface CompareSide {
  pattern: Pattern;
  params: ParamValues;
  /** Rules (filter policies, event patterns) edited for this side, by edge id. */
  rules?: Record<string, Record<string, unknown>>;
}

/** What both sides share. */
export interface CompareOptions {
  seed: number;
  durationS: number;
  /** Seconds at the start left out of latencies and queue statistics (see `RunOptions.warmUpMs`). */
  warmUpS?: number;
}

/** The figures of the comparison table; ids are a contract (the CLI's JSON, tests, the view). */
export type CompareFigureId =
  | 'throughputPerS'
  | 'p50Ms'
  | 'p95Ms'
  | 'p99Ms'
  | 'errors'
  | 'throttles'
  | 'lost'
  | 'deadLettered'
  | 'backlog'
  | 'peakBacklog'
  | 'monthlyUsd';

/** One row of the table: a figure for side A and side B. */
export interface CompareRow {
  id: CompareFigureId;
  label: string;
  unit: string;
  /** What the figure counts, in a sentence (the view shows it as a hint). */
  description: string;
  /** Null where the figure has no value yet: a latency before any flow has completed. */
  a: number | null;
  b: number | null;
  /** Which way is better, so the view can say which side wins a row. */
  better: 'lower' | 'higher';
}

/** `npm run sim -- compare --json`: both runs and the table. */
export interface ComparisonResult {
  seed: number;
  durationS: number;
  warmUpS: number;
  a: RunSummary;
  b: RunSummary;
  table: CompareRow[];
}

/** The figures as the table lists them, with what each means. */
const FIGURES: Record<CompareFigureId, Omit<CompareRow, 'id' | 'a' | 'b'>> = {
  throughputPerS: {
    label: 'Throughput',
    unit: 'msg/s',
    description: 'Messages that completed, per simulated second (fan-out deliveries count each).',
    better: 'higher',
  },
  p50Ms: {
    label: 'Latency p50',
    unit: 'ms',
    description: "The median of the pattern's main flow (its first), e.g. the user's response.",
    better: 'lower',
  },
  p95Ms: {
    label: 'Latency p95',
    unit: 'ms',
    description: "95% of the main flow's messages took at most this long.",
    better: 'lower',
  },
  p99Ms: {
    label: 'Latency p99',
    unit: 'ms',
    description: "99% of the main flow's messages took at most this long.",
    better: 'lower',
  },
  errors: {
    label: 'Errors',
    unit: 'msgs',
    description: 'Messages that failed: ended by an error, a timeout or retries exhausted.',
    better: 'lower',
  },
  throttles: {
    label: 'Throttles (429s)',
    unit: 'requests',
    description:
      'Requests a service refused at its limit, counted where it happened: API Gateway 429s, Lambda throttles, SNS and EventBridge publish throttles.',
    better: 'lower',
  },
  lost: {
    label: 'Lost',
    unit: 'msgs',
    description:
      'Messages dropped for any reason (throttled, failed, expired, subscriber down...), not counting deliveries a filter did not want.',
    better: 'lower',
  },
  deadLettered: {
    label: 'Dead-lettered',
    unit: 'msgs',
    description: 'Messages parked in a dead-letter queue.',
    better: 'lower',
  },
  backlog: {
    label: 'Backlog now',
    unit: 'msgs',
    description:
      "Messages waiting in queues right now (SQS visible and delayed, Lambda's asynchronous event queue).",
    better: 'lower',
  },
  peakBacklog: {
    label: 'Largest backlog',
    unit: 'msgs',
    description: 'The most messages that waited in one SQS queue at once.',
    better: 'lower',
  },
  monthlyUsd: {
    label: 'Cost per month',
    unit: 'USD',
    description: 'What the simulated traffic would cost a month on AWS at this rate (us-east-1).',
    better: 'lower',
  },
};

/** The order of the table's rows. */
export const COMPARE_FIGURES = Object.keys(FIGURES) as CompareFigureId[];

/** The figures of one side, from its run's summary. */
export function sideFigures(
  summary: Pick<RunSummary, 'durationS' | 'ledger' | 'nodes' | 'flows' | 'cost'>,
  pattern: PatternDefinition,
): Record<CompareFigureId, number | null> {
  const { ledger, nodes } = summary;
  const main = pattern.flows[0] ? summary.flows[pattern.flows[0].id] : undefined;
  // Before the first flow completes there is no latency to show (not a latency of 0 ms).
  const latency = (ms: number | undefined) => (main && main.count > 0 ? (ms ?? null) : null);
  const dropped = ledger.dropped;
  const kindOf = new Map(pattern.nodes.map((n) => [n.id, n.kind]));
  let throttles = 0;
  let backlog = 0;
  let peakBacklog = 0;
  for (const [id, stats] of Object.entries(nodes)) {
    const stat = (key: string): number => stats[key] ?? 0;
    switch (kindOf.get(id)) {
      case 'apiGateway':
      case 'sns':
      case 'eventBridge':
        throttles += stat('throttled');
        break;
      case 'lambda':
        throttles += stat('throttles');
        backlog += stat('asyncQueued');
        break;
      case 'sqs':
        backlog += stat('visible') + stat('delayed');
        peakBacklog = Math.max(peakBacklog, stat('maxVisible'));
        break;
      default:
        break;
    }
  }
  const droppedTotal = Object.values(dropped).reduce((sum, n) => sum + (n ?? 0), 0);
  return {
    throughputPerS: summary.durationS > 0 ? round(ledger.completed / summary.durationS) : 0,
    p50Ms: latency(main?.p50Ms),
    p95Ms: latency(main?.p95Ms),
    p99Ms: latency(main?.p99Ms),
    errors: (dropped.error ?? 0) + (dropped.timedOut ?? 0) + (dropped.retriesExhausted ?? 0),
    throttles,
    lost: droppedTotal - (dropped.filteredOut ?? 0),
    deadLettered: ledger.deadLettered,
    backlog,
    peakBacklog,
    monthlyUsd: round(summary.cost.total),
  };
}

/** The comparison table of two summaries (each with its pattern, for kinds and flows). */
export function compareTable(
  a: { summary: RunSummary; pattern: PatternDefinition },
  b: { summary: RunSummary; pattern: PatternDefinition },
): CompareRow[] {
  const fa = sideFigures(a.summary, a.pattern);
  const fb = sideFigures(b.summary, b.pattern);
  return COMPARE_FIGURES.map((id) => ({ id, ...FIGURES[id], a: fa[id], b: fb[id] }));
}

/** Creates one side's run with the options both sides share. */
export function createSideRun(
  side: CompareSide,
  options: { seed: number; warmUpS?: number; recordHops?: boolean },
): ScenarioRun {
  return createRun(side.pattern, side.params, {
    seed: options.seed,
    ...(options.warmUpS ? { warmUpMs: options.warmUpS * 1000 } : {}),
    ...(side.rules ? { rules: side.rules } : {}),
    ...(options.recordHops ? { recordHops: true } : {}),
  });
}

/**
 * Runs both sides for `durationS` simulated seconds on the same seed and returns both summaries
 * and the table. `advance` lets the CLI report progress (and read a run before it is summed up);
 * by default each run goes straight there.
 */
export function runComparison(
  a: CompareSide,
  b: CompareSide,
  options: CompareOptions,
  advance: (run: ScenarioRun, endMs: number, side: SideKey) => void = (run, endMs) =>
    void run.advanceTo(endMs),
): ComparisonResult {
  const endMs = options.durationS * 1000;
  const runs = (['a', 'b'] as const).map((key) => {
    const run = createSideRun(key === 'a' ? a : b, options);
    advance(run, endMs, key);
    return run.summary();
  }) as [RunSummary, RunSummary];
  return {
    seed: options.seed,
    durationS: options.durationS,
    warmUpS: options.warmUpS ?? 0,
    a: runs[0],
    b: runs[1],
    table: compareTable(
      { summary: runs[0], pattern: a.pattern },
      { summary: runs[1], pattern: b.pattern },
    ),
  };
}

export { splitSideSettings, type SideKey } from './sideSettings';

/**
 * Resolves one side's raw settings against its pattern; errors name the side ("A:" or "B:") and
 * the parameter, and are reported rather than thrown.
 */
export function resolveSide(
  side: SideKey,
  pattern: Pattern,
  raw: Record<string, string>,
): { params: ParamValues; errors: ParamError[] } {
  const { values, errors } = resolveParams(pattern, raw);
  return {
    params: values,
    errors: errors.map((e) => ({ ...e, message: `${side.toUpperCase()}: ${e.message}` })),
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}
