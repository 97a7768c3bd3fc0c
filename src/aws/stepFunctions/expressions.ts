/**
 * The one door from the interpreter to the JSONPath layer (`paths/`) and the intrinsic functions
 * (`intrinsics/`): reading paths, payload templates (Parameters, ResultSelector, ItemSelector,
 * Assign), ResultPath and intrinsic calls. Keeping the imports here means the state modules never
 * depend on how those layers are laid out.
 */
import { ErrorNames } from './errors';
import { evaluateIntrinsic } from './intrinsics/index';
import { applyResultPath, evaluatePayloadTemplate, readPath, tryReadPath } from './paths/index';
import { StatesError } from './statesError';

/** What `$$`, `$name` and the random intrinsics read while a field is evaluated. */
export interface PathScope {
  context: unknown;
  variables: Record<string, unknown>;
  random: () => number;
}

/** Reads a Reference Path; throws States.Runtime (AWS's cause) when it selects nothing. */
export function selectPath(path: string, data: unknown, scope: PathScope): unknown {
  return readPath(path, data, scope);
}

/** Reads a path without failing on a miss (Choice's IsPresent and missing-variable checks). */
export function lookupPath(
  path: string,
  data: unknown,
  scope: PathScope,
): { found: boolean; value: unknown } {
  try {
    // A miss is an answer here, not an error: no exception built for it (Choice's IsPresent on a
    // path that is absent is common).
    const r = tryReadPath(path, data, scope);
    return r.found ? { found: true, value: r.value } : { found: false, value: undefined };
  } catch (e) {
    if (e instanceof StatesError && e.error === ErrorNames.Runtime)
      return { found: false, value: undefined };
    throw e;
  }
}

/** Evaluates a payload template (`.$` keys, intrinsic calls) against `data`. */
export function evaluatePayload(template: unknown, data: unknown, scope: PathScope): unknown {
  return evaluatePayloadTemplate(template, data, scope);
}

/** True for a string that is an intrinsic function call such as `States.Format(...)`. */
export function isIntrinsicCall(value: string): boolean {
  return value.startsWith('States.');
}

/** Evaluates a path or an intrinsic call, as fields like ErrorPath and CausePath accept both. */
export function evaluatePathOrIntrinsic(
  expression: string,
  data: unknown,
  scope: PathScope,
): unknown {
  return isIntrinsicCall(expression)
    ? evaluateIntrinsic(expression, data, scope)
    : readPath(expression, data, scope);
}

/** ResultPath: writes `result` into `input` (without mutating it). */
export function applyResult(
  input: unknown,
  resultPath: string | null | undefined,
  result: unknown,
): unknown {
  return applyResultPath(input, resultPath, result);
}
