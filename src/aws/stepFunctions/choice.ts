/**
 * Choice rules: the JSONPath comparison operators (with their `...Path` variants), the type tests
 * (IsPresent, IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp), StringMatches wildcards, the
 * And/Or/Not combinators, and the JSONata `Condition`.
 */
import { ErrorNames } from './errors';
import { lookupPath, selectPath, type PathScope } from './expressions';
import { evaluateExpression, expressionOf, isJsonataString, type StatesBinding } from './jsonata';
import { StatesError } from './statesError';
import type { ChoiceRuleDefinition } from './types';

type Compare = (value: unknown, operand: unknown) => boolean;

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';

// RFC 3339 date-time, which is what AWS accepts as a timestamp (a `T` separator and a zone).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined if it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
  if (!isString(value)) return undefined;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  const ms = Date.parse(value.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * StringMatches: `*` matches any run of characters, `\*` a literal star and `\\` a literal
 * backslash; everything else matches itself.
 */
export function stringMatches(value: string, pattern: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i] as string;
      re += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*') {
      re += '[\\s\\S]*';
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(re + '$').test(value);
}

const tsCompare =
  (f: (a: number, b: number) => boolean): Compare =>
  (v, o) => {
    const a = parseTimestamp(v);
    const b = parseTimestamp(o);
    return a !== undefined && b !== undefined && f(a, b);
  };

/** Binary comparison operators, keyed by their name without the `Path` suffix. */
const COMPARATORS: Record<string, Compare> = {
  StringEquals: (v, o) => isString(v) && v === o,
  StringLessThan: (v, o) => isString(v) && isString(o) && v < o,
  StringGreaterThan: (v, o) => isString(v) && isString(o) && v > o,
  StringLessThanEquals: (v, o) => isString(v) && isString(o) && v <= o,
  StringGreaterThanEquals: (v, o) => isString(v) && isString(o) && v >= o,
  StringMatches: (v, o) => isString(v) && isString(o) && stringMatches(v, o),
  NumericEquals: (v, o) => isNumber(v) && isNumber(o) && v === o,
  NumericLessThan: (v, o) => isNumber(v) && isNumber(o) && v < o,
  NumericGreaterThan: (v, o) => isNumber(v) && isNumber(o) && v > o,
  NumericLessThanEquals: (v, o) => isNumber(v) && isNumber(o) && v <= o,
  NumericGreaterThanEquals: (v, o) => isNumber(v) && isNumber(o) && v >= o,
  BooleanEquals: (v, o) => typeof v === 'boolean' && v === o,
  TimestampEquals: tsCompare((a, b) => a === b),
  TimestampLessThan: tsCompare((a, b) => a < b),
  TimestampGreaterThan: tsCompare((a, b) => a > b),
  TimestampLessThanEquals: tsCompare((a, b) => a <= b),
  TimestampGreaterThanEquals: tsCompare((a, b) => a >= b),
};

/** Type tests: compare the test's outcome with the rule's boolean operand. */
const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: isNumber,
  IsString: isString,
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

/** Every comparison operator name a rule may use (the validator checks against it). */
export const CHOICE_OPERATORS: ReadonlySet<string> = new Set([
  ...Object.keys(COMPARATORS),
  ...Object.keys(COMPARATORS)
    .filter((k) => k !== 'StringMatches')
    .map((k) => k + 'Path'),
  ...Object.keys(TYPE_TESTS),
  'IsPresent',
]);

const UNDEFINED_VARIABLE =
  "Invalid path: The choice state's condition path references an undefined value.";

/** Evaluates a JSONPath-mode rule (top-level or nested) against the state's effective input. */
export function evaluateRule(
  rule: ChoiceRuleDefinition,
  input: unknown,
  scope: PathScope,
): boolean {
  if (rule.And) return rule.And.every((r) => evaluateRule(r, input, scope));
  if (rule.Or) return rule.Or.some((r) => evaluateRule(r, input, scope));
  if (rule.Not) return !evaluateRule(rule.Not, input, scope);
  const path = rule.Variable as string;
  for (const key in rule) {
    if (
      key === 'Variable' ||
      key === 'Next' ||
      key === 'Comment' ||
      key === 'Assign' ||
      key === 'Output'
    )
      continue;
    const operand = rule[key];
    if (key === 'IsPresent') return lookupPath(path, input, scope).found === (operand === true);
    const found = lookupPath(path, input, scope);
    if (!found.found) throw new StatesError(ErrorNames.Runtime, UNDEFINED_VARIABLE);
    const test = TYPE_TESTS[key];
    if (test) return test(found.value) === (operand === true);
    if (key.endsWith('Path')) {
      const compare = COMPARATORS[key.slice(0, -4)];
      if (compare) return compare(found.value, selectPath(operand as string, input, scope));
    }
    const compare = COMPARATORS[key];
    if (compare) return compare(found.value, operand);
  }
  throw new StatesError(ErrorNames.Runtime, `Unsupported choice rule: ${JSON.stringify(rule)}`);
}

/** Evaluates a JSONata `Condition`, which must produce a boolean. */
export function evaluateCondition(
  condition: unknown,
  states: StatesBinding,
  variables: Record<string, unknown>,
): boolean {
  const value = isJsonataString(condition)
    ? evaluateExpression(expressionOf(condition), states, variables, 'Condition')
    : condition;
  if (typeof value !== 'boolean') {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The Condition field evaluated to ${JSON.stringify(value)}, which is not a boolean.`,
    );
  }
  return value;
}
