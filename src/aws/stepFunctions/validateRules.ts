/**
 * The finer-grained definition checks: Retry/Catch lists and Choice rules.
 */
import { CHOICE_OPERATORS } from './choice';
import type { ChoiceRuleDefinition, StateDefinition } from './types';

type Lang = 'JSONPath' | 'JSONata';

/** True for a positive integer. */
export function positiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Where problems are reported, and how a transition target is checked. */
export interface Reporter {
  add(path: string, message: string): void;
  target(next: unknown, at: string, names: string[]): void;
}

function checkErrorEquals(c: Reporter, list: unknown, at: string, isLast: boolean): void {
  if (!Array.isArray(list) || list.length === 0)
    return c.add(`${at}/ErrorEquals`, 'must be a non-empty array of error names');
  if (list.includes('States.ALL')) {
    if (list.length > 1) c.add(`${at}/ErrorEquals`, 'States.ALL must appear alone');
    if (!isLast) c.add(`${at}/ErrorEquals`, 'States.ALL must be in the last entry');
  }
}

/** Retry and Catch: where they are allowed, ErrorEquals, retrier fields, catcher targets. */
export function checkRetryCatch(
  c: Reporter,
  s: StateDefinition,
  at: string,
  names: string[],
): void {
  const allowed = s.Type === 'Task' || s.Type === 'Parallel' || s.Type === 'Map';
  for (const field of ['Retry', 'Catch'] as const) {
    const list = s[field];
    if (list === undefined) continue;
    if (!allowed) {
      c.add(`${at}/${field}`, `is not allowed in a ${s.Type} state`);
      continue;
    }
    if (!Array.isArray(list)) {
      c.add(`${at}/${field}`, 'must be an array');
      continue;
    }
    list.forEach((entry, i) => {
      const p = `${at}/${field}/${i}`;
      checkErrorEquals(c, entry.ErrorEquals, p, i === list.length - 1);
      if (field === 'Catch') c.target((entry as { Next: unknown }).Next, `${p}/Next`, names);
      else {
        const r = entry as {
          MaxAttempts?: unknown;
          BackoffRate?: unknown;
          IntervalSeconds?: unknown;
          MaxDelaySeconds?: unknown;
        };
        if (
          r.MaxAttempts !== undefined &&
          !(Number.isInteger(r.MaxAttempts) && (r.MaxAttempts as number) >= 0)
        )
          c.add(`${p}/MaxAttempts`, 'must be a non-negative integer');
        if (
          r.BackoffRate !== undefined &&
          !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1)
        )
          c.add(`${p}/BackoffRate`, 'must be a number >= 1.0');
        if (r.IntervalSeconds !== undefined && !positiveInt(r.IntervalSeconds))
          c.add(`${p}/IntervalSeconds`, 'must be a positive integer');
        if (r.MaxDelaySeconds !== undefined && !positiveInt(r.MaxDelaySeconds))
          c.add(`${p}/MaxDelaySeconds`, 'must be a positive integer');
      }
    });
  }
}

/** A Choice rule (top-level rules need a Next; nested ones must not have one). */
export function checkRule(
  c: Reporter,
  r: ChoiceRuleDefinition,
  at: string,
  names: string[],
  lang: Lang,
  top: boolean,
): void {
  if (typeof r !== 'object' || r === null) return c.add(at, 'must be an object');
  if (top) c.target(r.Next, `${at}/Next`, names);
  else if (r.Next !== undefined) c.add(`${at}/Next`, 'is only allowed on top-level choice rules');
  if (lang === 'JSONata') {
    if (!('Condition' in r)) c.add(`${at}/Condition`, 'is required in a JSONata choice rule');
    return;
  }
  if (r.And !== undefined || r.Or !== undefined) {
    const key = r.And !== undefined ? 'And' : 'Or';
    const list = r[key];
    if (!Array.isArray(list) || list.length === 0)
      c.add(`${at}/${key}`, 'must be a non-empty array of rules');
    else list.forEach((x, i) => checkRule(c, x, `${at}/${key}/${i}`, names, lang, false));
    return;
  }
  if (r.Not !== undefined) return checkRule(c, r.Not, `${at}/Not`, names, lang, false);
  const ops = Object.keys(r).filter(
    (k) => !['Variable', 'Next', 'Comment', 'Assign', 'Output'].includes(k),
  );
  if (typeof r.Variable !== 'string') c.add(`${at}/Variable`, 'is required');
  if (ops.length !== 1) c.add(at, 'needs exactly one comparison operator');
  else if (!CHOICE_OPERATORS.has(ops[0] as string))
    c.add(`${at}/${ops[0]}`, 'is not a comparison operator');
}
