/**
 * The conditions a policy lists under one key, compiled for fast per-value tests, with their
 * semantics taken from event-ruler (the engine behind SNS filtering):
 * - matching is typed: a string condition never matches a number and vice versa;
 * - numbers compare at five decimal places (SNS's documented accuracy) and only within ±1e9,
 *   the range SNS can represent; beyond it only the literal text can still match;
 * - `anything-but` matches every present value not excluded, null and other types included
 *   (AWS-recorded EventBridge cases show the same engine matching null this way);
 * - a string value that is an IP address equals any spelling of the same address.
 * Compilation is lenient: a malformed condition becomes `invalid` and never matches, so a policy
 * SNS would have refused still evaluates to something sensible (see `compile.ts`).
 */
import { inIpRange, parseCidr, parseIp, sameIp, type IpRange } from '../ruler/ip';
import { JsonNumber, numberText } from '../ruler/jsonText';
import { isNumericOperator } from '../ruler/numericExpression';
import { NUMBER_LIMIT, NUMBER_PRECISION } from './constants';
import type { Scalar } from './values';

/** A scalar as a policy writes it (policies are parsed objects: no number keeps other text). */
type Literal = string | number | boolean | null;

/** A numeric bound, compared at SNS's precision. */
interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** One compiled condition. */
export type Condition =
  | { readonly kind: 'equals'; readonly value: Literal; readonly ip?: Uint8Array }
  | { readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'anything-but'; readonly values: readonly Literal[] }
  | { readonly kind: 'anything-but-prefix' | 'anything-but-suffix'; readonly value: string }
  | { readonly kind: 'anything-but-ignore-case'; readonly values: readonly string[] }
  | {
      readonly kind: 'numeric';
      readonly lower?: Bound;
      readonly upper?: Bound;
      readonly text: string;
    }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'cidr'; readonly range: IpRange; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

function isScalar(value: unknown): value is Literal {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The integer SNS effectively compares: the number scaled to five decimals. */
function scaled(n: number): number {
  return Math.round(n * NUMBER_PRECISION);
}

function representable(n: number): boolean {
  return n >= -NUMBER_LIMIT && n <= NUMBER_LIMIT;
}

/** The double of a message value that is a number, or undefined. */
function numberOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  return value instanceof JsonNumber ? value.value : undefined;
}

/**
 * Typed equality of a policy literal and a message value, numbers at SNS precision. Outside the
 * range SNS compares numerically, event-ruler's exact match compares the numbers' *text*, never
 * their doubles: 9007199254740993 does not equal 9007199254740992 although both read as the
 * same double.
 */
function scalarEquals(literal: Literal, value: Scalar): boolean {
  const n = numberOf(value);
  if (typeof literal === 'number' && n !== undefined) {
    if (representable(literal) && representable(n) && scaled(literal) === scaled(n)) return true;
    return numberText(literal) === numberText(value as number | JsonNumber);
  }
  return literal === value;
}

/** Parses `["=", 5]`, `[">", 0, "<=", 10]` and the like; undefined if malformed. */
function compileNumeric(spec: unknown): Condition | undefined {
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) return undefined;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (let i = 0; i < spec.length; i += 2) {
    const operator: unknown = spec[i];
    const value: unknown = spec[i + 1];
    if (!isNumericOperator(operator)) return undefined;
    if (typeof value !== 'number') return undefined;
    if (operator === '=' && spec.length === 2) lower = upper = { value, inclusive: true };
    else if (operator.startsWith('>') && i === 0) lower = { value, inclusive: operator === '>=' };
    else if (operator.startsWith('<') && (i === 2 || spec.length === 2))
      upper = { value, inclusive: operator === '<=' };
    else return undefined;
  }
  const terms = spec.length === 2 ? [spec] : [spec.slice(0, 2), spec.slice(2)];
  const text = `numeric ${terms.map(([op, n]) => `${String(op)} ${String(n)}`).join(' and ')}`;
  return { kind: 'numeric', text, ...(lower && { lower }), ...(upper && { upper }) };
}

function compileAnythingBut(spec: unknown, text: string): Condition {
  if (typeof spec === 'string' || typeof spec === 'number')
    return { kind: 'anything-but', values: [spec] };
  // An empty list excludes nothing; SNS refuses it, so it is read as never matching rather than
  // as "anything".
  if (Array.isArray(spec) && spec.length > 0 && spec.every(isScalar))
    return { kind: 'anything-but', values: spec };
  if (isRecord(spec) && Object.keys(spec).length === 1) {
    const [[operator, value]] = Object.entries(spec) as [[string, unknown]];
    if ((operator === 'prefix' || operator === 'suffix') && typeof value === 'string') {
      return { kind: operator === 'prefix' ? 'anything-but-prefix' : 'anything-but-suffix', value };
    }
    const list = typeof value === 'string' ? [value] : value;
    if (
      operator === 'equals-ignore-case' &&
      Array.isArray(list) &&
      list.every((v) => typeof v === 'string')
    ) {
      return { kind: 'anything-but-ignore-case', values: list };
    }
  }
  return { kind: 'invalid', text };
}

/** Compiles one element of a policy key's value list. */
export function compileCondition(element: unknown): Condition {
  if (isScalar(element)) {
    const ip = typeof element === 'string' ? parseIp(element) : null;
    return ip === null
      ? { kind: 'equals', value: element }
      : { kind: 'equals', value: element, ip };
  }
  const text = JSON.stringify(element) ?? String(element);
  if (!isRecord(element) || Object.keys(element).length !== 1) return { kind: 'invalid', text };
  const [[operator, value]] = Object.entries(element) as [[string, unknown]];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return typeof value === 'string' ? { kind: operator, value } : { kind: 'invalid', text };
    case 'anything-but':
      return compileAnythingBut(value, text);
    case 'numeric':
      return compileNumeric(value) ?? { kind: 'invalid', text };
    case 'exists':
      return typeof value === 'boolean' ? { kind: 'exists', value } : { kind: 'invalid', text };
    case 'cidr': {
      const parsed = typeof value === 'string' ? parseCidr(value) : undefined;
      return parsed?.ok === true
        ? { kind: 'cidr', range: parsed.range, text: `cidr ${String(value)}` }
        : { kind: 'invalid', text };
    }
    default:
      return { kind: 'invalid', text };
  }
}

function withinBounds(n: number, lower?: Bound, upper?: Bound): boolean {
  if (!representable(n)) return false;
  const v = scaled(n);
  if (lower && (lower.inclusive ? v < scaled(lower.value) : v <= scaled(lower.value))) return false;
  return !upper || (upper.inclusive ? v <= scaled(upper.value) : v < scaled(upper.value));
}

function lowerEquals(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/** Whether one message value satisfies a value condition (`exists` is decided per key, not here). */
export function testCondition(condition: Condition, value: Scalar): boolean {
  switch (condition.kind) {
    case 'equals': {
      if (scalarEquals(condition.value, value)) return true;
      const ip = condition.ip !== undefined && typeof value === 'string' ? parseIp(value) : null;
      return ip !== null && condition.ip !== undefined && sameIp(ip, condition.ip);
    }
    case 'prefix':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(condition.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && lowerEquals(value, condition.value);
    case 'anything-but':
      return !condition.values.some((excluded) => scalarEquals(excluded, value));
    case 'anything-but-prefix':
      return typeof value !== 'string' || !value.startsWith(condition.value);
    case 'anything-but-suffix':
      return typeof value !== 'string' || !value.endsWith(condition.value);
    case 'anything-but-ignore-case':
      return typeof value !== 'string' || !condition.values.some((v) => lowerEquals(v, value));
    case 'numeric': {
      const n = numberOf(value);
      return n !== undefined && withinBounds(n, condition.lower, condition.upper);
    }
    case 'cidr': {
      const ip = typeof value === 'string' ? parseIp(value) : null;
      return ip !== null && inIpRange(condition.range, ip);
    }
    default:
      return false;
  }
}

/** A readable rendering of a condition for users (`prefix "typ"`, `numeric > 0 and <= 150`). */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'equals':
      return JSON.stringify(condition.value);
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return `${condition.kind} ${JSON.stringify(condition.value)}`;
    case 'anything-but':
    case 'anything-but-ignore-case':
      return `${condition.kind === 'anything-but' ? 'anything but' : 'anything but (ignoring case)'} ${condition.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'anything-but-prefix':
      return `anything but prefix ${JSON.stringify(condition.value)}`;
    case 'anything-but-suffix':
      return `anything but suffix ${JSON.stringify(condition.value)}`;
    case 'exists':
      return condition.value ? 'exists' : 'does not exist';
    default:
      return condition.text;
  }
}
