/**
 * Reads one `{ "<operator>": ... }` element of a field's value list. This mirrors event-ruler's
 * `JsonRuleCompiler.processMatchExpression` step for step, because AWS reports the first check
 * that fails in token order, and the wording of each message is part of the API.
 */
import { foldCase } from './ignoreCase';
import { parseCidr } from './ip';
import { PatternError } from './errors';
import type { JsonToken, JsonTokenizer } from './json';
import { comparableValue } from './numbers';
import type { Condition } from './types';
import { parseWildcard } from './wildcard';

const ONLY_ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

function barf(message: string): never {
  throw new PatternError(message);
}

function isNumber(t: JsonToken | null): boolean {
  return t === 'VALUE_NUMBER_INT' || t === 'VALUE_NUMBER_FLOAT';
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
      if (p.nextToken() !== 'START_ARRAY') barf('Value of numeric must be an array.');
      const cond = readNumeric(p);
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
      const range = parseCidr(text);
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

/** A numeric range with event-ruler's checks: bottom below top, then each bound representable. */
function range(
  bottom: string | null,
  lowOpen: boolean,
  top: string | null,
  highOpen: boolean,
  display: string,
): Condition {
  const low = bottom === null ? -5e9 : Number(bottom);
  const high = top === null ? 5e9 : Number(top);
  if (low >= high) barf('Bottom must be less than top');
  if (bottom !== null) comparableValue(bottom);
  if (top !== null) comparableValue(top);
  return { kind: 'numeric', low, lowOpen, high, highOpen, display };
}

function readNumeric(p: JsonTokenizer): Condition {
  const parts: string[] = [];
  const display = (): string => `{"numeric":[${parts.join(',')}]}`;
  let t = p.nextToken();
  if (t !== 'VALUE_STRING') barf(`Invalid member in numeric match: ${p.text}`);
  const op = p.text;
  parts.push(q(op));
  t = p.nextToken();
  const valueOf = (label: string): string => {
    if (!isNumber(t)) barf(`Value of ${label} must be numeric`);
    parts.push(p.text);
    return p.text;
  };
  switch (op) {
    case '=': {
      const val = valueOf('equals');
      if (p.nextToken() !== 'END_ARRAY') barf(TOO_MANY_ELEMENTS);
      const v = comparableValue(val);
      return {
        kind: 'numeric',
        low: v,
        lowOpen: false,
        high: v,
        highOpen: false,
        display: display(),
      };
    }
    case '>=':
    case '>': {
      const val = valueOf(op);
      t = p.nextToken();
      if (t === 'END_ARRAY') return range(val, op === '>', null, false, display());
      if (t !== 'VALUE_STRING') barf(`Bad value in numeric range: ${p.text}`);
      const topOp = p.text;
      if (topOp !== '<' && topOp !== '<=') barf(`Bad numeric range operator: ${topOp}`);
      parts.push(q(topOp));
      t = p.nextToken();
      const top = valueOf(topOp);
      if (p.nextToken() !== 'END_ARRAY') barf('Too many terms in numeric range expression');
      return range(val, op === '>', top, topOp === '<', display());
    }
    case '<=':
    case '<': {
      const val = valueOf(op);
      if (p.nextToken() !== 'END_ARRAY') barf(TOO_MANY_ELEMENTS);
      return range(null, false, val, op === '<', display());
    }
    default:
      return barf(`Unrecognized numeric range operator: ${op}`);
  }
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
  if (t !== 'START_ARRAY' && t !== 'VALUE_STRING' && !isNumber(t)) {
    barf('Value of anything-but must be an array or single string/number value.');
  }
  const strings: string[] = [];
  const numbers: number[] = [];
  const texts: string[] = [];
  const take = (token: JsonToken | null): void => {
    if (kind === 'plain') {
      if (token === 'VALUE_STRING') strings.push(p.text);
      else if (isNumber(token)) numbers.push(comparableValue(p.text));
      else barf('Inside anything but list, start|null|boolean is not supported.');
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
      return { kind: 'anything-but', strings, numbers, display };
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
