/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`.
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { createRun, findPattern, patterns, resolveParams } from '../patterns';
import { parseArgs, USAGE, UsageError } from './args';
import { formatList, formatSummary, listJson } from './format';

function main(argv: string[]): number {
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
  const run = createRun(pattern, values, { seed: args.seed });
  run.advanceTo(args.durationS * 1000);
  const summary = run.summary();
  console.log(args.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, pattern));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`sim: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
