/**
 * Turns a field's condition list into one predicate over event leaf values.
 *
 * Event-ruler compares values as text: strings keep their JSON quotes, numbers and true/false/null
 * do not. That is why prefix, suffix, wildcard and equals-ignore-case never match numbers, why
 * anything-but matches null, and why `{"prefix": "a\""}` matches the string `a`. Two switches
 * event-ruler keeps per byte machine change how a leaf is read (`ByteMachine.transitionOn`):
 * - a field with any IP condition tries an IP-shaped string as an address first, where only IP
 *   conditions can match it and every anything-but passes (the address text never equals an
 *   excluded value) — and then still reads it as the string it is, so `{"prefix": "10."}` next to
 *   a `cidr` matches "10.1.1.1" (AWS tries both readings, and does so with or without numeric
 *   conditions on the field);
 * - a field with any numeric condition reads a number that is a `ComparableNumber` (at most six
 *   decimals, within ±5e9) in its fixed-point form only; any other number is read as its text,
 *   which only an exact pattern number with the same text can equal.
 * Numbers are compared in micro-units or as text, never as doubles, so `9007199254740993` does
 * not equal `9007199254740992` and `0.1` does not equal `0.10000000000000001`.
 */
import { inIpRange, parseIp, type IpRange } from '../ruler/ip';
import { JsonNumber, numberText, type EventNumber } from '../ruler/jsonText';
import {
  dropEdge,
  endsWithIgnoringCase,
  equalsIgnoringCase,
  startsWithIgnoringCase,
  type Folded,
} from './ignoreCase';
import { scaledOf } from './numbers';
import type { Condition, Leaf } from './types';
import { matchWildcard } from './wildcard';

/** A predicate over one leaf value (a `JsonNumber` is a number leaf). */
export type LeafTest = (v: Leaf | JsonNumber) => boolean;

/** Switches event-ruler keeps per byte machine (per field, per path through earlier fields). */
export interface FieldMode {
  hasNumeric: boolean;
  hasIp: boolean;
}

/** Whether a condition turns on comparable-number reading for its field. */
export function setsNumeric(c: Condition): boolean {
  return (
    (c.kind === 'number' && c.scaled !== null) ||
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
  if (conditions.some((c) => c.kind === 'exists' && c.value)) return () => true;
  const exactStrings: string[] = [];
  const stringTests: Array<(v: string) => boolean> = [];
  const scaledNumbers: number[] = [];
  const numberTexts: string[] = [];
  const ranges: Array<Extract<Condition, { kind: 'numeric' }>> = [];
  const ipRanges: IpRange[] = [];
  const literals: Array<boolean | null> = [];
  const excludedNumbers: number[][] = [];
  let anythingButOnNonStrings = false;
  for (const c of conditions) {
    if (c.kind === 'string') exactStrings.push(c.value);
    else if (c.kind === 'number') {
      numberTexts.push(c.text);
      if (c.scaled !== null) scaledNumbers.push(c.scaled);
    } else if (c.kind === 'numeric') ranges.push(c);
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
  const anyAnythingBut = anythingButOnNonStrings || excludedNumbers.length > 0;
  // The address reading can only succeed through an IP range or an anything-but.
  const addressCanMatch = mode.hasIp && (ipRanges.length > 0 || anyAnythingBut);

  const testString = (v: string): boolean => {
    if (addressCanMatch) {
      const ip = parseIp(v);
      if (ip) {
        // Read as an address: IP ranges can match it, and no anything-but excludes it.
        for (const r of ipRanges) if (inIpRange(r, ip)) return true;
        if (anyAnythingBut) return true;
      }
    }
    // Read as the string it is.
    if (single !== null) {
      if (v === single) return true;
    } else if (exactSet) {
      if (exactSet.has(v)) return true;
    } else if (exactStrings.includes(v)) return true;
    for (const t of stringTests) if (t(v)) return true;
    // A numeric anything-but never lists a string, so any string passes it.
    return excludedNumbers.length > 0;
  };

  const testNumber = (v: EventNumber): boolean => {
    const scaled = mode.hasNumeric ? scaledOf(v) : null;
    if (scaled !== null) {
      // Read in fixed point only (event-ruler returns before trying the text).
      if (scaledNumbers.includes(scaled)) return true;
      for (const r of ranges) {
        if (
          (r.lowOpen ? scaled > r.lowScaled : scaled >= r.lowScaled) &&
          (r.highOpen ? scaled < r.highScaled : scaled <= r.highScaled)
        )
          return true;
      }
      for (const excluded of excludedNumbers) if (!excluded.includes(scaled)) return true;
      return anythingButOnNonStrings;
    }
    // Read as its text: only a pattern number written the same way equals it, and no
    // anything-but (whose numbers are fixed-point) can exclude it.
    if (numberTexts.length > 0 && numberTexts.includes(numberText(v))) return true;
    return anyAnythingBut;
  };

  const testLiteral = (v: boolean | null): boolean => literals.includes(v) || anyAnythingBut;

  return (v) => {
    if (typeof v === 'string') return testString(v);
    if (typeof v === 'number' || v instanceof JsonNumber) return testNumber(v);
    return testLiteral(v);
  };
}
