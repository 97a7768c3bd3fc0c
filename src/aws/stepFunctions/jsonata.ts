/**
 * QueryLanguage JSONata: `{% ... %}` expressions in state fields, evaluated with jsonata 1.8
 * (synchronous `evaluate`), with `$states` ({input, result, errorOutput, context}) and the
 * workflow variables bound. Any failure surfaces as States.QueryEvaluationError, the error AWS
 * raises for a JSONata expression that throws or yields nothing where a value is required.
 */
import jsonata from 'jsonata';
import { ErrorNames } from './errors';
import { JavaRandom, uuidV4 } from './intrinsics/index';
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
 * expressions that name them (or `$eval`, which could) get the execution's versions instead.
 */
const RUNTIME_FUNCTIONS = /\$(?:random|shuffle|now|millis|uuid|eval)\b/;

function compile(expression: string, field: string): Compiled {
  let entry = compiled.get(expression);
  if (entry) return entry;
  try {
    entry = { expr: jsonata(expression), usesRuntime: RUNTIME_FUNCTIONS.test(expression) };
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
  return normalize(result);
}

/**
 * jsonata returns arrays tagged with a `sequence` flag and may return functions; strip both so
 * only plain JSON travels on.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'function') return undefined;
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
 * Object members whose expression yields nothing are dropped, as AWS does.
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
      const value = isJsonataString(v)
        ? evaluateExpression(expressionOf(v), states, variables, field, true)
        : evaluateTemplate(v, states, variables, field);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  return template;
}
