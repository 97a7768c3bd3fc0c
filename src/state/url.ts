import {
  defaultParams,
  formatParamValue,
  resolveParams,
  type ParamSpec,
  type ParamValues,
  type Pattern,
} from '../patterns';

/** The seed used when the address does not give one. */
export const DEFAULT_SEED = 1;
const MAX_SEED = 0xffffffff;
const RESERVED = new Set(['pattern', 'seed', 'bench', 'n']);

/** What an address asks for, after validation; the app shows `errors` and uses the rest. */
export interface AppLocation {
  pattern: Pattern;
  params: ParamValues;
  seed: number;
  /** Problems with the address, one sentence each, naming the bad part. */
  errors: string[];
}

function describeDefault(spec: ParamSpec): string {
  const unit =
    spec.kind === 'number' && spec.unit ? (spec.unit === '%' ? '%' : ` ${spec.unit}`) : '';
  return `${formatParamValue(spec.default)}${unit}`;
}

/**
 * Reads `?pattern=<id>&<param>=<value>...&seed=<n>`. Never throws: every bad part is reported and
 * replaced by its default, so the app keeps working.
 */
export function parseLocation(search: string, patterns: readonly Pattern[]): AppLocation {
  const query = new URLSearchParams(search);
  const errors: string[] = [];
  const fallback = patterns[0];
  if (!fallback) throw new Error('no patterns registered');

  let pattern = fallback;
  let patternKnown = true;
  const wanted = query.get('pattern');
  if (wanted !== null) {
    const found = patterns.find((p) => p.id === wanted.trim());
    if (found) pattern = found;
    else {
      patternKnown = false;
      errors.push(
        `Unknown pattern "${wanted}". Showing "${fallback.title}" instead (known patterns: ${patterns.map((p) => p.id).join(', ')}).`,
      );
    }
  }

  const raw: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [key, value] of query) {
    if (RESERVED.has(key)) continue;
    if (patternKnown) raw[key] = value;
    else ignored.push(key);
  }
  if (ignored.length > 0) {
    errors.push(
      `Ignored ${ignored.map((k) => `"${k}"`).join(', ')}: they belonged to the unknown pattern.`,
    );
  }

  const resolved = resolveParams(pattern, raw);
  for (const error of resolved.errors) {
    const spec = pattern.params.find((p) => p.id === error.param);
    const using = spec ? ` Using the default, ${describeDefault(spec)}.` : '';
    errors.push(`${error.message}.${using}`);
  }

  let seed = DEFAULT_SEED;
  const seedText = query.get('seed');
  if (seedText !== null) {
    const n = seedText.trim() === '' ? NaN : Number(seedText);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) seed = n;
    else
      errors.push(
        `seed must be a whole number from 0 to ${MAX_SEED}, got "${seedText}". Using seed ${DEFAULT_SEED}.`,
      );
  }

  return { pattern, params: resolved.values, seed, errors };
}

/** The query string for a run: the pattern, the parameters that differ from their defaults, the seed. */
export function buildSearch(pattern: Pattern, params: ParamValues, seed: number): string {
  const query = new URLSearchParams();
  query.set('pattern', pattern.id);
  const defaults = defaultParams(pattern);
  for (const spec of pattern.params) {
    const value = params[spec.id];
    if (value !== undefined && value !== defaults[spec.id])
      query.set(spec.id, formatParamValue(value));
  }
  query.set('seed', String(seed));
  return `?${query.toString()}`;
}

/** Whether the address asks for the dots benchmark (`?bench=dots&n=10000`), and for how many. */
export function parseBench(search: string): { n: number } | null {
  const query = new URLSearchParams(search);
  if (query.get('bench') !== 'dots') return null;
  const n = Number(query.get('n') ?? '1000');
  return { n: Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 60000) : 1000 };
}
