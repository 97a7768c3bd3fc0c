/**
 * Turns a field's condition list into one predicate over event leaf values.
 *
 * Event-ruler compares values as text: strings keep their JSON quotes, numbers and true/false/null
 * do not. That is why prefix, suffix, wildcard and equals-ignore-case never match numbers, why
 * anything-but matches null, and why `{"prefix": "a\""}` matches the string `a`. Two machine-wide
 * switches change how a leaf is read: a field with any numeric condition compares numbers in
 * their comparable form, and a field with any IP condition (and no numeric one) reads IP-looking
 * strings as addresses, which then only IP conditions and anything-but can see.
 */
import { inIpRange, parseIp, type IpRange } from '../ruler/ip';
import {
  dropEdge,
  endsWithIgnoringCase,
  equalsIgnoringCase,
  startsWithIgnoringCase,
  type Folded,
} from './ignoreCase';
import { LEADING_ZERO_OCTETS } from './ip';
import { isComparable } from './numbers';
import type { Condition, Leaf } from './types';
import { matchWildcard } from './wildcard';

/** A predicate over one leaf value. */
export type LeafTest = (v: Leaf) => boolean;

/** Switches event-ruler keeps per byte machine (per field, per path through earlier fields). */
export interface FieldMode {
  hasNumeric: boolean;
  hasIp: boolean;
}

/** Whether a condition turns on comparable-number reading for its field. */
export function setsNumeric(c: Condition): boolean {
  return (
    (c.kind === 'number' && c.comparable) ||
    c.kind === 'numeric' ||
    (c.kind === 'anything-but' && c.numbers.length > 0)
  );
}

/** `"v"` starts with `"p` — true also when p is v plus a closing quote. */
function quotedStartsWith(v: string, p: string): boolean {
  return (
    v.startsWith(p) ||
    (p.length === v.length + 1 && p.charCodeAt(p.length - 1) === 34 && p.startsWith(v))
  );
}

/** `"v"` ends with `s"` — true also when s is an opening quote plus v. */
function quotedEndsWith(v: string, s: string): boolean {
  return v.endsWith(s) || (s.length === v.length + 1 && s.charCodeAt(0) === 34 && s.endsWith(v));
}

function prefixIgnoringCase(f: Folded, endsWithQuote: boolean): (v: string) => boolean {
  const bare = endsWithQuote ? dropEdge(f, 'last') : null;
  return (v) => startsWithIgnoringCase(f, v) || (bare !== null && equalsIgnoringCase(bare, v));
}

function suffixIgnoringCase(f: Folded, startsWithQuote: boolean): (v: string) => boolean {
  const bare = startsWithQuote ? dropEdge(f, 'first') : null;
  return (v) => endsWithIgnoringCase(f, v) || (bare !== null && equalsIgnoringCase(bare, v));
}

/** A string predicate for conditions that only ever match strings. */
function stringPredicate(c: Condition): ((v: string) => boolean) | null {
  switch (c.kind) {
    case 'prefix': {
      const p = c.value;
      return (v) => quotedStartsWith(v, p);
    }
    case 'suffix': {
      const s = c.value;
      return (v) => quotedEndsWith(v, s);
    }
    case 'prefix-ignore-case':
      return prefixIgnoringCase(c.value, c.endsWithQuote);
    case 'suffix-ignore-case':
      return suffixIgnoringCase(c.value, c.startsWithQuote);
    case 'equals-ignore-case': {
      const f = c.value;
      return (v) => equalsIgnoringCase(f, v);
    }
    case 'wildcard': {
      const w = c.value;
      return (v) => matchWildcard(w, v);
    }
    case 'anything-but': {
      const s = c.strings;
      return s.length === 0
        ? () => true
        : s.length === 1
          ? (v) => v !== s[0]
          : (v) => !s.includes(v);
    }
    case 'anything-but-prefix': {
      const ps = c.values;
      return (v) => !ps.some((p) => quotedStartsWith(v, p));
    }
    case 'anything-but-suffix': {
      const ss = c.values;
      return (v) => !ss.some((s) => quotedEndsWith(v, s));
    }
    case 'anything-but-ignore-case': {
      const fs = c.values;
      return (v) => !fs.some((f) => equalsIgnoringCase(f, v));
    }
    case 'anything-but-wildcard': {
      const ws = c.values;
      return (v) => !ws.some((w) => matchWildcard(w, v));
    }
    default:
      return null;
  }
}

function isAnythingBut(c: Condition): boolean {
  return c.kind.startsWith('anything-but');
}

/**
 * Builds the leaf predicate for a field. `exists: false` is not part of it: absence is decided by
 * the caller, which knows whether any leaf exists at all.
 */
export function buildLeafTest(conditions: readonly Condition[], mode: FieldMode): LeafTest {
  const ipMode = mode.hasIp && !mode.hasNumeric;
  if (conditions.some((c) => c.kind === 'exists' && c.value)) return () => true;
  const exactStrings: string[] = [];
  const stringTests: Array<(v: string) => boolean> = [];
  const exactNumbers: number[] = [];
  const ranges: Array<Extract<Condition, { kind: 'numeric' }>> = [];
  const ipRanges: IpRange[] = [];
  const literals: Array<boolean | null> = [];
  const excludedNumbers: number[][] = [];
  let anythingButOnNonStrings = false;
  for (const c of conditions) {
    if (c.kind === 'string') exactStrings.push(c.value);
    else if (c.kind === 'number') exactNumbers.push(c.value);
    else if (c.kind === 'numeric') ranges.push(c);
    else if (c.kind === 'ip') ipRanges.push(c.range);
    else if (c.kind === 'literal') literals.push(c.value);
    else {
      const t = stringPredicate(c);
      if (t) stringTests.push(t);
    }
    if (c.kind === 'anything-but' && c.numbers.length > 0) excludedNumbers.push(c.numbers);
    else if (isAnythingBut(c)) anythingButOnNonStrings = true;
  }
  const exactSet = exactStrings.length > 4 ? new Set(exactStrings) : null;
  const single = exactStrings.length === 1 ? (exactStrings[0] ?? '') : null;
  const anyIpCondition =
    ipMode && (ipRanges.length > 0 || anythingButOnNonStrings || excludedNumbers.length > 0);

  const testString = (v: string): boolean => {
    if (ipMode) {
      const ip = parseIp(v, LEADING_ZERO_OCTETS);
      if (ip) {
        // Read as an address: only IP ranges can match it, and every anything-but passes.
        if (!anyIpCondition) return false;
        for (const r of ipRanges) if (inIpRange(r, ip)) return true;
        return anythingButOnNonStrings || excludedNumbers.length > 0;
      }
    }
    if (single !== null) {
      if (v === single) return true;
    } else if (exactSet) {
      if (exactSet.has(v)) return true;
    } else if (exactStrings.includes(v)) return true;
    for (const t of stringTests) if (t(v)) return true;
    // A numeric anything-but never lists a string, so any string passes it.
    return excludedNumbers.length > 0;
  };

  const testNumber = (v: number): boolean => {
    if (exactNumbers.includes(v)) return true;
    if (ranges.length > 0 && isComparable(v)) {
      for (const r of ranges) {
        if ((r.lowOpen ? v > r.low : v >= r.low) && (r.highOpen ? v < r.high : v <= r.high))
          return true;
      }
    }
    for (const excluded of excludedNumbers) if (!excluded.includes(v)) return true;
    return anythingButOnNonStrings;
  };

  const testLiteral = (v: boolean | null): boolean =>
    literals.includes(v) || anythingButOnNonStrings || excludedNumbers.length > 0;

  return (v) => {
    if (typeof v === 'string') return testString(v);
    if (typeof v === 'number') return testNumber(v);
    return testLiteral(v);
  };
}
