/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`,
 * and `npm run sim -- asl <definition.json> ...` to run one state machine definition (see asl.ts).
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { createRun, findPattern, patterns, resolveParams, type ScenarioRun } from '../patterns';
import { parseArgs, USAGE, UsageError } from './args';
import { aslMain } from './asl';
import { templateMain } from './template';
import { stateMachineNode, type StateStats } from '../kit/kinds/stepFunctions';
import { formatList, formatSummary, listJson } from './format';

function main(argv: string[]): number {
  if (argv[0] === 'asl') return aslMain(argv.slice(1), (text) => console.log(text));
  if (argv[0] === 'template') return templateMain(argv.slice(1), (text) => console.log(text));
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    console.log(args.json ? JSON.stringify(listJson(patterns), null, 2) : formatList(patterns));
    return 0;
  }
  if (!args.pattern) throw new UsageError('which pattern? (see --list)');
  const pattern = findPattern(args.pattern);
  if (!pattern)
    throw new UsageError(
      `unknown pattern "${args.pattern}" (known: ${patterns.map((p) => p.id).join(', ')})`,
    );
  const { values, errors } = resolveParams(pattern, args.sets);
  if (errors.length > 0) throw new UsageError(errors.map((e) => e.message).join('\n'));
  const run = createRun(pattern, values, { seed: args.seed, warmUpMs: args.warmUpS * 1000 });
  advanceWithProgress(run, args.durationS * 1000);
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
