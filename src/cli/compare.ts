/**
 * `npm run sim -- compare <A> <B> [--set [a.|b.]p=v]... [--duration s] [--warmup s] [--seed n]
 * [--json]`, where a side is a pattern id or a SAM/CloudFormation template file or folder: two scenarios on the same seed for the same simulated time, side by side. Each side is
 * exactly what `npm run sim -- <pattern> --set ...` with the same seed and duration would run, so
 * its numbers are those of two separate runs (the tests check it).
 */
import { existsSync } from 'node:fs';
import type { StateStats } from '../kit/kinds/stepFunctions';
import {
  findPattern,
  patterns,
  resolveSide,
  runComparison,
  splitSideSettings,
  type CompareRow,
  type Pattern,
  type PatternDefinition,
  type RunSummary,
  type SideKey,
} from '../patterns';
import { COMPARE_USAGE, parseArgs, UsageError } from './args';
import { advanceWithProgress } from './progress';
import { stateMachineStats, summaryJson } from './runOutput';
import { importTemplatePath } from './template';

/** Runs `compare` with the arguments after it; prints through `print`. Returns the exit status. */
export function compareMain(argv: string[], print: (text: string) => void): number {
  const args = parseArgs(argv, 2);
  if (args.help) {
    print(`Usage:\n${COMPARE_USAGE}`);
    return 0;
  }
  if (args.list) throw new UsageError('compare takes no --list (use npm run sim -- --list)');
  const [idA, idB] = args.patterns;
  if (idA === undefined || idB === undefined)
    throw new UsageError(
      'compare needs two scenarios: compare <pattern A> <pattern B> (the same pattern twice is fine)',
    );
  // A side is a pattern id, or a template file or folder (the same one twice compares settings).
  const imports = new Map<string, Pattern>();
  const lookUp = (id: string, side: SideKey): Pattern => {
    const pattern = findPattern(id);
    if (pattern) return pattern;
    if (existsSync(id)) {
      const known = imports.get(id) ?? importTemplatePath(id).pattern;
      imports.set(id, known);
      return known;
    }
    throw new UsageError(
      `${side.toUpperCase()}: unknown pattern "${id}" (known: ${patterns.map((p) => p.id).join(', ')}; or a template file or folder)`,
    );
  };
  const patternA = lookUp(idA, 'a');
  const patternB = lookUp(idB, 'b');
  const raw = splitSideSettings(args.sets);
  const a = resolveSide('a', patternA, raw.a);
  const b = resolveSide('b', patternB, raw.b);
  const errors = [
    ...raw.errors,
    ...a.errors.map((e) => e.message),
    ...b.errors.map((e) => e.message),
  ];
  if (errors.length > 0) throw new UsageError(errors.join('\n'));

  const states: Partial<Record<SideKey, Record<string, Record<string, StateStats>>>> = {};
  const result = runComparison(
    { pattern: patternA, params: a.params },
    { pattern: patternB, params: b.params },
    { seed: args.seed, durationS: args.durationS, warmUpS: args.warmUpS },
    (run, endMs, side) => {
      advanceWithProgress(run, endMs, `${side.toUpperCase()}: `);
      states[side] = stateMachineStats(run, side === 'a' ? patternA : patternB);
    },
  );
  if (args.json)
    print(
      JSON.stringify(
        {
          ...result,
          a: summaryJson(result.a, states.a ?? {}),
          b: summaryJson(result.b, states.b ?? {}),
        },
        null,
        2,
      ),
    );
  else print(formatComparison(result.a, result.b, patternA, patternB, result.table));
  return 0;
}

/** The comparison as a readable table: one row per figure, A, B and the difference. */
export function formatComparison(
  a: RunSummary,
  b: RunSummary,
  patternA: PatternDefinition,
  patternB: PatternDefinition,
  table: CompareRow[],
): string {
  const out: string[] = [];
  out.push(
    `Comparison, seed ${a.seed}, ${a.durationS} s simulated on both sides (the same seeded arrivals)`,
  );
  if (a.warmUpS > 0) out.push(`latencies leave out the first ${a.warmUpS} s (warm-up)`);
  out.push(`A: ${sideName(a, patternA)}`, `B: ${sideName(b, patternB)}`);
  const flowA = patternA.flows[0]?.label;
  const flowB = patternB.flows[0]?.label;
  if (flowA) out.push(`latencies: ${flowA === flowB || !flowB ? flowA : `A ${flowA}, B ${flowB}`}`);
  for (const [side, s] of [
    ['A', a],
    ['B', b],
  ] as const)
    for (const note of Object.values(s.notes)) out.push(`${side} adjusted: ${note}`);
  out.push('');
  const rows = table.map((r) => [r.label, value(r.a, r.unit), value(r.b, r.unit), difference(r)]);
  const header = ['figure', 'A', 'B', 'B − A'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  out.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  out.push(
    '',
    'Each side in full: npm run sim -- <pattern> --set ... with the same --seed and --duration.',
  );
  return out.join('\n');
}

/** "Title (id), parameters: x=1 y=2" with the parameters that differ from the defaults. */
function sideName(s: RunSummary, pattern: PatternDefinition): string {
  const changed = pattern.params
    .filter((p) => s.params[p.id] !== p.default)
    .map((p) => `${p.id}=${String(s.params[p.id])}`);
  return `${pattern.title} (${s.pattern}), parameters: ${changed.length ? changed.join(' ') : 'defaults'}`;
}

function value(x: number | null, unit: string): string {
  if (x === null) return '–';
  if (unit === 'USD') return `$${x.toFixed(2)}`;
  if (unit === 'ms') return `${x.toFixed(1)} ms`;
  if (unit === 'msg/s') return `${x.toFixed(2)} msg/s`;
  return String(x);
}

/** B − A, with "better"/"worse" for B when they differ. */
function difference(r: CompareRow): string {
  if (r.a === null || r.b === null) return r.a === r.b ? 'same' : '–';
  const d = r.b - r.a;
  if (d === 0) return 'same';
  const sign = d > 0 ? '+' : '−';
  const magnitude = value(Math.abs(d), r.unit);
  const bBetter = r.better === 'lower' ? d < 0 : d > 0;
  return `${sign}${magnitude} (B ${bBetter ? 'better' : 'worse'})`;
}
