/**
 * Reads one `{ "<operator>": ... }` element of a field's value list. This mirrors event-ruler's
 * `JsonRuleCompiler.processMatchExpression` step for step, because AWS reports the first check
 * that fails in token order, and the wording of each message is part of the API.
 */
import { PatternError } from '../ruler/errors';
import { parseCidr } from '../ruler/ip';
import { numericRange, readNumericExpression, type NumericTerms } from '../ruler/numericExpression';
import { isNumericToken, type JsonToken } from '../ruler/tokens';
import { foldCase } from './ignoreCase';
import type { JsonTokenizer } from './json';
import { comparableValue, NUMBER_LIMIT, SCALED_LIMIT } from './numbers';
import type { Condition } from './types';
import { parseWildcard } from './wildcard';

const ONLY_ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';
/** event-ruler's wording for a value list with nothing in it. */
export const EMPTY_ARRAY = 'Empty arrays are not allowed';

function barf(message: string): never {
  throw new PatternError(message);
}

function q(s: string): string {
  return JSON.stringify(s);
}

function endOfExpression(p: JsonTokenizer, message = ONLY_ONE_KEY): void {
  if (p.nextToken() !== 'END_OBJECT') barf(message);
}

/** Reads the operator object after its `{` and returns the condition it stands for. */
export function readMatchExpression(p: JsonTokenizer): Condition {
  if (p.nextToken() !== 'FIELD_NAME') barf('Match expression name not found');
  const name = p.currentName;
  switch (name) {
    case 'exactly': {
      if (p.nextToken() !== 'VALUE_STRING') barf('exact match pattern must be a string');
      const value = p.text;
      endOfExpression(p);
      return { kind: 'string', value, display: `{"exactly":${q(value)}}` };
    }
    case 'prefix':
    case 'suffix':
      return readAffix(p, name);
    case 'numeric': {
      const cond = numericCondition(readNumericExpression(p, barf));
      endOfExpression(p, TOO_MANY_ELEMENTS);
      return cond;
    }
    case 'anything-but':
      return readAnythingBut(p);
    case 'exists': {
      const t = p.nextToken();
      if (t !== 'VALUE_TRUE' && t !== 'VALUE_FALSE')
        barf('exists match pattern must be either true or false.');
      endOfExpression(p);
      return {
        kind: 'exists',
        value: t === 'VALUE_TRUE',
        display: `{"exists":${t === 'VALUE_TRUE'}}`,
      };
    }
    case 'cidr': {
      // event-ruler reuses the prefix message here; AWS returns it verbatim.
      if (p.nextToken() !== 'VALUE_STRING') barf('prefix match pattern must be a string');
      const text = p.text;
      const cidr = parseCidr(text);
      if (!cidr.ok) barf(cidr.message);
      const range = cidr.range;
      endOfExpression(p);
      return { kind: 'ip', range, cidr: text, display: `{"cidr":${q(text)}}` };
    }
    case 'equals-ignore-case': {
      if (p.nextToken() !== 'VALUE_STRING')
        barf('equals-ignore-case match pattern must be a string');
      const text = p.text;
      endOfExpression(p);
      return {
        kind: 'equals-ignore-case',
        value: foldCase(text),
        display: `{"equals-ignore-case":${q(text)}}`,
      };
    }
    case 'wildcard': {
      if (p.nextToken() !== 'VALUE_STRING') barf('wildcard match pattern must be a string');
      const text = p.text;
      const value = parseWildcard(text);
      endOfExpression(p);
      return { kind: 'wildcard', value, source: text, display: `{"wildcard":${q(text)}}` };
    }
    default:
      return barf(`Unrecognized match type ${name}`);
  }
}

function readAffix(p: JsonTokenizer, op: 'prefix' | 'suffix'): Condition {
  const t = p.nextToken();
  if (t === 'START_OBJECT') {
    const title = op === 'prefix' ? 'Prefix' : 'Suffix';
    if (p.nextToken() !== 'FIELD_NAME') barf(`${title} expression name not found`);
    if (p.currentName !== 'equals-ignore-case') barf(`Unsupported ${op} pattern: ${p.currentName}`);
    if (p.nextToken() !== 'VALUE_STRING') barf('equals-ignore-case match pattern must be a string');
    const text = p.text;
    endOfExpression(p);
    endOfExpression(p);
    const display = `{"${op}":{"equals-ignore-case":${q(text)}}}`;
    return op === 'prefix'
      ? {
          kind: 'prefix-ignore-case',
          value: foldCase(text),
          endsWithQuote: text.endsWith('"'),
          display,
        }
      : {
          kind: 'suffix-ignore-case',
          value: foldCase(text),
          startsWithQuote: text.startsWith('"'),
          display,
        };
  }
  if (t !== 'VALUE_STRING') barf(`${op} match pattern must be a string`);
  const text = p.text;
  endOfExpression(p);
  return { kind: op, value: text, display: `{"${op}":${q(text)}}` };
}

/**
 * The condition for a numeric expression, with event-ruler's `Range` checks on its numbers. The
 * bounds are compared in micro-units (see numbers.ts), as event-ruler compares its fixed-point
 * encodings; the doubles are kept for people.
 */
function numericCondition(terms: NumericTerms): Condition {
  const range = numericRange(terms, NUMBER_LIMIT, comparableValue, barf);
  const [first, second] = terms;
  const lower = first.operator === '=' || first.operator.startsWith('>') ? first : undefined;
  const upper = first.operator === '=' ? first : lower === undefined ? first : second;
  const parts = terms.flatMap((t) => [q(t.operator), t.text]);
  return {
    kind: 'numeric',
    low: lower === undefined ? range.low : Number(lower.text),
    lowOpen: range.lowOpen,
    high: upper === undefined ? range.high : Number(upper.text),
    highOpen: range.highOpen,
    lowScaled: lower === undefined ? -SCALED_LIMIT : comparableValue(lower.text),
    highScaled: upper === undefined ? SCALED_LIMIT : comparableValue(upper.text),
    display: `{"numeric":[${parts.join(',')}]}`,
  };
}

type AnythingButKind = 'plain' | 'ignore-case' | 'prefix' | 'suffix' | 'wildcard';

const TYPE_MESSAGES: Record<Exclude<AnythingButKind, 'plain'>, string> = {
  'ignore-case':
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  wildcard: 'wildcard match pattern must be a string',
};

function readAnythingBut(p: JsonTokenizer): Condition {
  let kind: AnythingButKind = 'plain';
  let op = '';
  let t = p.nextToken();
  if (t === 'START_OBJECT') {
    if (p.nextToken() !== 'FIELD_NAME') barf('Anything-But expression name not found');
    op = p.currentName;
    if (op === 'equals-ignore-case') kind = 'ignore-case';
    else if (op === 'prefix' || op === 'suffix' || op === 'wildcard') kind = op;
    else barf(`Unsupported anything-but pattern: ${op}`);
    t = p.nextToken();
  }
  if (t !== 'START_ARRAY' && t !== 'VALUE_STRING' && !isNumericToken(t)) {
    barf('Value of anything-but must be an array or single string/number value.');
  }
  const strings: string[] = [];
  const numbers: number[] = [];
  const numberTexts: string[] = [];
  const texts: string[] = [];
  const take = (token: JsonToken | null): void => {
    if (kind === 'plain') {
      if (token === 'VALUE_STRING') strings.push(p.text);
      else if (isNumericToken(token)) {
        numbers.push(comparableValue(p.text));
        numberTexts.push(p.text);
      } else barf('Inside anything but list, start|null|boolean is not supported.');
    } else {
      if (token !== 'VALUE_STRING') barf(TYPE_MESSAGES[kind]);
      if ((kind === 'prefix' || kind === 'suffix') && p.text === '')
        barf('Null prefix/suffix not allowed');
      strings.push(p.text);
    }
    texts.push(token === 'VALUE_STRING' ? q(p.text) : p.text);
  };
  const isList = t === 'START_ARRAY';
  if (isList) {
    for (let e = p.nextToken(); e !== 'END_ARRAY'; e = p.nextToken()) take(e);
    if (kind === 'plain' && strings.length > 0 === numbers.length > 0) {
      barf(
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      );
    }
    // event-ruler builds an empty value set here without complaint and would then read the
    // operator as "anything" (nothing to exclude); AWS refuses it instead (issue #10). AWS's text
    // for this refusal is not in any recorded case or stored AWS document; event-ruler's wording
    // for an empty value list, "Empty arrays are not allowed", is the closest it has.
    if (kind !== 'plain' && strings.length === 0) barf(EMPTY_ARRAY);
  } else {
    take(t);
  }
  const wildcards = kind === 'wildcard' ? strings.map((s) => parseWildcard(s)) : [];
  endOfExpression(p, TOO_MANY_ELEMENTS);
  if (kind !== 'plain') endOfExpression(p, TOO_MANY_ELEMENTS);
  const inner = isList ? `[${texts.join(',')}]` : (texts[0] ?? '');
  const display =
    kind === 'plain' ? `{"anything-but":${inner}}` : `{"anything-but":{"${op}":${inner}}}`;
  switch (kind) {
    case 'plain':
      return { kind: 'anything-but', strings, numbers, numberTexts, display };
    case 'ignore-case':
      return { kind: 'anything-but-ignore-case', values: strings.map(foldCase), display };
    case 'prefix':
      return { kind: 'anything-but-prefix', values: strings, display };
    case 'suffix':
      return { kind: 'anything-but-suffix', values: strings, display };
    case 'wildcard':
      return { kind: 'anything-but-wildcard', values: wildcards, sources: strings, display };
  }
}
