/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`.
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { createRun, findPattern, patterns, resolveParams, type ScenarioRun } from '../patterns';
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
  const run = createRun(pattern, values, { seed: args.seed, warmUpMs: args.warmUpS * 1000 });
  advanceWithProgress(run, args.durationS * 1000);
  const summary = run.summary();
  console.log(args.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, pattern));
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
    console.error(`sim: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
