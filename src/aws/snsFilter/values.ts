/**
 * Turns a message into the values a filter policy is checked against: for each policy key, the
 * list of scalar values the message holds there. SNS builds one JSON document from the message
 * (typed attributes, or the body) and event-ruler matches policy keys against its leaf values, so:
 * - arrays contribute each of their elements (any element may satisfy a condition), and an empty
 *   array contributes nothing, so the key does not "exist";
 * - only scalars count: a key whose value is an object has no values of its own;
 * - attribute values keep their JSON type: a Number attribute is a number (so `"300"` in a policy
 *   does not match it), a String.Array contributes its parsed elements;
 * - Binary attributes are ignored, as AWS documents;
 * - a number keeps its text when JavaScript would print it differently (`JsonNumber`): where SNS's
 *   engine cannot compare numbers numerically (outside ±1e9) it compares their text, so the
 *   Number attribute `9007199254740993` is not the policy's `9007199254740992`.
 */
import { JsonNumber, parseJsonKeepingNumbers } from '../ruler/jsonText';
import type {
  FilterableMessage,
  JsonValue,
  MessageAttributeValue,
  MessageAttributes,
} from './types';

/** A scalar JSON value, the only kind of value a condition can match. */
export type Scalar = string | number | boolean | null | JsonNumber;

/** What a message holds under one policy key. */
export interface FieldValues {
  /** The scalar values found; empty when the key is absent. */
  readonly values: readonly Scalar[];
  /**
   * Set when the message has no attributes (or, for a body, no properties) at all: AWS then
   * delivers nothing to an `exists: false` key ("An empty set of attributes results in the filter
   * not matching", SNS developer guide, Key matching).
   */
  readonly messageEmpty?: boolean;
  /** Why the field cannot match anything even though it is present (a broken String.Array). */
  readonly unusable?: string;
  /** Set when the key names a Binary attribute, which SNS skips. */
  readonly ignoredBinary?: boolean;
}

/** Looks up the values a message holds for a policy key. */
export type FieldLookup = (key: string) => FieldValues;

const ABSENT: FieldValues = { values: [] };
const ABSENT_FROM_EMPTY: FieldValues = { values: [], messageEmpty: true };
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof JsonNumber)
  );
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    value instanceof JsonNumber
  );
}

/** A Number attribute's value: the number, with its text kept when JS would print it otherwise. */
function numberFromText(text: string): Scalar {
  const value = Number(text);
  return String(value) === text ? value : new JsonNumber(text, value);
}

/** Flattens nested arrays into their scalar elements; objects hold no scalar of their own. */
function scalarsOf(value: unknown, into: Scalar[]): void {
  if (Array.isArray(value)) {
    for (const element of value) scalarsOf(element, into);
  } else if (isScalar(value)) {
    into.push(value);
  }
}

/** Reads either attribute shape; a missing or non-text type reads as no known type. */
function attributeParts(attribute: MessageAttributeValue): { type: string; raw: unknown } {
  const [type, raw]: [unknown, unknown] =
    'DataType' in attribute
      ? [attribute.DataType, attribute.StringValue]
      : [attribute.Type, attribute.Value];
  return { type: typeof type === 'string' ? type : '', raw };
}

/**
 * The values of one message attribute. Values are read leniently (a number where text is expected
 * is used as its text) because simulated messages are hand-written; SNS itself would have refused
 * to publish a Number that is not a number or a String.Array that is not a JSON array.
 */
export function decodeAttribute(attribute: MessageAttributeValue | undefined): FieldValues {
  if (!isRecord(attribute)) return ABSENT;
  const { type, raw } = attributeParts(attribute);
  if (type === 'String.Array') {
    let parsed: unknown = raw;
    if (typeof raw === 'string') {
      try {
        parsed = parseJsonKeepingNumbers(raw);
      } catch {
        return { values: [], unusable: 'its String.Array value is not valid JSON' };
      }
    }
    if (!Array.isArray(parsed))
      return { values: [], unusable: 'its String.Array value is not a JSON array' };
    const values: Scalar[] = [];
    scalarsOf(parsed, values);
    return { values };
  }
  if (type.startsWith('Binary')) return { values: [], ignoredBinary: true };
  if (raw === undefined || raw === null) return ABSENT;
  if (type.startsWith('Number')) {
    if (typeof raw === 'number') return { values: [raw] };
    const text = String(raw).trim();
    return { values: [DECIMAL.test(text) ? numberFromText(text) : text] };
  }
  return { values: [typeof raw === 'string' ? raw : String(raw)] };
}

/** A lookup over message attributes; each attribute is decoded at most once per message. */
export function attributeLookup(message: FilterableMessage): FieldLookup {
  const attributes: MessageAttributes = isRecord(message) ? (message as MessageAttributes) : {};
  if (Object.keys(attributes).length === 0) return () => ABSENT_FROM_EMPTY;
  const cache = new Map<string, FieldValues>();
  return (key) => {
    let field = cache.get(key);
    if (field === undefined) {
      field = decodeAttribute(Object.hasOwn(attributes, key) ? attributes[key] : undefined);
      cache.set(key, field);
    }
    return field;
  };
}

/**
 * The message body as a JSON object, or undefined when it is not one: SNS's payload filtering
 * assumes a JSON object and never matches other bodies (plain text, arrays, quoted strings).
 */
export function parseBody(
  message: FilterableMessage,
): Readonly<Record<string, JsonValue>> | undefined {
  let body: unknown = message;
  if (typeof message === 'string') {
    try {
      body = parseJsonKeepingNumbers(message);
    } catch {
      return undefined;
    }
  }
  return isRecord(body) ? (body as Readonly<Record<string, JsonValue>>) : undefined;
}

/** The dotted paths a policy reads, and every dot-boundary prefix of them (to prune traversal). */
export interface BodyPaths {
  readonly paths: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

/** Collects the prefixes of policy paths so only relevant parts of a body are walked. */
export function bodyPaths(paths: Iterable<string>): BodyPaths {
  const all = new Set(paths);
  const prefixes = new Set<string>();
  for (const path of all) {
    let dot = path.indexOf('.');
    while (dot !== -1) {
      prefixes.add(path.slice(0, dot));
      dot = path.indexOf('.', dot + 1);
    }
    prefixes.add(path);
  }
  return { paths: all, prefixes };
}

/**
 * A lookup over a JSON body. Keys are joined with dots on both sides, which is how AWS compares
 * them: a policy key `"a.b"` matches `{"a": {"b": …}}` as well as `{"a.b": …}` (AWS-validated in
 * LocalStack's suite). Arrays at any depth are walked through, objects inside them included.
 */
export function bodyLookup(
  body: Readonly<Record<string, JsonValue>>,
  wanted: BodyPaths,
): FieldLookup {
  const found = new Map<string, Scalar[]>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const element of node) walk(element, path);
    } else if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (wanted.prefixes.has(childPath)) walk(child, childPath);
      }
    } else if (wanted.paths.has(path) && isScalar(node)) {
      let list = found.get(path);
      if (list === undefined) found.set(path, (list = []));
      list.push(node);
    }
  };
  walk(body, '');
  // The same rule as for attributes: a body with no properties at all has no key to be absent
  // from (applied to the payload by analogy; the guide states it for attributes).
  const absent = Object.keys(body).length === 0 ? ABSENT_FROM_EMPTY : ABSENT;
  return (key) => {
    const values = found.get(key);
    return values === undefined ? absent : { values };
  };
}
