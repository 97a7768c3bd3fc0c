/**
 * The `numeric` match expression as event-ruler's rule compiler reads it: the token walk, with its
 * messages in its order, and the `Range` it builds, with its checks in their order. What a number
 * may be differs between the services (EventBridge: ±5e9 with six decimals, checked on the source
 * text; SNS: ±1e9, checked on the double), so the range takes the limit and the check of a
 * written bound as parameters.
 */
import { isNumericToken, type JsonToken, type TokenStream } from './tokens';

/** A comparison operator of a numeric expression. */
export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

/** One operator and the source text of its number, e.g. `">"` and `"0"`. */
export interface NumericTerm {
  readonly operator: NumericOperator;
  readonly text: string;
}

/** A numeric expression's terms: one, or a lower bound and then an upper one. */
export type NumericTerms = readonly [NumericTerm] | readonly [NumericTerm, NumericTerm];

/** A numeric expression as event-ruler's `Range` holds it; `=` is a closed one-value range. */
export interface NumericRange {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

/** Raises a parse error in the calling engine's own form; never returns. */
export type Fail = (message: string) => never;

const OPERATORS: ReadonlySet<string> = new Set(['=', '<', '<=', '>', '>=']);

/** Whether the text is one of event-ruler's numeric comparison operators. */
export function isNumericOperator(text: unknown): text is NumericOperator {
  return typeof text === 'string' && OPERATORS.has(text);
}

function operand(
  p: TokenStream,
  token: JsonToken | null | undefined,
  label: string,
  fail: Fail,
): string {
  if (!isNumericToken(token)) fail(`Value of ${label} must be numeric`);
  return p.getText();
}

/**
 * Reads the value of `{"numeric": …}`, from its `[` through its `]`: one term (`=`, `<`, `<=`,
 * `>`, `>=`) or a lower bound (`>`, `>=`) followed by an upper one (`<`, `<=`). The numbers are
 * not checked here: event-ruler checks them once the array is closed, see {@link numericRange}.
 */
export function readNumericExpression(p: TokenStream, fail: Fail): NumericTerms {
  if (p.nextToken() !== 'START_ARRAY') fail('Value of numeric must be an array.');
  if (p.nextToken() !== 'VALUE_STRING') fail(`Invalid member in numeric match: ${p.getText()}`);
  const operator = p.getText();
  const token = p.nextToken();
  if (!isNumericOperator(operator)) return fail(`Unrecognized numeric range operator: ${operator}`);
  const first: NumericTerm = {
    operator,
    text: operand(p, token, operator === '=' ? 'equals' : operator, fail),
  };
  if (operator === '>' || operator === '>=') {
    const next = p.nextToken();
    if (next === 'END_ARRAY') return [first];
    if (next !== 'VALUE_STRING') fail(`Bad value in numeric range: ${p.getText()}`);
    const top = p.getText();
    if (top !== '<' && top !== '<=') return fail(`Bad numeric range operator: ${top}`);
    const text = operand(p, p.nextToken(), top, fail);
    if (p.nextToken() !== 'END_ARRAY') fail('Too many terms in numeric range expression');
    return [first, { operator: top, text }];
  }
  if (p.nextToken() !== 'END_ARRAY') fail('Too many elements in numeric expression');
  return [first];
}

/**
 * Builds event-ruler's `Range` for the terms, with its checks in its order: `=` checks its value;
 * a range checks that bottom is below top (an open end stands at ±`limit`), then each written
 * bound. `checkBound` validates a written number and returns its value; `fail` reports the
 * ordering error.
 */
export function numericRange(
  terms: NumericTerms,
  limit: number,
  checkBound: (text: string) => number,
  fail: Fail,
): NumericRange {
  const [first, second] = terms;
  if (first.operator === '=') {
    const value = checkBound(first.text);
    return { low: value, lowOpen: false, high: value, highOpen: false };
  }
  const lower = first.operator.startsWith('>') ? first : undefined;
  const upper = lower === undefined ? first : second;
  const low = lower === undefined ? -limit : Number(lower.text);
  const high = upper === undefined ? limit : Number(upper.text);
  if (low >= high) fail('Bottom must be less than top');
  if (lower !== undefined) checkBound(lower.text);
  if (upper !== undefined) checkBound(upper.text);
  return {
    low,
    lowOpen: lower?.operator === '>',
    high,
    highOpen: upper?.operator === '<',
  };
}
