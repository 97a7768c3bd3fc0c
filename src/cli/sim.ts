/**
 * The headless runner: `npm run sim -- <pattern-id> [--set p=v]... [--duration s] [--seed n] [--json]`,
 * `npm run sim -- compare <A> <B> ...` to run two scenarios on the same seed (see compare.ts), and
 * `npm run sim -- asl <definition.json> ...` to run one state machine definition (see asl.ts).
 * Exit status 2 for any mistake in the command line, with a message naming it.
 */
import { readFileSync } from 'node:fs';
import {
  createRun,
  findPattern,
  importedPattern,
  patterns,
  resolveParams,
  type ImportedWorkflow,
  type ParamValues,
  type Pattern,
} from '../patterns';
import { parseScenario, scenarioImports } from '../patterns/scenario';
import { decodeLinkJson } from '../kit/linkCodec';
import { patternFromPayload } from '../template';
import { registerAllKinds } from '../kit/kinds/all';
import { parseArgs, USAGE, UsageError } from './args';
import { aslMain } from './asl';
import { compareMain } from './compare';
import { advanceWithProgress } from './progress';
import { stateMachineStats, summaryJson } from './runOutput';
import { templateMain } from './template';
import { formatList, formatSummary, listJson } from './format';

function main(argv: string[]): number {
  registerAllKinds();
  if (argv[0] === 'asl') return aslMain(argv.slice(1), (text) => console.log(text));
  if (argv[0] === 'compare') return compareMain(argv.slice(1), (text) => console.log(text));
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
  const states = stateMachineStats(run, pattern);
  if (args.json) console.log(JSON.stringify(summaryJson(summary, states), null, 2));
  else console.log(formatSummary(summary, pattern, states));
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
  const parsed = parseScenario(text, scenarioPatterns(file, text));
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
 * The patterns a scenario file is read against: the built-in ones, with the architecture or the
 * workflow it brings (`imported`) rebuilt as a link's `template=` or `asl=` would be.
 */
function scenarioPatterns(file: string, text: string): Pattern[] {
  const imports = scenarioImports(text);
  const fail = (problems: string[]) =>
    new UsageError(
      `${file} is not a scenario this runner can use:\n  ${problems.join('\n  ')}`,
      false,
    );
  if ('errors' in imports) throw fail(imports.errors);
  const { template, asl } = imports.linkParams;
  let known: Pattern[] = [...patterns];
  if (template !== undefined) {
    const r = patternFromPayload(decodeLinkJson(template));
    if ('error' in r) throw fail([`Field "imported.template": ${r.error}.`]);
    known = [r.pattern];
  }
  if (asl !== undefined) {
    let workflow: Pattern;
    try {
      workflow = importedPattern(decodeLinkJson(asl) as ImportedWorkflow);
    } catch (e) {
      throw fail([`Field "imported.asl": ${(e as Error).message.split('\n').join('; ')}`]);
    }
    known = known.map((p) => (p.id === workflow.id ? workflow : p));
  }
  return known;
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
