/**
 * Explains why a pattern does not match an event, field by field, for people reading the app.
 * It reuses the matcher's compiled fields, so an explanation can never disagree with the match
 * result, and adds hints for the usual surprises (case, numbers sent as strings, objects where a
 * leaf was expected, fields matched in different elements of one array).
 */
import { formatIp } from '../ruler/ip';
import { JsonNumber } from '../ruler/jsonText';
import { matchBranch, NONE, scanField, toEventObject } from './match';
import { buildPrograms, type FieldProgram } from './program';
import { isComparable } from './numbers';
import type { Condition, Explanation, MismatchReason } from './types';
import { InvalidEventPatternError, parseEventPattern } from './validate';

const hasOwn = Object.prototype.hasOwnProperty;

/** Every value (leaf or not) found at the field's path, with arrays of leaves spread out. */
function valuesAt(event: object, f: FieldProgram): unknown[] {
  const out: unknown[] = [];
  const spread = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(spread);
    else if (v instanceof JsonNumber) out.push(v.value);
    else if (v !== undefined) out.push(v);
  };
  const walk = (value: unknown, node: number): void => {
    if (Array.isArray(value)) {
      for (const el of value) if (el !== null && typeof el === 'object') walk(el, node);
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof JsonNumber) return;
    const obj = value as Record<string, unknown>;
    for (const step of f.plan[node] ?? []) {
      if (!hasOwn.call(obj, step.key)) continue;
      const child = obj[step.key];
      if (step.next < 0) spread(child);
      else walk(child, step.next);
    }
  };
  walk(event, 0);
  return out;
}

function show(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

function describeNumeric(c: Extract<Condition, { kind: 'numeric' }>): string {
  if (c.low === c.high) return `be a number equal to ${c.low}`;
  const parts: string[] = [];
  if (c.low > -5e9 || c.lowOpen) parts.push(`${c.lowOpen ? '>' : '>='} ${c.low}`);
  if (c.high < 5e9 || c.highOpen) parts.push(`${c.highOpen ? '<' : '<='} ${c.high}`);
  return `be a number ${parts.join(' and ')}`;
}

/** What a condition asks for, phrased to follow "expected it to". */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'string':
    case 'number':
    case 'literal':
      return `equal ${c.display}`;
    case 'ip':
      return c.cidr !== null
        ? `be an IP address in ${c.cidr}`
        : `be the IP address ${formatIp(c.range.low)}`;
    case 'prefix':
      return `start with ${JSON.stringify(c.value)}`;
    case 'suffix':
      return `end with ${JSON.stringify(c.value)}`;
    case 'prefix-ignore-case':
      return `start with ${JSON.stringify(c.value.lower)} (ignoring case)`;
    case 'suffix-ignore-case':
      return `end with ${JSON.stringify(c.value.lower)} (ignoring case)`;
    case 'equals-ignore-case':
      return `equal ${JSON.stringify(c.value.lower)} ignoring case`;
    case 'wildcard':
      return `match the wildcard ${JSON.stringify(c.source)}`;
    case 'numeric':
      return describeNumeric(c);
    case 'exists':
      return c.value ? 'exist' : 'be absent';
    case 'anything-but': {
      const list = c.strings.length ? c.strings.map((s) => JSON.stringify(s)) : c.numberTexts;
      return `be present and not ${list.join(' or ')}`;
    }
    case 'anything-but-prefix':
      return `be present and not start with ${c.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'anything-but-suffix':
      return `be present and not end with ${c.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'anything-but-ignore-case':
      return `be present and not equal ${c.values.map((v) => JSON.stringify(v.lower)).join(' or ')} (ignoring case)`;
    case 'anything-but-wildcard':
      return `be present and not match ${c.sources.map((v) => JSON.stringify(v)).join(' or ')}`;
  }
}

/** Extra advice for the mismatches people most often trip over. */
function hints(f: FieldProgram, values: unknown[]): string[] {
  const out: string[] = [];
  const leaves = values.filter((v) => v === null || typeof v !== 'object');
  if (values.length > 0 && leaves.length === 0) {
    out.push(
      'the event has an object there; patterns only match leaf values, so name the nested fields instead',
    );
  }
  const wantsNumber = f.conditions.some((c) => c.kind === 'numeric' || c.kind === 'number');
  if (
    wantsNumber &&
    leaves.some((v) => typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
  ) {
    out.push('numbers sent as strings are compared as text; numeric matching needs a JSON number');
  }
  if (
    f.conditions.some((c) => c.kind === 'numeric') &&
    leaves.some((v) => typeof v === 'number' && !isComparable(v))
  ) {
    out.push('numeric matching only covers -5e9..5e9 with at most 6 decimal places');
  }
  const strings = f.conditions.flatMap((c) => (c.kind === 'string' ? [c.value.toLowerCase()] : []));
  if (leaves.some((v) => typeof v === 'string' && strings.includes(v.toLowerCase()))) {
    out.push('matching is case-sensitive; use {"equals-ignore-case": ...} to ignore case');
  }
  if (wantsNumber && leaves.some((v) => typeof v === 'boolean'))
    out.push('true and false are not numbers');
  return out;
}

function fieldReason(event: object, f: FieldProgram): MismatchReason {
  const values = valuesAt(event, f);
  const leaves = values.filter((v) => v === null || typeof v !== 'object');
  const actual = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  const condition = `[${f.conditions.map((c) => c.display).join(', ')}]`;
  const wanted = f.conditions.map(describeCondition).join(', or ');
  let message: string;
  if (leaves.length === 0 && f.valued) {
    message =
      values.length === 0
        ? `${f.path} is missing; expected it to ${wanted}`
        : `${f.path} has no value to compare; expected it to ${wanted}`;
  } else if (!f.valued) {
    message = `${f.path} is ${show(actual)}; expected it to be absent`;
  } else {
    const where =
      leaves.length > 1
        ? `has ${show(leaves)}, none of which matches`
        : `is ${show(leaves[0])}, which does not match`;
    message = `${f.path} ${where}; expected it to ${wanted}`;
  }
  const extra = hints(f, values);
  if (extra.length) message += ` (${extra.join('; ')})`;
  return { path: f.path, condition, actual, message };
}

/**
 * Says whether the event matches and, if not, which field and condition failed in each $or branch.
 * An invalid pattern is reported as a single reason carrying AWS's exception message.
 */
export function explainEventPatternMismatch(pattern: unknown, event: unknown): Explanation {
  let ir;
  try {
    ir = parseEventPattern(pattern);
  } catch (e) {
    if (!(e instanceof InvalidEventPatternError)) throw e;
    return {
      matched: false,
      reasons: [
        { path: '', condition: 'a valid event pattern', actual: pattern, message: e.message },
      ],
    };
  }
  const e = toEventObject(event);
  const branches = buildPrograms(ir);
  if (branches.some((b) => matchBranch(b, e))) return { matched: true, reasons: [] };
  const reasons: MismatchReason[] = [];
  branches.forEach((b, i) => {
    const label = branches.length > 1 ? `$or branch ${i + 1} of ${branches.length}: ` : '';
    const order = [...(ir.branches[i]?.keys() ?? [])];
    const fields = [...b.fields].sort((x, y) => order.indexOf(x.path) - order.indexOf(y.path));
    const failing = fields.filter((f) => scanField(e, f) === NONE);
    for (const f of failing) {
      const r = fieldReason(e, f);
      reasons.push({ ...r, message: label + r.message });
    }
    if (failing.length === 0) {
      const paths = fields.map((f) => f.path);
      reasons.push({
        path: paths.join(', '),
        condition: `{${fields.map((f) => `${JSON.stringify(f.path)}: [${f.conditions.map((c) => c.display).join(', ')}]`).join(', ')}}`,
        actual: fields.map((f) => valuesAt(e, f)),
        message: `${label}each field matches on its own, but in different elements of the same array; fields under an array of objects must all match within one element${fields.some((f) => f.absentOk) ? ', and a field that must be absent must be absent from that element (judged in sorted field order, as AWS does)' : ''}`,
      });
    }
  });
  return { matched: false, reasons };
}
