/**
 * Compiles pattern JSON into branches, following event-ruler's `JsonRuleCompiler`: nested objects
 * join their keys with "." (so `{"a":{"b":[..]}}` and `{"a.b":[..]}` are the same field), `$or`
 * forks the branches built so far, and a later field with the same path replaces an earlier one.
 * After compiling, the limits AWS applies at rule creation are checked: the number of `$or`
 * combinations, then the wildcard complexity.
 */
import { PatternError } from '../ruler/errors';
import { parseIp } from '../ruler/ip';
import { RESERVED_IN_OR } from '../ruler/reserved';
import { JsonTokenizer } from './json';
import { readMatchExpression } from './matchExpression';
import { scaledOfText } from './numbers';
import type { Branch, Condition, PatternIR } from './types';
import { wildcardComplexity } from './wildcard';

/** AWS accepts up to this many simultaneously matching wildcard prefixes per field. */
export const MAX_WILDCARD_COMPLEXITY = 10;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/**
 * The most combinations (event-ruler sub-rules: the branches `$or` expands a pattern into) an event
 * pattern may have. event-ruler itself sets no limit, but it turns every `$or` alternative into a
 * copy of all the branches built so far, so nested and sibling `$or`s multiply, and EventBridge
 * refuses patterns that expand too far (issue #10, observed against AWS). The figure 1000 is the
 * one third-party reimplementations of EventBridge's validation use ("the 1000 $or combination
 * cap"); no stored AWS page or recorded AWS case states it, so it is kept in this one place.
 */
export const MAX_OR_COMBINATIONS = 1000;

/**
 * The reason given for a pattern past {@link MAX_OR_COMBINATIONS}. AWS's exact wording is not in
 * any recorded case or stored AWS document (see the report on issue #10); this text names the
 * limit in event-ruler's style and is the single place to correct once a recorded case shows it.
 */
export const TOO_MANY_COMBINATIONS = `Rule is too complex - the pattern's $or expands to more than ${MAX_OR_COMBINATIONS} combinations`;

function barf(message: string): never {
  throw new PatternError(message);
}

/** JSON text for a pattern given as a value; non-JSON input reads as "not an object". */
function toText(pattern: unknown): string {
  if (typeof pattern === 'string') return pattern;
  let text: string | undefined;
  try {
    text = JSON.stringify(pattern);
  } catch {
    barf('Filter is not valid JSON');
  }
  return text ?? '';
}

/**
 * Set while compiling once `$or` has expanded past {@link MAX_OR_COMBINATIONS}: parsing goes on
 * (a syntax error later in the text is reported first, as event-ruler's compiler would raise it
 * before any count of its result is taken), but no further branches are built, so a pattern with thousands of nested alternatives costs no
 * more than one with a thousand. Branch counts never shrink, so the pattern stays over the limit.
 */
let overflowed = false;

/** Compiles a pattern (JSON text or a parsed value); throws PatternError with AWS's reason. */
export function compilePattern(pattern: unknown): PatternIR {
  const p = new JsonTokenizer(toText(pattern));
  if (p.nextToken() !== 'START_OBJECT') barf('Filter is not an object');
  const branches: Branch[] = [];
  overflowed = false;
  try {
    parseObject(branches, [], p, false);
  } catch (e) {
    overflowed = false;
    throw e;
  }
  if (overflowed) {
    overflowed = false;
    barf(TOO_MANY_COMBINATIONS);
  }
  checkComplexity(branches);
  return { branches };
}

function parseObject(rules: Branch[], path: string[], p: JsonTokenizer, inOr: boolean): void {
  let fieldsPresent = false;
  while (p.nextToken() !== 'END_OBJECT') {
    fieldsPresent = true;
    const name = p.currentName;
    if (name === '$or') {
      parseOr(rules, path, p);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(name))
      barf(`${name} is Ruler reserved fieldName which cannot be used inside $or.`);
    const t = p.nextToken();
    if (t === 'START_OBJECT') {
      path.push(name);
      parseObject(rules, path, p, inOr);
      path.pop();
    } else if (t === 'START_ARRAY') {
      writeRules(rules, path.length ? `${path.join('.')}.${name}` : name, p);
    } else {
      barf(`"${name}" must be an object or an array`);
    }
  }
  if (!fieldsPresent) barf('Empty objects are not allowed');
}

function parseOr(rules: Branch[], path: string[], p: JsonTokenizer): void {
  const before = rules.map((r) => new Map(r));
  rules.length = 0;
  if (p.nextToken() !== 'START_ARRAY') barf('It must be an Array followed with $or.');
  let count = 0;
  for (let t = p.nextToken(); t !== 'END_ARRAY'; t = p.nextToken()) {
    count++;
    if (t !== 'START_OBJECT') barf('Only JSON object is allowed in array of $or relationship.');
    const forked = before.length ? before.map((r) => new Map(r)) : [new Map<string, Condition[]>()];
    parseObject(forked, path, p, true);
    if (overflowed) continue;
    if (rules.length + forked.length > MAX_OR_COMBINATIONS) {
      overflowed = true;
      // Keep one branch so the rest of the text still parses, cheaply.
      rules.splice(1);
      if (rules.length === 0) rules.push(forked[0] ?? new Map());
      continue;
    }
    rules.push(...forked);
  }
  if (count < 2) barf('There must have at least 2 Objects in $or relationship.');
}

function writeRules(rules: Branch[], name: string, p: JsonTokenizer): void {
  const values: Condition[] = [];
  for (let t = p.nextToken(); t !== 'END_ARRAY'; t = p.nextToken()) {
    switch (t) {
      case 'START_OBJECT':
        values.push(readMatchExpression(p));
        break;
      case 'VALUE_STRING': {
        // event-ruler turns IP-looking strings into one-address ranges, so "10.0.0.1" also matches
        // other spellings of the same address.
        const ip = parseIp(p.text);
        const display = JSON.stringify(p.text);
        values.push(
          ip
            ? { kind: 'ip', range: { low: ip, high: ip }, cidr: null, display }
            : { kind: 'string', value: p.text, display },
        );
        break;
      }
      case 'VALUE_NUMBER_INT':
      case 'VALUE_NUMBER_FLOAT':
        // event-ruler adds an exact match on the number's text and, when the number is a
        // ComparableNumber, a numeric equality too (swallowing the error when it is not, "for
        // example an AWS account number"). No double is involved: 9007199254740993 is text only.
        values.push({
          kind: 'number',
          value: Number(p.text),
          text: p.text,
          scaled: scaledOfText(p.text),
          display: p.text,
        });
        break;
      case 'VALUE_NULL':
      case 'VALUE_TRUE':
      case 'VALUE_FALSE':
        values.push({
          kind: 'literal',
          value: t === 'VALUE_NULL' ? null : t === 'VALUE_TRUE',
          display: p.text,
        });
        break;
      default:
        barf('Match value must be String, number, true, false, or null');
    }
  }
  if (values.length === 0) barf('Empty arrays are not allowed');
  if (rules.length === 0) rules.push(new Map());
  for (const rule of rules) rule.set(name, values);
}

/**
 * Event-ruler builds one byte machine per field and per path through the preceding fields (in
 * sorted order), and AWS rejects a rule whose machines could track too many wildcard prefixes at
 * once. Machines reachable only through an `exists: false` field are not evaluated by AWS.
 */
function checkComplexity(branches: Branch[]): void {
  const groups = new Map<string, string[]>();
  for (const branch of branches) {
    const paths = [...branch.keys()].sort();
    let prefix = '';
    for (const path of paths) {
      const conditions = branch.get(path) ?? [];
      const key = `${prefix}\u0000${path}`;
      for (const c of conditions) {
        if (c.kind === 'wildcard') {
          const list = groups.get(key) ?? [];
          list.push(c.source);
          groups.set(key, list);
        }
      }
      if (conditions.every((c) => c.kind === 'exists' && !c.value)) break;
      prefix += `\u0001${path}=${conditions.map((c) => c.display).join(',')}`;
    }
  }
  for (const values of groups.values()) {
    if (wildcardComplexity(values, MAX_WILDCARD_COMPLEXITY + 1) > MAX_WILDCARD_COMPLEXITY)
      barf(TOO_COMPLEX);
  }
}
