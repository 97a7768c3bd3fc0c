/**
 * How the execution states (Task, Parallel, Map) end: the result tail once their work produced a
 * value, and the error path (Retry, then Catch, else failure) when it did not.
 */
import { errorMatches, errorOutput, isTerminal, toFailure, type Failure } from '../errors';
import { applyResult, evaluatePayload } from '../expressions';
import { evaluateTemplate } from '../jsonata';
import { decideRetry } from '../retry';
import type { Outcome, Visit } from '../runtime';
import type { ContextObject } from '../types';
import { applyOutputPath, evaluateAssign, failVisit, finish, scopeOf, statesOf } from './common';

/**
 * The tail of Task, Parallel and Map once their work produced `raw`: Assign, ResultSelector and
 * ResultPath (whose failures Retry/Catch may handle), then OutputPath (which they may not), or
 * JSONata's Assign and Output with `$states.result`.
 */
export function completeWithResult(
  v: Visit,
  raw: unknown,
  extra?: Pick<ContextObject, 'Task' | 'Map'>,
): Outcome {
  const scope = scopeOf(v, undefined, extra);
  const def = v.def;
  let assigned: Record<string, unknown> | undefined;
  let combined: unknown;
  try {
    if (v.jsonata) {
      const states = statesOf(v, { result: raw }, scope.context as ContextObject);
      assigned = evaluateAssign(v, def.Assign, raw, scope, states);
      const output =
        def.Output !== undefined ? evaluateTemplate(def.Output, states, v.vars, 'Output') : raw;
      return finish(v, output, assigned);
    }
    assigned = evaluateAssign(v, def.Assign, raw, scope);
    const selected =
      def.ResultSelector !== undefined ? evaluatePayload(def.ResultSelector, raw, scope) : raw;
    combined = applyResult(v.rawInput, def.ResultPath, selected);
  } catch (e) {
    return handleError(v, toFailure(e));
  }
  let output: unknown;
  try {
    output = applyOutputPath(v, combined, scope);
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
  return finish(v, output, assigned);
}

/**
 * A failure inside a state with Retry/Catch (Task, Parallel, Map): retry if a Retrier allows
 * (the caller waits `delayMs` and runs the state's work again), else hand the error output to
 * the first matching Catcher, else fail. `onGiveUp` runs once retrying is over (Parallel and Map
 * record their ...StateFailed event there).
 */
export function handleError(v: Visit, f: Failure, onGiveUp?: () => void): Outcome {
  const env = v.branch.env;
  const decision = decideRetry(v.def.Retry, v.retryCounts, f, env.random);
  if (decision) {
    v.retryCounts[decision.index] = (v.retryCounts[decision.index] ?? 0) + 1;
    v.retryCount++;
    env.observer?.retrying?.(v.name, f.error, f.cause, v.retryCount, decision.delayMs);
    return { kind: 'retry', delayMs: decision.delayMs };
  }
  onGiveUp?.();
  const catcher = isTerminal(f)
    ? undefined
    : v.def.Catch?.find((c) => errorMatches(c.ErrorEquals, f.error));
  if (!catcher) return failVisit(v, f);
  const eo = errorOutput(f);
  const scope = scopeOf(v);
  let assigned: Record<string, unknown> | undefined;
  let output: unknown;
  try {
    const states = statesOf(v, { errorOutput: eo });
    assigned = evaluateAssign(v, catcher.Assign, eo, scope, states);
    if (v.jsonata) {
      output =
        catcher.Output !== undefined
          ? evaluateTemplate(catcher.Output, states, v.vars, 'Output')
          : eo;
    } else {
      output = applyResult(
        v.rawInput,
        catcher.ResultPath === undefined ? '$' : catcher.ResultPath,
        eo,
      );
    }
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
  env.observer?.caught?.(v.name, f.error, f.cause, catcher.Next);
  return finish(v, output, assigned, catcher.Next);
}
