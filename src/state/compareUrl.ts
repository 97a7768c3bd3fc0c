/**
 * The compare view's address: `?compare=<pattern A>&vs=<pattern B>&a.<param>=<v>&b.<param>=<v>
 * &seed=<n>`. A setting written `a.<param>` is side A's, `b.<param>` side B's, a plain `<param>`
 * both sides' (the rule of `npm run sim -- compare --set`); edited rules travel as
 * `a.rule.<edge id>=<JSON>`. Without `vs`, B is the same pattern as A (one pattern, two parameter
 * sets). A definition the reader brought travels the same way: `template=<...>` (both sides the
 * same imported architecture) or `a.template=`/`b.template=` (each its own), and `asl=` likewise.
 * A single pattern's address (`?pattern=...`) is untouched: only `compare` opens this view.
 */
import {
  defaultParams,
  splitSideSettings,
  type ComparisonOffer,
  type ParamValues,
  type Pattern,
  type SideKey,
} from '../patterns';
import { buildSearch, DEFAULT_SEED, parseLocation, type AppLocation } from './url';

/** One side as the address gives it. */
export interface CompareSideLocation {
  pattern: Pattern;
  params: ParamValues;
  rules: Record<string, Record<string, unknown>>;
}

/** What a compare address asks for; the view shows `errors` and uses the rest. */
export interface CompareLocation {
  a: CompareSideLocation;
  b: CompareSideLocation;
  seed: number;
  errors: string[];
}

const OWN_KEYS = new Set(['compare', 'vs', 'seed']);
/** Keys of a single pattern's address that a compare address has no use for per side. */
const NOT_PER_SIDE = new Set(['pattern', 'seed', 'bench', 'n']);

/** Whether an address asks for the compare view. */
export function isCompareSearch(search: string): boolean {
  return new URLSearchParams(search).has('compare');
}

/** Each side's address as a single pattern's (`?pattern=...&...`), and what was wrong around them. */
export interface CompareSideSearches {
  a: string;
  b: string;
  errors: string[];
}

/**
 * Splits a compare address into the two single-pattern addresses its sides are: side A gets
 * `pattern=<compare>` and every `a.<key>` and plain `<key>`, side B likewise with `vs`; the seed
 * goes to A (both sides run on A's). A definition the reader brought (`template=`, `asl=`) is a
 * key like the others, so `template=` alone gives both sides the same imported architecture and
 * `a.template=`/`b.template=` give each its own.
 */
export function compareSideSearches(search: string): CompareSideSearches {
  const query = new URLSearchParams(search);
  const errors: string[] = [];
  const raw: Record<string, string> = {};
  for (const [key, value] of query) if (!OWN_KEYS.has(key)) raw[key] = value;
  const split = splitSideSettings(raw);
  errors.push(...split.errors.map((e) => `Ignored ${e}.`));
  for (const key of Object.keys(raw)) {
    const bare = key.replace(/^[ab]\./, '');
    if (!NOT_PER_SIDE.has(bare)) continue;
    delete split.a[bare];
    delete split.b[bare];
    errors.push(
      `Ignored "${key}": a comparison names its patterns with compare= and vs=, and both sides share one seed=.`,
    );
  }
  const idA = query.get('compare') ?? '';
  const idB = query.get('vs') ?? idA;
  const seedText = query.get('seed');
  const sideSearch = (key: SideKey, id: string) => {
    const sideQuery = new URLSearchParams({ pattern: id, ...split[key] });
    if (seedText !== null && key === 'a') sideQuery.set('seed', seedText);
    return `?${sideQuery.toString()}`;
  };
  return { a: sideSearch('a', idA), b: sideSearch('b', idB), errors };
}

/**
 * Puts two sides read as single-pattern addresses together: their problems with "A:" or "B:" in
 * front, after the address's own, and A's seed for both.
 */
export function joinCompareSides(
  sides: Record<SideKey, AppLocation>,
  errors: readonly string[],
): CompareLocation {
  const side = (key: SideKey): CompareSideLocation => {
    const { pattern, params, rules } = sides[key];
    return { pattern, params, rules };
  };
  return {
    a: side('a'),
    b: side('b'),
    seed: sides.a.seed,
    errors: [
      ...errors,
      ...(['a', 'b'] as const).flatMap((key) =>
        sides[key].errors.map((e) => `${key.toUpperCase()}: ${e}`),
      ),
    ],
  };
}

/**
 * Reads a compare address against loaded patterns. Never throws: each side is read by the single
 * pattern's rules (`parseLocation`), its problems reported with "A:" or "B:" in front, bad parts
 * replaced by their defaults. (The app loads what the sides need first: app/boot.ts.)
 */
export function parseCompareLocation(
  search: string,
  /** The patterns loaded (at least the two the address names; see app/boot.ts). */
  patterns: readonly Pattern[],
  /** Every pattern the app knows, for the message about an unknown one. */
  known: readonly { id: string; title: string }[] = patterns,
): CompareLocation {
  const searches = compareSideSearches(search);
  return joinCompareSides(
    {
      a: parseLocation(searches.a, patterns, known),
      b: parseLocation(searches.b, patterns, known),
    },
    searches.errors,
  );
}

/** The compare address for two sides and a seed (settings that differ from the defaults only). */
export function buildCompareSearch(
  a: Omit<CompareSideLocation, 'rules'> & Partial<Pick<CompareSideLocation, 'rules'>>,
  b: Omit<CompareSideLocation, 'rules'> & Partial<Pick<CompareSideLocation, 'rules'>>,
  seed: number,
): string {
  const query = new URLSearchParams();
  query.set('compare', a.pattern.id);
  query.set('vs', b.pattern.id);
  // A definition both sides carry (the same imported template, say) is written once, unprefixed:
  // it is the longest part of such an address.
  const linkA = a.pattern.linkParams ?? {};
  const linkB = b.pattern.linkParams ?? {};
  const shared = new Set(Object.keys(linkA).filter((k) => linkA[k] === linkB[k]));
  for (const k of shared) query.set(k, linkA[k] as string);
  for (const [key, side] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const own = new URLSearchParams(buildSearch(side.pattern, side.params, seed, side.rules));
    for (const [k, v] of own)
      if (k !== 'pattern' && k !== 'seed' && !shared.has(k)) query.set(`${key}.${k}`, v);
  }
  query.set('seed', String(seed));
  return `?${query.toString()}`;
}

/**
 * The address that opens a pattern's comparison offer. An offer names only the settings that
 * differ from its patterns' defaults, so the address is written without loading either pattern.
 */
export function offerSearch(offer: ComparisonOffer, seed: number = DEFAULT_SEED): string {
  const query = new URLSearchParams();
  query.set('compare', offer.a.pattern);
  query.set('vs', offer.b.pattern);
  for (const [key, ref] of [
    ['a', offer.a],
    ['b', offer.b],
  ] as const)
    for (const [param, value] of Object.entries(ref.params ?? {}))
      query.set(`${key}.${param}`, String(value));
  query.set('seed', String(seed));
  return `?${query.toString()}`;
}

/**
 * What to call each side: the labels of the offer this comparison is (same patterns, same
 * settings), or else the pattern's title, with the settings that differ when both sides are the
 * same pattern.
 */
export function sideLabels(
  a: CompareSideLocation,
  b: CompareSideLocation,
): { a: string; b: string; offer?: ComparisonOffer } {
  const same = (side: CompareSideLocation, ref: ComparisonOffer['a']) =>
    side.pattern.id === ref.pattern &&
    Object.keys(side.rules).length === 0 &&
    sameValues(side.params, { ...defaultParams(side.pattern), ...ref.params });
  // An offer lives in one of the two sides' patterns (the only ones loaded).
  for (const p of new Set([a.pattern, b.pattern]))
    for (const offer of p.comparisons ?? [])
      if (same(a, offer.a) && same(b, offer.b))
        return { a: offer.a.label, b: offer.b.label, offer };
  if (a.pattern.id !== b.pattern.id) return { a: a.pattern.title, b: b.pattern.title };
  const changes = (side: CompareSideLocation) => {
    const other = side === a ? b : a;
    const differing = side.pattern.params
      .filter((s) => side.params[s.id] !== other.params[s.id])
      .map((s) => {
        const v = side.params[s.id];
        const unit = s.kind === 'number' && s.unit ? ` ${s.unit}` : '';
        return `${s.label}: ${v === true ? 'on' : v === false ? 'off' : String(v)}${unit}`;
      });
    return differing.length ? differing.join(', ') : 'same settings';
  };
  return { a: changes(a), b: changes(b) };
}

/** Whether two records hold the same values (by identity), whatever the objects. */
export function sameValues(
  x: Readonly<Record<string, unknown>>,
  y: Readonly<Record<string, unknown>>,
): boolean {
  if (x === y) return true;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

/**
 * The compare address of "your settings against the defaults": side A the pattern as it comes (an
 * imported architecture: as its template sets it), side B with the reader's settings and edited
 * rules, on the seed in use. Works for any pattern, built-in or imported.
 */
export function mineVsDefaultsSearch(
  pattern: Pattern,
  params: ParamValues,
  rules: Record<string, Record<string, unknown>>,
  seed: number,
): string {
  return buildCompareSearch(
    { pattern, params: defaultParams(pattern), rules: {} },
    { pattern, params, rules },
    seed,
  );
}

/** Whether a reader has changed anything a comparison with the defaults would show. */
export function differsFromDefaults(
  pattern: Pattern,
  params: ParamValues,
  rules: Record<string, Record<string, unknown>>,
): boolean {
  const defaults = defaultParams(pattern);
  return (
    Object.keys(rules).length > 0 || pattern.params.some((p) => params[p.id] !== defaults[p.id])
  );
}
