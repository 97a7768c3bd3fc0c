import { TEMPLATE_USAGE } from './templateUsage';

/** The parsed command line of `npm run sim`. */
export interface SimArgs {
  list: boolean;
  json: boolean;
  help: boolean;
  pattern?: string;
  sets: Record<string, string>;
  durationS: number;
  /** Seconds at the start left out of the flows' latencies. */
  warmUpS: number;
  seed: number;
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

export const USAGE = `Usage:
  npm run sim -- --list
  npm run sim -- <pattern-id> [--set <param>=<value>]... [--duration <seconds>] [--warmup <seconds>] [--seed <n>] [--json]
${ASL_USAGE}
${TEMPLATE_USAGE}

  --warmup s   leave the first s seconds out of the flows' latencies (the steady state only)`;

/** Parses argv (without node and the script). Throws UsageError naming the problem. */
export function parseArgs(argv: string[]): SimArgs {
  const out: SimArgs = {
    list: false,
    json: false,
    help: false,
    sets: {},
    durationS: 60,
    warmUpS: 0,
    seed: 1,
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
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (out.pattern === undefined) out.pattern = arg;
    else throw new UsageError(`unexpected argument "${arg}" (one pattern at a time)`);
  }
  if (out.warmUpS >= out.durationS && out.warmUpS > 0)
    throw new UsageError(
      `--warmup (${out.warmUpS} s) must be shorter than --duration (${out.durationS} s)`,
    );
  return out;
}
