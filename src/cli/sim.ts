/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`,
 * and `npm run sim -- asl <definition.json> ...` to run one state machine definition (see asl.ts).
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { readFileSync } from 'node:fs';
import {
  createRun,
  findPattern,
  patterns,
  resolveParams,
  type ParamValues,
  type Pattern,
  type ScenarioRun,
} from '../patterns';
import { parseScenario } from '../patterns/scenario';
import { registerAllKinds } from '../kit/kinds/all';
import { parseArgs, USAGE, UsageError } from './args';
import { aslMain } from './asl';
import { stateMachineNode, type StateStats } from '../kit/kinds/stepFunctions';
import { formatList, formatSummary, listJson } from './format';

function main(argv: string[]): number {
  registerAllKinds();
  if (argv[0] === 'asl') return aslMain(argv.slice(1), (text) => console.log(text));
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    console.log(args.json ? JSON.stringify(listJson(patterns), null, 2) : formatList(patterns));
    return 0;
  }
  const { pattern, values, seed, rules, durationS } = args.scenario
    ? fromScenario(args.scenario, args.given.duration ? args.durationS : undefined)
    : fromFlags(args);
  if (args.warmUpS >= durationS && args.warmUpS > 0)
    throw new UsageError(
      `--warmup (${args.warmUpS} s) must be shorter than the run (${durationS} s)`,
    );
  // An edited rule AWS would refuse is a mistake in the file, reported in AWS's words (checked
  // on a run of its own, so the real one is built exactly as the app builds it).
  if (Object.keys(rules).length > 0) {
    const probe = createRun(pattern, values, { seed });
    for (const [edgeId, rule] of Object.entries(rules)) {
      const problem = probe.built.setRule(edgeId, rule);
      if (problem) throw new UsageError(`rules.${edgeId}: ${problem}`, false);
    }
  }
  const run = createRun(pattern, values, { seed, rules, warmUpMs: args.warmUpS * 1000 });
  advanceWithProgress(run, durationS * 1000);
  const summary = run.summary();
  // A state machine's per-state counts and time in state go with its node's numbers.
  const states: Record<string, Record<string, StateStats>> = {};
  for (const node of pattern.nodes) {
    const machine =
      node.kind === 'stepFunctions' ? stateMachineNode(run.world, node.id) : undefined;
    if (machine) states[node.id] = machine.stateStats();
  }
  if (args.json) {
    const nodes: Record<string, unknown> = { ...summary.nodes };
    for (const [id, perState] of Object.entries(states))
      nodes[id] = { ...summary.nodes[id], states: perState };
    console.log(JSON.stringify({ ...summary, nodes }, null, 2));
  } else console.log(formatSummary(summary, pattern, states));
  return 0;
}

/** What one run needs, from the command line or a scenario file. */
interface RunRequest {
  pattern: Pattern;
  values: ParamValues;
  seed: number;
  rules: Record<string, Record<string, unknown>>;
  durationS: number;
}

function fromFlags(args: ReturnType<typeof parseArgs>): RunRequest {
  if (!args.pattern) throw new UsageError('which pattern? (see --list)');
  const pattern = findPattern(args.pattern);
  if (!pattern)
    throw new UsageError(
      `unknown pattern "${args.pattern}" (known: ${patterns.map((p) => p.id).join(', ')})`,
    );
  const { values, errors } = resolveParams(pattern, args.sets);
  if (errors.length > 0) throw new UsageError(errors.map((e) => e.message).join('\n'));
  return { pattern, values, seed: args.seed, rules: {}, durationS: args.durationS };
}

/**
 * A scenario exported from the app. It runs for the simulated time it was exported at (the
 * numbers the app showed then), unless --duration says otherwise; 60 s when it was exported at 0.
 */
function fromScenario(file: string, durationS: number | undefined): RunRequest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, false);
  }
  const parsed = parseScenario(text, patterns);
  if ('errors' in parsed)
    throw new UsageError(
      `${file} is not a scenario this runner can use:\n  ${parsed.errors.join('\n  ')}`,
      false,
    );
  const { scenario } = parsed;
  return {
    pattern: scenario.pattern,
    values: scenario.params,
    seed: scenario.seed,
    rules: scenario.rules,
    durationS: durationS ?? (scenario.timeMs > 0 ? scenario.timeMs / 1000 : 60),
  };
}

/**
 * Runs to `endMs` in slices; when a run takes more than a few seconds of wall time, says how far
 * it got on stderr (a terminal only), so a long or heavy run never looks hung.
 */
function advanceWithProgress(run: ScenarioRun, endMs: number): void {
  const started = Date.now();
  let lastReport = started;
  const slice = Math.max(1000, endMs / 200);
  const tty = process.stderr.isTTY;
  for (let t = Math.min(slice, endMs); ; t = Math.min(t + slice, endMs)) {
    run.advanceTo(t);
    const now = Date.now();
    if (tty && now - lastReport > 2000) {
      lastReport = now;
      const pct = ((100 * t) / endMs).toFixed(0);
      process.stderr.write(
        `\rsimulated ${(t / 1000).toFixed(0)} of ${(endMs / 1000).toFixed(0)} s (${pct}%), ${run.world.ledger.summary().created} messages so far…`,
      );
    }
    if (t >= endMs) break;
  }
  if (tty && lastReport !== started) process.stderr.write('\n');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(e.showUsage ? `sim: ${e.message}\n\n${USAGE}` : `sim: ${e.message}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
