import { TEMPLATE_USAGE } from './templateUsage';

/** The parsed command line of `npm run sim`. */
export interface SimArgs {
  list: boolean;
  json: boolean;
  help: boolean;
  pattern?: string;
  /** Every pattern named, in order (`compare` takes two; a plain run one). */
  patterns: string[];
  sets: Record<string, string>;
  durationS: number;
  /** Seconds at the start left out of the flows' latencies. */
  warmUpS: number;
  seed: number;
  /** `--scenario <file.json>`: a scenario exported from the app (pattern, parameters, seed...). */
  scenario?: string;
  /** Which of --duration and --seed the command line gave (a scenario supplies the others). */
  given: { duration: boolean; seed: boolean };
}

/**
 * A command-line mistake; the CLI prints it and exits with status 2 (with the usage, unless the
 * mistake is in a file the command named: then the message says all there is to say).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** How to call `npm run sim -- asl` (see asl.ts). */
export const ASL_USAGE = `  npm run sim -- asl <definition.json> [--input <json>] [--task <resource>=<json or error>]... [--history] [--json]

  asl: runs one state machine definition to its end (virtual time) and prints its status
  --input j      the execution's input, JSON (default {})
  --task r=v     what the Task with resource r (or function name) answers: a JSON value, or an
                 error name (with ":<cause>" after it); repeat for its successive calls
  --history      print AWS's execution history too`;

/** How to call `npm run sim -- compare` (see compare.ts). */
export const COMPARE_USAGE = `  npm run sim -- compare <pattern A> <pattern B> [--set [a.|b.]<param>=<value>]... [--duration <seconds>] [--warmup <seconds>] [--seed <n>] [--json]

  compare: runs two scenarios on the same seed for the same simulated time (the same seeded
  arrivals) and prints a table of both; the two may be one pattern with two parameter sets.
  A side may be a SAM or CloudFormation template file or folder instead of a pattern id
  --set a.p=v    parameter p of side A only (b.p=v: side B only)
  --set p=v      parameter p on both sides (a side's own a./b. value wins)
  --json         one object: { seed, durationS, warmUpS, a, b, table }, a and b as a run's --json`;

export const USAGE = `Usage:
  npm run sim -- --list
  npm run sim -- <pattern-id> [--set <param>=<value>]... [--duration <seconds>] [--warmup <seconds>] [--seed <n>] [--json]
  npm run sim -- --scenario <file.json> [--duration <seconds>] [--warmup <seconds>] [--json]
${COMPARE_USAGE}
${ASL_USAGE}
${TEMPLATE_USAGE}

  --warmup s      leave the first s seconds out of the flows' latencies (the steady state only)
  --scenario f    run a scenario exported from the app: its pattern, parameters, seed and edited
                  rules, for its simulated time (or --duration)`;

/** Parses argv (without node and the script). Throws UsageError naming the problem. */
export function parseArgs(argv: string[], maxPatterns = 1): SimArgs {
  const out: SimArgs = {
    patterns: [],
    list: false,
    json: false,
    help: false,
    sets: {},
    durationS: 60,
    warmUpS: 0,
    seed: 1,
    given: { duration: false, seed: false },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--list') out.list = true;
    else if (arg === '--json') out.json = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg === '--set' || arg.startsWith('--set=')) {
      const kv = arg === '--set' ? value() : arg.slice(6);
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set expects <param>=<value>, got "${kv}"`);
      out.sets[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (arg === '--duration' || arg.startsWith('--duration=')) {
      const v = arg === '--duration' ? value() : arg.slice(11);
      const d = Number(v);
      if (!Number.isFinite(d) || d <= 0 || d > 30 * 86_400)
        throw new UsageError(
          `--duration must be a number of seconds greater than 0 and at most 2592000 (30 days), got "${v}"`,
        );
      out.durationS = d;
      out.given.duration = true;
    } else if (arg === '--warmup' || arg.startsWith('--warmup=')) {
      const v = arg === '--warmup' ? value() : arg.slice(9);
      const w = Number(v);
      if (!Number.isFinite(w) || w < 0 || w > 30 * 86_400)
        throw new UsageError(
          `--warmup must be a number of seconds from 0 to 2592000 (30 days), got "${v}"`,
        );
      out.warmUpS = w;
    } else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const v = arg === '--seed' ? value() : arg.slice(7);
      const s = Number(v);
      // The same range as the app's seed field, so every CLI run can be opened in the browser.
      if (!Number.isInteger(s) || s < 0 || s > 4_294_967_295)
        throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${v}"`);
      out.seed = s;
      out.given.seed = true;
    } else if (arg === '--scenario' || arg.startsWith('--scenario=')) {
      out.scenario = arg === '--scenario' ? value() : arg.slice(11);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (out.patterns.length < maxPatterns) {
      out.patterns.push(arg);
      out.pattern ??= arg;
    } else
      throw new UsageError(
        maxPatterns === 1
          ? `unexpected argument "${arg}" (one pattern at a time)`
          : `unexpected argument "${arg}" (compare takes two scenarios)`,
      );
  }
  if (out.scenario !== undefined && (out.pattern !== undefined || out.given.seed))
    throw new UsageError(
      '--scenario names the pattern and seed itself: give no pattern id or --seed with it',
    );
  if (out.scenario !== undefined && Object.keys(out.sets).length > 0)
    throw new UsageError(
      '--scenario sets the parameters itself: edit the file rather than adding --set',
    );
  if (out.warmUpS >= out.durationS && out.warmUpS > 0 && (out.given.duration || !out.scenario))
    throw new UsageError(
      `--warmup (${out.warmUpS} s) must be shorter than --duration (${out.durationS} s)`,
    );
  return out;
}
