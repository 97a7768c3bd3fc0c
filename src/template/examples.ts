import type { Json } from '../kit';
import { isObj, type Obj } from './context';

/**
 * Messages that the template's rules let through: for each event pattern and filter policy, a
 * body that matches it, so that an imported architecture's traffic reaches every rule target and
 * filtered subscription instead of being filtered out everywhere. (The rule editor and test panel
 * then show what other messages would do.)
 */

/** A value that one rule condition (a literal, or a content-filter object) accepts. */
function valueFor(condition: unknown): Json | undefined {
  if (condition === null || typeof condition !== 'object') return condition as Json;
  const c = condition as Obj;
  if (typeof c.prefix === 'string') return `${c.prefix}example`;
  if (isObj(c.prefix) && typeof c.prefix['equals-ignore-case'] === 'string')
    return `${c.prefix['equals-ignore-case']}example`;
  if (typeof c.suffix === 'string') return `example${c.suffix}`;
  if (typeof c['equals-ignore-case'] === 'string') return c['equals-ignore-case'];
  if (typeof c.wildcard === 'string') return c.wildcard.replace(/\*/g, 'x');
  if (c.exists === true) return 'present';
  if ('anything-but' in c) {
    const but = c['anything-but'];
    if (typeof but === 'number' || (Array.isArray(but) && typeof but[0] === 'number'))
      return -987_654;
    return 'something-else';
  }
  if (Array.isArray(c.numeric)) {
    const ops = c.numeric as unknown[];
    let low = -Infinity;
    let high = Infinity;
    for (let i = 0; i + 1 < ops.length; i += 2) {
      const op = ops[i];
      const n = Number(ops[i + 1]);
      if (op === '=') return n;
      if (op === '>' || op === '>=') low = Math.max(low, op === '>' ? n + 0.5 : n);
      if (op === '<' || op === '<=') high = Math.min(high, op === '<' ? n - 0.5 : n);
    }
    if (Number.isFinite(low) && Number.isFinite(high)) return (low + high) / 2;
    return Number.isFinite(low) ? low + 1 : Number.isFinite(high) ? high - 1 : 0;
  }
  if (typeof c.cidr === 'string') return c.cidr.split('/')[0] ?? '10.0.0.1';
  return undefined;
}

/** An object matching a rule (event pattern or filter policy body), or undefined. */
export function exampleFor(rule: unknown): Obj | undefined {
  if (!isObj(rule)) return undefined;
  const out: Obj = {};
  for (const [key, value] of Object.entries(rule)) {
    if (key === '$or') {
      const first = Array.isArray(value) ? exampleFor(value[0]) : undefined;
      if (first) Object.assign(out, first);
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      if (value.some((v) => isObj(v) && v.exists === false)) continue;
      const v = valueFor(value[0]);
      if (v !== undefined) out[key] = v;
    } else if (isObj(value)) {
      const nested = exampleFor(value);
      if (nested) out[key] = nested;
    }
  }
  return out;
}

/** A message body that an EventBridge rule's pattern matches once the kit makes it an event. */
export function bodyForEventPattern(pattern: Obj): Obj {
  const example = exampleFor(pattern) ?? {};
  const detail = isObj(example.detail) ? example.detail : {};
  const body: Obj = { ...detail };
  body.source = typeof example.source === 'string' ? example.source : 'imported.app';
  body['detail-type'] =
    typeof example['detail-type'] === 'string' ? example['detail-type'] : 'Event';
  return body;
}

/** A DynamoDB attribute value (`{"S": "x"}`, `{"N": "1"}`, `{"M": {...}}`...) as plain JSON. */
function unmarshall(v: unknown): Json {
  if (!isObj(v)) return (v ?? null) as Json;
  if (typeof v.S === 'string') return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (typeof v.BOOL === 'boolean') return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (Array.isArray(v.L)) return v.L.map(unmarshall);
  if (isObj(v.M))
    return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, unmarshall(x)]));
  return null;
}

/**
 * A message body that a pipe's filter matches once the pipe reads it from its source (see
 * `pipeRecord` in `src/kit/kinds/pipe.ts`): an SQS message's `body`, a Kinesis record's `data`,
 * a DynamoDB stream record's `NewImage` (with its `eventName` when the filter names one).
 */
export function bodyForPipeFilter(pattern: Obj, source: string): Obj {
  const example = exampleFor(pattern) ?? {};
  if (source === 'DynamoDB') {
    const ddb = isObj(example.dynamodb) ? example.dynamodb : {};
    const image = isObj(ddb.NewImage) ? ddb.NewImage : isObj(ddb.OldImage) ? ddb.OldImage : {};
    const body: Obj = Object.fromEntries(Object.entries(image).map(([k, v]) => [k, unmarshall(v)]));
    if (typeof example.eventName === 'string') body.eventName = example.eventName;
    return body;
  }
  const inner = source === 'Kinesis' ? example.data : example.body;
  return isObj(inner) ? inner : {};
}
