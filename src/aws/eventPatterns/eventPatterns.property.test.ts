// Properties over random events: a pattern projected from an event's own values matches it,
// removing a field the pattern needs makes it fail, and the text/object forms and the explainer
// always agree with the matcher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainEventPatternMismatch, matchEventPattern, validateEventPattern } from './index';
import { isComparable } from './numbers';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const key = fc.oneof(
  fc.stringMatching(/^[a-zA-Z_-][a-zA-Z0-9_-]{0,5}$/),
  fc.constantFrom('constructor', 'toString'),
);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('10.0.0.1', 'a*b', 'back\\slash', 'Straße', ''),
  fc.integer({ min: -1e10, max: 1e10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: Json }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 3 }),
  ),
}));
const event = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 });

/** A small deterministic chooser, so projections are reproducible from a seed. */
function chooser(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return n <= 1 ? 0 : s % n;
  };
}

const escapeWildcard = (s: string): string => s.replace(/[\\*]/g, (c) => `\\${c}`);
const caseStable = (s: string): boolean =>
  [...s].every((ch) => ch.toLowerCase() === ch || ch.toUpperCase() === ch);
const flipCase = (s: string): string =>
  [...s].map((ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');

/** A condition that the scalar satisfies, picked among the operators that apply to it. */
function conditionFor(v: Json, pick: (n: number) => number): Json {
  const options: Json[] = [{ exists: true }];
  if (typeof v === 'string') {
    const cut = pick(v.length + 1);
    options.push(
      v,
      { prefix: v.slice(0, cut) },
      { suffix: v.slice(cut) },
      { 'anything-but': `${v}x` },
    );
    options.push({
      wildcard: `${escapeWildcard(v.slice(0, cut))}*${escapeWildcard(v.slice(cut + pick(2)))}`,
    });
    if (/^[\x20-\x7e]*$/.test(v))
      options.push(
        { 'equals-ignore-case': flipCase(v) },
        { prefix: { 'equals-ignore-case': flipCase(v.slice(0, cut)) } },
      );
    else if (caseStable(v)) options.push({ 'equals-ignore-case': v });
  } else if (typeof v === 'number') {
    options.push(v);
    if (
      isComparable(v) &&
      isComparable(v + 1) &&
      isComparable(v - 1) &&
      v + 1 <= 5e9 &&
      v - 1 >= -5e9
    ) {
      options.push(
        { numeric: ['>', v - 1, '<=', v] },
        { numeric: ['=', v] },
        { 'anything-but': [v + 1] },
      );
    }
  } else {
    options.push(v, { 'anything-but': 'something else' });
  }
  return options[pick(options.length)] ?? v;
}

/** Builds a pattern from the event's own values; arrays contribute one chosen element. */
function project(v: Json, pick: (n: number) => number): Json | undefined {
  if (v === null || typeof v !== 'object') return [conditionFor(v, pick)];
  if (Array.isArray(v)) {
    const candidates = v.map((el) => project(el, pick)).filter((p) => p !== undefined);
    return candidates[pick(candidates.length)];
  }
  const out: Record<string, Json> = {};
  for (const [k, child] of Object.entries(v)) {
    if (pick(3) === 0) continue;
    const p = project(child, pick);
    if (p !== undefined) out[k] = p;
  }
  if (Object.keys(out).length === 0) {
    for (const [k, child] of Object.entries(v)) {
      const p = project(child, pick);
      if (p !== undefined) return { [k]: p };
    }
    return undefined;
  }
  return out;
}

/** Paths (key lists) of the pattern's fields. */
function fieldPaths(p: Json, prefix: string[] = []): string[][] {
  if (Array.isArray(p)) return [prefix];
  if (p === null || typeof p !== 'object') return [];
  return Object.entries(p).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]));
}

/** Deletes the last key of `path` from every object the path reaches (through any arrays). */
function removeEverywhere(v: Json, path: string[]): void {
  if (Array.isArray(v)) {
    for (const el of v) removeEverywhere(el, path);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const [head, ...rest] = path;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(v, head)) return;
  if (rest.length === 0) delete v[head];
  else removeEverywhere(v[head] ?? null, rest);
}

describe('event pattern properties', () => {
  it('a pattern built from an event’s own values matches that event', () => {
    fc.assert(
      fc.property(event, fc.integer(), (e, seed) => {
        const pattern = project(e, chooser(seed));
        fc.pre(pattern !== undefined);
        expect(validateEventPattern(pattern)).toEqual({ ok: true });
        expect(matchEventPattern(pattern, e)).toBe(true);
        expect(matchEventPattern(JSON.stringify(pattern), JSON.stringify(e))).toBe(true);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('removing a field the pattern requires makes it fail', () => {
    fc.assert(
      fc.property(event, fc.integer(), fc.nat(), (e, seed, which) => {
        const pattern = project(e, chooser(seed));
        fc.pre(pattern !== undefined);
        const paths = fieldPaths(pattern ?? null);
        const path = paths[which % paths.length] ?? [];
        const copy = JSON.parse(JSON.stringify(e)) as Json;
        removeEverywhere(copy, path);
        expect(matchEventPattern(pattern, copy)).toBe(false);
        const explained = explainEventPatternMismatch(pattern, copy);
        expect(explained.matched).toBe(false);
        expect(explained.reasons.some((r) => r.path === path.join('.'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('object and text forms, and the explainer, agree with the matcher on unrelated events', () => {
    fc.assert(
      fc.property(event, event, fc.integer(), (source, target, seed) => {
        const pattern = project(source, chooser(seed));
        fc.pre(pattern !== undefined);
        const matched = matchEventPattern(pattern, target);
        expect(matchEventPattern(JSON.stringify(pattern), JSON.stringify(target))).toBe(matched);
        const explained = explainEventPatternMismatch(pattern, target);
        expect(explained.matched).toBe(matched);
        expect(explained.reasons.length === 0).toBe(matched);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
