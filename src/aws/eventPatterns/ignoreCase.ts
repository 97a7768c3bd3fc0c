/**
 * Case-insensitive comparison as event-ruler does it: each pattern character matches its own
 * lower-case or upper-case form (Java's `toLowerCase`/`toUpperCase`, which JavaScript shares),
 * and the event text is compared as written. Some characters change length when their case
 * changes (ß → SS, İ → i̇), so the general path walks alternatives; the common case, where every
 * form is one UTF-16 unit, is a straight index loop with no allocation.
 */

/** A compiled case-insensitive literal. */
export interface Folded {
  /** Per pattern code point, its distinct lower- and upper-case forms. */
  forms: string[][];
  /** Every form is a single UTF-16 unit, so lengths line up with the pattern. */
  simple: boolean;
  lower: string;
  upper: string;
}

/** Precomputes the case forms of a pattern value. */
export function foldCase(pattern: string): Folded {
  const forms: string[][] = [];
  let simple = true;
  let lower = '';
  let upper = '';
  for (const ch of pattern) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    forms.push(lo === up ? [lo] : [lo, up]);
    if (lo.length !== 1 || up.length !== 1) simple = false;
    lower += lo;
    upper += up;
  }
  return { forms, simple, lower, upper };
}

function simpleAt(f: Folded, v: string, offset: number): boolean {
  const lo = f.lower;
  const up = f.upper;
  for (let i = 0; i < lo.length; i++) {
    const c = v.charCodeAt(offset + i);
    if (c !== lo.charCodeAt(i) && c !== up.charCodeAt(i)) return false;
  }
  return true;
}

/** All end offsets reachable by matching forms[i..] forward from `pos`. */
function forward(f: Folded, v: string, i: number, pos: number, ends: Set<number>): void {
  if (i === f.forms.length) {
    ends.add(pos);
    return;
  }
  for (const form of f.forms[i] ?? []) {
    if (v.startsWith(form, pos)) forward(f, v, i + 1, pos + form.length, ends);
  }
}

/** Whether forms[..i) can be matched backward so they end exactly at `end` and start at >= 0. */
function backward(f: Folded, v: string, i: number, end: number): boolean {
  if (i === 0) return true;
  for (const form of f.forms[i - 1] ?? []) {
    const start = end - form.length;
    if (start >= 0 && v.startsWith(form, start) && backward(f, v, i - 1, start)) return true;
  }
  return false;
}

/** `v` equals the pattern ignoring case. */
export function equalsIgnoringCase(f: Folded, v: string): boolean {
  if (f.simple) return v.length === f.lower.length && simpleAt(f, v, 0);
  const ends = new Set<number>();
  forward(f, v, 0, 0, ends);
  return ends.has(v.length);
}

/** `v` starts with the pattern ignoring case. */
export function startsWithIgnoringCase(f: Folded, v: string): boolean {
  if (f.simple) return v.length >= f.lower.length && simpleAt(f, v, 0);
  const ends = new Set<number>();
  forward(f, v, 0, 0, ends);
  return ends.size > 0;
}

/** `v` ends with the pattern ignoring case. */
export function endsWithIgnoringCase(f: Folded, v: string): boolean {
  if (f.simple) return v.length >= f.lower.length && simpleAt(f, v, v.length - f.lower.length);
  return backward(f, v, f.forms.length, v.length);
}

/** The folded pattern without its first or last character (for the quote edge cases of affixes). */
export function dropEdge(f: Folded, edge: 'first' | 'last'): Folded {
  const forms = edge === 'first' ? f.forms.slice(1) : f.forms.slice(0, -1);
  const lower = forms.map((x) => x[0] ?? '').join('');
  const upper = forms.map((x) => x[x.length - 1] ?? '').join('');
  return { forms, simple: f.simple, lower, upper };
}
