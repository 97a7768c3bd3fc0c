/**
 * Payload templates: the Parameters / ResultSelector / ItemSelector / Arguments semantics of the
 * JSONPath query language. A key ending in `.$` has its value (a path or an intrinsic call)
 * evaluated and the suffix dropped; every other value is copied, recursing into objects and arrays.
 */
import { evaluateIntrinsic } from '../intrinsics/evaluate';
import { looksLikeIntrinsic } from '../intrinsics/parser';
import { StatesError } from '../statesError';
import { isJsonObject, toJsonText } from './json';
import { tryReadPath } from './read';

/** What a template's `$$`, `$name` and random-dependent intrinsics draw on. */
export interface PayloadTemplateContext {
  /** The Context Object (`$$`). */
  context: unknown;
  /** Workflow variables (`$name`). */
  variables?: Record<string, unknown>;
  /** Uniform [0, 1) source for States.UUID / States.MathRandom (inject a seeded Rng). */
  random: () => number;
}

/** The cause AWS gives when a `field.$` path selects nothing. */
export function templatePathMissCause(path: string, field: string, document: unknown): string {
  return `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(document)}'`;
}

/**
 * Evaluates a payload template against `input`. Paths starting `$` read the input, `$$` the
 * Context Object, `$name` a variable; values starting `States.` are intrinsic calls. Throws
 * StatesError('States.Runtime', ...) with AWS's cause when a path selects nothing or an intrinsic
 * fails.
 */
export function evaluatePayloadTemplate(
  template: unknown,
  input: unknown,
  ctx: PayloadTemplateContext,
): unknown {
  if (Array.isArray(template)) {
    const out = new Array<unknown>(template.length);
    for (let i = 0; i < template.length; i++)
      out[i] = evaluatePayloadTemplate(template[i], input, ctx);
    return out;
  }
  if (!isJsonObject(template)) return template;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(template);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const dynamic = key.length > 2 && key.endsWith('.$');
    const value = dynamic
      ? evaluateField(key, template[key], input, ctx)
      : evaluatePayloadTemplate(template[key], input, ctx);
    const name = dynamic ? key.slice(0, -2) : key;
    // `__proto__` must become an own member, as Object.fromEntries makes it.
    if (name === '__proto__')
      Object.defineProperty(out, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[name] = value;
  }
  return out;
}

/** Evaluates the expression of one `field.$` entry. */
export function evaluateField(
  field: string,
  expression: unknown,
  input: unknown,
  ctx: PayloadTemplateContext,
): unknown {
  if (typeof expression !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`,
    );
  }
  // A path starts with `$`; an intrinsic call never does.
  if (expression.charCodeAt(0) !== 36 && looksLikeIntrinsic(expression))
    return evaluateIntrinsic(expression.trim(), input, ctx);
  const result = tryReadPath(expression, input, ctx);
  if (result.found) return result.value;
  const document = expression.startsWith('$$') ? ctx.context : input;
  throw new StatesError('States.Runtime', templatePathMissCause(expression, field, document));
}
