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
// `template` carries an imported architecture (templateLink.ts).
const RESERVED = new Set(['pattern', 'seed', 'bench', 'n', 'template']);

/** What an address asks for, after validation; the app shows `errors` and uses the rest. */
export interface AppLocation {
  pattern: Pattern;
  params: ParamValues;
  seed: number;
  /** Edited rules (`rule.<edgeId>=<JSON>`), by edge id. */
  rules: Record<string, Record<string, unknown>>;
  /** Problems with the address, one sentence each, naming the bad part. */
  errors: string[];
}

/** Address keys of edited rules: `rule.<edge id>`. */
const RULE_PREFIX = 'rule.';

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
  const rules: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of query) {
    if (RESERVED.has(key)) continue;
    if (key.startsWith(RULE_PREFIX)) {
      if (!patternKnown) continue;
      const edgeId = key.slice(RULE_PREFIX.length);
      const edge = pattern.edges.find((e) => e.id === edgeId);
      if (!edge || (edge.kind !== 'subscription' && edge.kind !== 'rule')) {
        errors.push(
          `Ignored "${clip(key)}": the pattern has no subscription or rule "${clip(edgeId)}".`,
        );
        continue;
      }
      try {
        const rule: unknown = JSON.parse(value);
        if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
          throw new Error('not an object');
        rules[edgeId] = rule as Record<string, unknown>;
      } catch {
        errors.push(
          `Ignored "${clip(key)}": its value is not a JSON object. Using the pattern's own rule.`,
        );
      }
      continue;
    }
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

  return { pattern, params: resolved.values, seed, rules, errors };
}

/** A long piece of an address, shortened for a message. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The query string for a run: the pattern, the parameters that differ from their defaults, the seed. */
export function buildSearch(
  pattern: Pattern,
  params: ParamValues,
  seed: number,
  rules: Record<string, Record<string, unknown>> = {},
): string {
  const query = new URLSearchParams();
  query.set('pattern', pattern.id);
  const defaults = defaultParams(pattern);
  for (const spec of pattern.params) {
    const value = params[spec.id];
    if (value !== undefined && value !== defaults[spec.id])
      query.set(spec.id, formatParamValue(value));
  }
  for (const [edgeId, rule] of Object.entries(rules))
    query.set(`${RULE_PREFIX}${edgeId}`, JSON.stringify(rule));
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
