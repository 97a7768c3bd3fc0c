/**
 * QueryLanguage JSONata: `{% ... %}` expressions in state fields, evaluated with jsonata 1.8
 * (synchronous `evaluate`), with `$states` ({input, result, errorOutput, context}) and the
 * workflow variables bound. Any failure surfaces as States.QueryEvaluationError, the error AWS
 * raises for a JSONata expression that throws or yields nothing where a value is required.
 */
import jsonata from 'jsonata';
import { ErrorNames } from './errors';
import { StatesError } from './statesError';

/** What `$states` holds while a field is evaluated. */
export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

// Compiling is far dearer than evaluating, and a definition's expressions repeat on every visit.
const compiled = new Map<string, jsonata.Expression>();

function compile(expression: string, field: string): jsonata.Expression {
  let expr = compiled.get(expression);
  if (expr) return expr;
  try {
    expr = jsonata(expression);
  } catch (e) {
    throw new StatesError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expression}' specified for the field '${field}' could not be parsed: ${message(e)}`,
    );
  }
  if (compiled.size > 2000) compiled.clear();
  compiled.set(expression, expr);
  return expr;
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
  const expr = compile(expression, field);
  let result: unknown;
  try {
    result = expr.evaluate(states.input ?? null, { ...variables, states });
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
