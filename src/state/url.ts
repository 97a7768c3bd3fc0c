import {
  clipText,
  defaultParams,
  formatParamValue,
  resolveParams,
  type ParamSpec,
  type ParamValues,
  type Pattern,
} from '../patterns';
import { LINK_DEFINITION_KEYS } from '../kit/linkKeys';

/** The seed used when the address does not give one. */
export const DEFAULT_SEED = 1;
const MAX_SEED = 0xffffffff;
const RESERVED = new Set<string>([
  'pattern',
  'seed',
  'bench',
  'n',
  'speed',
  't',
  ...Object.values(LINK_DEFINITION_KEYS),
]);
/** Playback speeds a link may ask for (the simulator's range) and the longest run, in seconds. */
const LINK_MIN_SPEED = 0.1;
const LINK_MAX_SPEED = 1000;
const LINK_MAX_TIME_S = 86_400;

/** What an address asks for, after validation; the app shows `errors` and uses the rest. */
export interface AppLocation {
  pattern: Pattern;
  params: ParamValues;
  seed: number;
  /** Edited rules (`rule.<edgeId>=<JSON>`), by edge id. */
  rules: Record<string, Record<string, unknown>>;
  /** Problems with the address, one sentence each, naming the bad part. */
  errors: string[];
  /** Playback speed (`speed=`), when the link gives one. */
  speed?: number;
  /** Simulated time to open at, in ms (`t=` in seconds), when the link gives one. */
  timeMs?: number;
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
export function parseLocation(
  search: string,
  patterns: readonly Pattern[],
  /**
   * Every pattern the app knows, for the message about an unknown one, when `patterns` holds only
   * those loaded (the app loads the one the address names, or the first one).
   */
  known: readonly { id: string; title: string }[] = patterns,
): AppLocation {
  const { query, duplicates } = firstOfEach(search);
  const errors: string[] = duplicates;
  const fallback = patterns.find((p) => p.id === known[0]?.id) ?? patterns[0];
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
        `Unknown pattern "${clip(wanted)}". Showing "${fallback.title}" instead (known patterns: ${known.map((p) => p.id).join(', ')}).`,
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
      `Ignored ${ignored.map((k) => `"${clip(k)}"`).join(', ')}: ${ignored.length === 1 ? 'it belonged' : 'they belonged'} to the unknown pattern.`,
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
        `The seed must be a whole number from 0 to ${MAX_SEED}, got "${clip(seedText)}". Using seed ${DEFAULT_SEED}.`,
      );
  }

  const moment = parseMoment(query, errors);
  return {
    pattern,
    params: resolved.values,
    seed,
    rules,
    ...moment,
    errors: errors.map(sentence),
  };
}

/** `speed=<x>` and `t=<seconds>`: where playback was when the link was shared. */
function parseMoment(
  query: URLSearchParams,
  errors: string[],
): { speed?: number; timeMs?: number } {
  const out: { speed?: number; timeMs?: number } = {};
  const speedText = query.get('speed');
  if (speedText !== null) {
    const x = decimal(speedText);
    if (x >= LINK_MIN_SPEED && x <= LINK_MAX_SPEED) out.speed = x;
    else
      errors.push(
        `The speed must be a number from ${LINK_MIN_SPEED} to ${LINK_MAX_SPEED}, got "${clip(speedText)}". Using 1×.`,
      );
  }
  const timeText = query.get('t');
  if (timeText !== null) {
    const t = decimal(timeText);
    if (t >= 0 && t <= LINK_MAX_TIME_S) out.timeMs = Math.round(t * 1000);
    else
      errors.push(
        `The time t must be a number of seconds from 0 to ${LINK_MAX_TIME_S}, got "${clip(timeText)}". Starting at 0.`,
      );
  }
  return out;
}

/** A plain decimal number, or NaN (no hex, no "Infinity", no empty string as 0). */
function decimal(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** A long piece of an address, shortened for a message. */
function clip(text: string): string {
  return clipText(text);
}

/**
 * One style for every message about a link: sentence case, single spaces, a full stop at the end.
 * Messages name parameters by id, so only a message starting with a lower-case word is raised.
 */
export function sentence(text: string): string {
  const spaced = text.replace(/[ \t]{2,}/g, ' ').trim();
  const raised = /^[a-z]+\b(?![=A-Z])/.test(spaced)
    ? spaced.charAt(0).toUpperCase() + spaced.slice(1)
    : spaced;
  return /[.!?…]$/.test(raised) ? raised : `${raised}.`;
}

/**
 * The address's keys, each with its first value, and a message for every key given more than
 * once: a link that says `paymentRate=10&paymentRate=40` is ambiguous, so the reader is told which
 * value runs instead of the last one winning silently. Other keys are unaffected.
 */
function firstOfEach(search: string): { query: URLSearchParams; duplicates: string[] } {
  const all = new URLSearchParams(search);
  const query = new URLSearchParams();
  const seen = new Map<string, string[]>();
  for (const [key, value] of all) {
    const values = seen.get(key);
    if (values) values.push(value);
    else {
      seen.set(key, [value]);
      query.append(key, value);
    }
  }
  const duplicates: string[] = [];
  for (const [key, values] of seen) {
    if (values.length < 2) continue;
    const distinct = [...new Set(values)];
    const listed = distinct
      .slice(0, 3)
      .map((v) => `"${clipText(v, 24)}"`)
      .join(', ');
    const more = distinct.length > 3 ? ` and ${distinct.length - 3} more` : '';
    duplicates.push(
      distinct.length === 1
        ? `The link gives "${clip(key)}" ${values.length} times; all say ${listed}, so that value is used.`
        : `The link gives "${clip(key)}" ${values.length} times, with different values (${listed}${more}). Using the first, ${listed.split(', ')[0]}.`,
    );
  }
  return { query, duplicates };
}

/** Where playback is, for a link that opens at the same moment. */
export interface LinkMoment {
  /** Written when not 1. */
  speed?: number;
  /** Written when given and above 0 (as seconds, to the millisecond). */
  timeMs?: number;
}

/**
 * The query string for a run: the pattern, the parameters that differ from their defaults, the
 * seed, and optionally the speed and the simulated time.
 */
export function buildSearch(
  pattern: Pattern,
  params: ParamValues,
  seed: number,
  rules: Record<string, Record<string, unknown>> = {},
  moment: LinkMoment = {},
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
  for (const [key, value] of Object.entries(pattern.linkParams ?? {})) query.set(key, value);
  query.set('seed', String(seed));
  if (moment.speed !== undefined && moment.speed !== 1) query.set('speed', String(moment.speed));
  if (moment.timeMs !== undefined && moment.timeMs > 0)
    query.set('t', String(Math.round(moment.timeMs) / 1000));
  return `?${query.toString()}`;
}

/** Whether the address asks for the dots benchmark (`?bench=dots&n=10000`), and for how many. */
export function parseBench(search: string): { n: number } | null {
  const query = new URLSearchParams(search);
  if (query.get('bench') !== 'dots') return null;
  const n = Number(query.get('n') ?? '1000');
  return { n: Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 60000) : 1000 };
}
