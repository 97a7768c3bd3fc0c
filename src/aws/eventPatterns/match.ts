/**
 * The matcher. A compiled pattern walks the event object directly (no flattening, no per-match
 * allocation in the common case), trying each way a dotted field path can split across event keys
 * (`detail.state` may be `{"detail":{"state":..}}` or `{"detail.state":..}`, as event-ruler joins
 * both with dots). Arrays in the event match when any element does, with event-ruler's array
 * consistency (`ACFinder`): fields that reach into the same array of objects must match the same
 * element, and `exists: false` is judged the same way — a field counts as absent when every value
 * it has lies in other elements of the arrays the fields before it (in sorted path order) matched
 * in. So `{"a":{"b":["x"],"c":[{"exists":false}]}}` matches `{"a":[{"b":"x"},{"c":1}]}`: `a.c`
 * exists, but not in the element where `a.b` is "x".
 */
import { JsonNumber, parseJsonKeepingNumbers } from '../ruler/jsonText';
import { buildPrograms, type BranchProgram, type FieldProgram, type Step } from './program';
import type { Leaf } from './types';
import { parseEventPattern } from './validate';

/** A function testing one event (object or JSON text) against a compiled pattern. */
export type EventMatcher = (event: unknown) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

// Scan results: no satisfying leaf, one reached without shared arrays, or only inside shared arrays.
/** scanField result: the field is not satisfied. */
export const NONE = 0;
const FREE = 1;
const BOUND = 2;

/** Set by scans: whether any leaf at all was seen (decides `exists: false`). */
let leafSeen = false;
/** Set by scans: whether a leaf was seen outside every array shared with another field. */
let freeLeafSeen = false;
/**
 * Set by scanField: the field may be absent only relative to the array elements other fields
 * match in (all its leaves lie inside shared arrays), so the branch needs the element-wise check.
 */
let conditionalAbsence = false;

/** Whether a value is a leaf event-ruler would see (a scalar, or a number kept with its text). */
function isLeaf(v: unknown): v is Leaf | JsonNumber {
  if (v === null) return true;
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || v instanceof JsonNumber;
}

function scanLeaf(v: unknown, f: FieldProgram, bound: boolean, shared: boolean): number {
  if (isLeaf(v)) {
    leafSeen = true;
    if (!bound) freeLeafSeen = true;
    return f.test(v) ? (bound ? BOUND : FREE) : NONE;
  }
  if (!Array.isArray(v)) return NONE; // an object has no value at this path, only below it
  let best = NONE;
  const inner = bound || shared;
  for (let i = 0; i < v.length; i++) {
    const r = scanLeaf(v[i], f, inner, shared);
    if (r === FREE && !f.absentOk) return FREE;
    if (r === FREE) best = FREE;
    else if (r === BOUND && best === NONE) best = BOUND;
  }
  return best;
}

function scanNode(
  value: object,
  f: FieldProgram,
  node: number,
  bound: boolean,
  shared: boolean,
): number {
  if (Array.isArray(value)) {
    let best = NONE;
    const inner = bound || shared;
    for (let i = 0; i < value.length; i++) {
      const el: unknown = value[i];
      if (el !== null && typeof el === 'object' && !(el instanceof JsonNumber)) {
        const r = scanNode(el, f, node, inner, shared);
        if (r === FREE && !f.absentOk) return FREE;
        if (r === FREE) best = FREE;
        else if (r === BOUND && best === NONE) best = BOUND;
      }
    }
    return best;
  }
  const steps = f.plan[node] ?? [];
  const obj = value as Record<string, unknown>;
  let best = NONE;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as Step;
    const child = obj[step.key];
    if (child === undefined || (step.guarded && !hasOwn.call(obj, step.key))) continue;
    let r: number;
    if (step.next < 0) r = scanLeaf(child, f, bound, step.shared);
    else if (child !== null && typeof child === 'object' && !(child instanceof JsonNumber))
      r = scanNode(child, f, step.next, bound, step.shared);
    else r = NONE;
    // A field that may also be satisfied by absence keeps scanning: it needs to know every leaf.
    if (r === FREE && !f.absentOk) return FREE;
    if (r === FREE) best = FREE;
    else if (r === BOUND && best === NONE) best = BOUND;
  }
  return best;
}

/** Array elements a leaf was reached through: pairs of (array, index), flattened. */
type Trail = unknown[];

function collectLeaf(
  v: unknown,
  f: FieldProgram,
  trail: Trail,
  shared: boolean,
  all: boolean,
  out: Trail[],
): void {
  if (isLeaf(v)) {
    if (all || f.test(v)) out.push(trail.slice());
    return;
  }
  if (!Array.isArray(v)) return;
  for (let i = 0; i < v.length; i++) {
    if (shared) trail.push(v, i);
    collectLeaf(v[i], f, trail, shared, all, out);
    if (shared) trail.length -= 2;
  }
}

function collectNode(
  value: object,
  f: FieldProgram,
  node: number,
  trail: Trail,
  shared: boolean,
  all: boolean,
  out: Trail[],
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const el: unknown = value[i];
      if (el === null || typeof el !== 'object' || el instanceof JsonNumber) continue;
      if (shared) trail.push(value, i);
      collectNode(el, f, node, trail, shared, all, out);
      if (shared) trail.length -= 2;
    }
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const step of f.plan[node] ?? []) {
    const child = obj[step.key];
    if (child === undefined || (step.guarded && !hasOwn.call(obj, step.key))) continue;
    if (step.next < 0) collectLeaf(child, f, trail, step.shared, all, out);
    else if (child !== null && typeof child === 'object' && !(child instanceof JsonNumber))
      collectNode(child, f, step.next, trail, step.shared, all, out);
  }
}

/** Every satisfying leaf of a field with the shared-array elements it was reached through. */
export function satisfyingTrails(event: object, f: FieldProgram): Trail[] {
  const out: Trail[] = [];
  if (f.valued) collectNode(event, f, 0, [], Array.isArray(event), false, out);
  return out;
}

/** Every leaf of a field (whatever its value) with the shared-array elements it lies in. */
function leafTrails(event: object, f: FieldProgram): Trail[] {
  const out: Trail[] = [];
  collectNode(event, f, 0, [], Array.isArray(event), true, out);
  return out;
}

function consistent(a: Trail, b: Trail): boolean {
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) if (a[i] === b[j] && a[i + 1] !== b[j + 1]) return false;
  }
  return true;
}

/** Backtracking over the fields matched only inside shared arrays: one leaf each, same elements. */
function consistentChoice(options: Trail[][], index: number, chosen: Trail[]): boolean {
  if (index === options.length) return true;
  for (const trail of options[index] ?? []) {
    if (chosen.every((c) => consistent(c, trail))) {
      chosen.push(trail);
      if (consistentChoice(options, index + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}

/** A field's ways to be satisfied, for the element-wise check: by a leaf, or by absence. */
interface FieldChoices {
  trails: Trail[];
  /** The field may be absent; `leaves` are where it is present (absent if all lie elsewhere). */
  absentOk: boolean;
  leaves: Trail[];
}

/**
 * event-ruler's walk (`ACFinder`) over a branch's fields in sorted path order: each field either
 * matches a leaf consistent with the array elements chosen so far (adding its own), or, with
 * `exists: false`, is absent there — every leaf it has lies in a different element of an array
 * already chosen (`NameState.getNameTransitions` skips fields that break array consistency).
 * Absence chooses no element, so only the fields before it constrain it.
 */
function walkInOrder(fields: FieldChoices[], index: number, chosen: Trail[]): boolean {
  if (index === fields.length) return true;
  const f = fields[index] as FieldChoices;
  for (const trail of f.trails) {
    if (chosen.every((c) => consistent(c, trail))) {
      chosen.push(trail);
      if (walkInOrder(fields, index + 1, chosen)) return true;
      chosen.pop();
    }
  }
  if (f.absentOk && f.leaves.every((leaf) => chosen.some((c) => !consistent(c, leaf)))) {
    return walkInOrder(fields, index + 1, chosen);
  }
  return false;
}

/** Scans one field; FREE/BOUND when satisfied, NONE otherwise (`exists: false` included). */
export function scanField(event: object, f: FieldProgram): number {
  leafSeen = false;
  freeLeafSeen = false;
  conditionalAbsence = false;
  const r = scanNode(event, f, 0, false, Array.isArray(event));
  if (!f.absentOk || !leafSeen) return r !== NONE ? r : f.absentOk ? FREE : NONE;
  // exists:false with leaves present: absent only where other fields' elements rule them out.
  if (!freeLeafSeen) conditionalAbsence = true;
  return r !== NONE ? r : conditionalAbsence ? BOUND : NONE;
}

/** Whether one branch matches the event. */
export function matchBranch(b: BranchProgram, event: object): boolean {
  let bound = 0;
  let elementWise = false;
  const fields = b.fields;
  for (let i = 0; i < fields.length; i++) {
    const r = scanField(event, fields[i] as FieldProgram);
    if (r === NONE) return false;
    if (r === BOUND) bound++;
    if (conditionalAbsence) elementWise = true;
  }
  if (elementWise) {
    const ordered = [...fields].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    return walkInOrder(
      ordered.map((f) => ({
        trails: satisfyingTrails(event, f),
        absentOk: f.absentOk,
        leaves: f.absentOk ? leafTrails(event, f) : [],
      })),
      0,
      [],
    );
  }
  if (bound < 2) return true;
  const options: Trail[][] = [];
  for (const f of fields) {
    if (scanField(event, f) !== BOUND) continue;
    options.push(satisfyingTrails(event, f));
  }
  return consistentChoice(options, 0, []);
}

/**
 * Reads an event given as JSON text, keeping the text of numbers JavaScript would print otherwise
 * (event-ruler compares number text); anything that is not an object has no fields.
 */
export function toEventObject(event: unknown): object {
  const value: unknown = typeof event === 'string' ? parseJsonKeepingNumbers(event) : event;
  return value !== null && typeof value === 'object' ? value : {};
}

/**
 * Compiles a pattern once into a fast matcher (throws InvalidEventPatternError when AWS would
 * reject the pattern). The matcher accepts the event as an object or as JSON text.
 */
export function compileEventPattern(pattern: unknown): EventMatcher {
  const branches = buildPrograms(parseEventPattern(pattern));
  if (branches.length === 1) {
    const only = branches[0] as BranchProgram;
    return (event) => matchBranch(only, toEventObject(event));
  }
  return (event) => {
    const e = toEventObject(event);
    for (let i = 0; i < branches.length; i++)
      if (matchBranch(branches[i] as BranchProgram, e)) return true;
    return false;
  };
}

const byObject = new WeakMap<object, EventMatcher>();
const byText = new Map<string, EventMatcher>();

/**
 * Whether the event matches the pattern, exactly as EventBridge decides it. Compiled patterns are
 * cached (per pattern object, and for the last few hundred pattern strings), so calling this in a
 * loop costs no more than calling a matcher from compileEventPattern. A pattern object is read
 * once: edit patterns by replacing the object, not by mutating it in place.
 */
export function matchEventPattern(pattern: unknown, event: unknown): boolean {
  let matcher: EventMatcher | undefined;
  if (typeof pattern === 'string') {
    matcher = byText.get(pattern);
    if (!matcher) {
      matcher = compileEventPattern(pattern);
      if (byText.size >= 256) byText.clear();
      byText.set(pattern, matcher);
    }
  } else if (pattern !== null && typeof pattern === 'object') {
    matcher = byObject.get(pattern);
    if (!matcher) {
      matcher = compileEventPattern(pattern);
      byObject.set(pattern, matcher);
    }
  } else {
    matcher = compileEventPattern(pattern);
  }
  return matcher(event);
}
