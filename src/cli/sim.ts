/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`,
 * `npm run sim -- compare <A> <B> ...` to run two scenarios on the same seed (see compare.ts), and
 * `npm run sim -- asl <definition.json> ...` to run one state machine definition (see asl.ts).
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { createRun, findPattern, patterns, resolveParams } from '../patterns';
import { parseArgs, USAGE, UsageError } from './args';
import { aslMain } from './asl';
import { compareMain } from './compare';
import { advanceWithProgress } from './progress';
import { stateMachineStats, summaryJson } from './runOutput';
import { formatList, formatSummary, listJson } from './format';

function main(argv: string[]): number {
  if (argv[0] === 'asl') return aslMain(argv.slice(1), (text) => console.log(text));
  if (argv[0] === 'compare') return compareMain(argv.slice(1), (text) => console.log(text));
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
  const states = stateMachineStats(run, pattern);
  if (args.json) console.log(JSON.stringify(summaryJson(summary, states), null, 2));
  else console.log(formatSummary(summary, pattern, states));
  return 0;
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
