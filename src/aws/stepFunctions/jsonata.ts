/**
 * QueryLanguage JSONata: `{% ... %}` expressions in state fields, evaluated with jsonata 1.8
 * (synchronous `evaluate`), with `$states` ({input, result, errorOutput, context}) and the
 * workflow variables bound. Any failure surfaces as States.QueryEvaluationError, the error AWS
 * raises for a JSONata expression that throws, yields nothing (even as one member of an object
 * template) or yields something that is not JSON (a function).
 *
 * As in Step Functions (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html):
 * every built-in JSONata function is there except `$eval`; Step Functions adds `$partition`,
 * `$range`, `$hash`, `$random` (with an optional seed), `$uuid` and `$parse`.
 */
import jsonata from 'jsonata';
import { ErrorNames } from './errors';
import { hashHex, isHashAlgorithm, JavaRandom, uuidV4 } from './intrinsics/index';
import { StatesError } from './statesError';

/**
 * The execution a JSONata field is evaluated for: where `$now()`/`$millis()` read the time and
 * `$random()`/`$shuffle()`/`$uuid()` draw randomness (the execution's Env satisfies it).
 */
export interface JsonataRuntime {
  readonly random: () => number;
  readonly clock: { now(): number };
  /** The bound functions, made on first use and kept for the execution's later fields. */
  jsonataFunctions?: Record<string, unknown>;
}

/** Key of `$states`'s (hidden) link to its execution's runtime; symbols never reach JSONata. */
export const JSONATA_RUNTIME: unique symbol = Symbol('jsonataRuntime');

/** What `$states` holds while a field is evaluated. */
export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
  readonly [JSONATA_RUNTIME]: JsonataRuntime;
}

/** A compiled expression, and whether it may call a clock- or random-dependent function. */
interface Compiled {
  expr: jsonata.Expression;
  usesRuntime: boolean;
}

// Compiling is far dearer than evaluating, and a definition's expressions repeat on every visit.
const compiled = new Map<string, Compiled>();

/**
 * jsonata's own `$random`, `$shuffle`, `$now` and `$millis` read `Math.random` and the wall clock;
 * expressions that name them get the execution's versions instead (`$uuid` is ours too).
 */
const RUNTIME_FUNCTIONS = /\$(?:random|shuffle|now|millis|uuid)\b/;

/** AWS caps the strings `$hash` digests, as it caps States.Hash's, at this many characters. */
const HASH_INPUT_LIMIT = 10_000;
/** `$range` makes at most this many elements, as States.ArrayRange does. */
const RANGE_LIMIT = 1000;

/** A whole number argument (`$partition`'s size, `$range`'s bounds and step). */
function integer(value: unknown, fn: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new Error(`The ${what} argument of ${fn} must be an integer.`);
  return value;
}

/**
 * The functions Step Functions adds that depend on nothing but their arguments (`$random` and
 * `$uuid` draw on the execution: see runtimeFunctions).
 */
const STEP_FUNCTIONS_FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  /** `$partition(array, size)`: the array in chunks of `size` (the last may be shorter). */
  partition: (array: unknown, size: unknown) => {
    if (!Array.isArray(array))
      throw new Error('The first argument of $partition must be an array.');
    const n = integer(size, '$partition', 'chunk size');
    if (n <= 0) throw new Error('The chunk size argument of $partition must be positive.');
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += n) chunks.push(array.slice(i, i + n));
    return chunks;
  },
  /** `$range(start, end, step)`: start, start + step, ... up to and including end. */
  range: (start: unknown, end: unknown, step: unknown) => {
    const from = integer(start, '$range', 'start');
    const to = integer(end, '$range', 'end');
    const by = integer(step, '$range', 'step');
    if (by === 0) throw new Error('The step argument of $range must not be 0.');
    const count = (to - from) / by < 0 ? 0 : Math.floor((to - from) / by) + 1;
    if (count > RANGE_LIMIT)
      throw new Error(`$range would make ${count} elements; the limit is ${RANGE_LIMIT}.`);
    return Array.from({ length: count }, (_, i) => from + i * by);
  },
  /** `$hash(value, algorithm)`: hex digest; MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
  hash: (value: unknown, algorithm: unknown) => {
    if (typeof value !== 'string') throw new Error('The first argument of $hash must be a string.');
    if (value.length > HASH_INPUT_LIMIT)
      throw new Error(`The first argument of $hash is longer than ${HASH_INPUT_LIMIT} characters.`);
    if (typeof algorithm !== 'string' || !isHashAlgorithm(algorithm))
      throw new Error(
        'The algorithm argument of $hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512.',
      );
    return hashHex(value, algorithm);
  },
  /** `$parse(text)`: the JSON value the text spells (what `$eval` did, without evaluating). */
  parse: (text: unknown) => {
    if (typeof text !== 'string') throw new Error('The argument of $parse must be a string.');
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new Error(`The argument of $parse is not valid JSON: ${message(e)}`, { cause: e });
    }
  },
};

function compile(expression: string, field: string): Compiled {
  let entry = compiled.get(expression);
  if (entry) return entry;
  try {
    const expr = jsonata(expression);
    for (const [name, implementation] of Object.entries(STEP_FUNCTIONS_FUNCTIONS))
      expr.registerFunction(name, implementation as (...args: unknown[]) => unknown);
    // Step Functions leaves `$eval` out: calling it fails as calling any non-function does.
    expr.assign('eval', undefined);
    entry = { expr, usesRuntime: RUNTIME_FUNCTIONS.test(expression) };
  } catch (e) {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expression}' specified for the field '${field}' could not be parsed: ${message(e)}`,
    );
  }
  if (compiled.size > 2000) compiled.clear();
  compiled.set(expression, entry);
  return entry;
}

/** A jsonata function value: what a `$name` bound to a built-in evaluates to. */
interface JsonataFunction {
  _jsonata_function: true;
  implementation: (...args: unknown[]) => unknown;
  signature?: unknown;
}

/** jsonata's built-in `$name` (referenced, not called), for its parsed signature and code. */
function builtin(name: string): JsonataFunction {
  return jsonata(`$${name}`).evaluate(null) as JsonataFunction;
}
const BUILTIN = {
  now: builtin('now'),
  millis: builtin('millis'),
  shuffle: builtin('shuffle'),
  fromMillis: builtin('fromMillis'),
};

/** A function value with jsonata's argument checking (a built-in's signature) and our code. */
function defined(implementation: (...args: never[]) => unknown, like?: JsonataFunction): unknown {
  const fn: JsonataFunction = {
    _jsonata_function: true,
    implementation: implementation as (...args: unknown[]) => unknown,
  };
  if (like) fn.signature = like.signature;
  return fn;
}

/**
 * The execution's `$now`, `$millis`, `$random`, `$shuffle` and `$uuid`: time from its clock,
 * randomness from its random source. `$random(seed)` (Step Functions' seeded form) draws from
 * `java.util.Random(seed)`, as the seeded States.MathRandom does.
 */
function runtimeFunctions(runtime: JsonataRuntime): Record<string, unknown> {
  if (runtime.jsonataFunctions) return runtime.jsonataFunctions;
  const fromMillis = BUILTIN.fromMillis.implementation;
  const functions: Record<string, unknown> = {
    now: defined(function (this: unknown, picture?: string, timezone?: string) {
      return fromMillis.call(this, runtime.clock.now(), picture, timezone);
    }, BUILTIN.now),
    millis: defined(() => runtime.clock.now(), BUILTIN.millis),
    random: defined((seed?: unknown) => {
      if (seed === undefined) return runtime.random();
      if (typeof seed !== 'number' || !Number.isFinite(seed))
        throw new Error('The seed argument of $random must be a number.');
      return new JavaRandom(seed).nextDouble();
    }),
    shuffle: defined((array?: unknown[]) => {
      if (array === undefined) return undefined;
      if (array.length <= 1) return array;
      // jsonata's own algorithm ("inside-out" Fisher-Yates), on the execution's draws.
      const out = new Array<unknown>(array.length);
      for (let i = 0; i < array.length; i++) {
        const j = Math.floor(runtime.random() * (i + 1));
        if (i !== j) out[i] = out[j];
        out[j] = array[i];
      }
      return out;
    }, BUILTIN.shuffle),
    uuid: defined(() => uuidV4(runtime.random)),
  };
  runtime.jsonataFunctions = functions;
  return functions;
}

function message(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

/** True for a string that is a JSONata expression: `{%` ... `%}` (surrounding blanks allowed). */
export function isJsonataString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  return t.startsWith('{%') && t.endsWith('%}') && t.length >= 4;
}

/** The expression inside `{% %}`. */
export function expressionOf(value: string): string {
  const t = value.trim();
  return t.slice(2, t.length - 2).trim();
}

/**
 * Evaluates one expression. `undefined` (JSONata's "no match") is an error unless
 * `allowUndefined`, since AWS rejects a field that evaluates to nothing.
 */
export function evaluateExpression(
  expression: string,
  states: StatesBinding,
  variables: Record<string, unknown>,
  field: string,
  allowUndefined = false,
): unknown {
  const { expr, usesRuntime } = compile(expression, field);
  // Workflow variables shadow the functions, as they shadow jsonata's built-ins.
  const bindings = usesRuntime
    ? { ...runtimeFunctions(states[JSONATA_RUNTIME]), ...variables, states }
    : { ...variables, states };
  let result: unknown;
  try {
    result = expr.evaluate(states.input ?? null, bindings);
  } catch (e) {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation: ${message(e)}`,
    );
  }
  if (result === undefined && !allowUndefined) {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  if (isFunction(result)) {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expression}' specified for the field '${field}' returned an unsupported result type.`,
    );
  }
  return normalize(result);
}

/** A function value: JavaScript's, a jsonata built-in or a jsonata lambda. */
function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return v._jsonata_function === true || v._jsonata_lambda === true;
}

/**
 * jsonata returns arrays tagged with a `sequence` flag and may return functions; strip both so
 * only plain JSON travels on.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (isFunction(value)) return undefined;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  return value;
}

/**
 * Evaluates a JSONata-mode template (Arguments, Output, Assign values, Items, ...): strings that are
 * `{% %}` expressions are evaluated, objects and arrays recursively, everything else is literal.
 * An expression that yields nothing fails the field (States.QueryEvaluationError) wherever it
 * sits, a member of an object included, as AWS does.
 */
export function evaluateTemplate(
  template: unknown,
  states: StatesBinding,
  variables: Record<string, unknown>,
  field: string,
): unknown {
  if (isJsonataString(template))
    return evaluateExpression(expressionOf(template), states, variables, field);
  if (Array.isArray(template))
    return template.map((t) => evaluateTemplate(t, states, variables, field));
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const value = evaluateTemplate(v, states, variables, field);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  return template;
}
