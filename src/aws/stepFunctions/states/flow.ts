/**
 * The flow states, whose work needs no outside party: Pass, Choice, Succeed, Fail, and Wait
 * (which only needs the clock).
 */
import { evaluateCondition, evaluateRule, parseTimestamp } from '../choice';
import { ErrorNames, failure, toFailure } from '../errors';
import { applyResult, evaluatePathOrIntrinsic, evaluatePayload, lookupPath } from '../expressions';
import { evaluateExpression, evaluateTemplate, expressionOf, isJsonataString } from '../jsonata';
import { contextOf, type Outcome, type Visit } from '../runtime';
import { StatesError } from '../statesError';
import {
  applyInputPath,
  applyOutputPath,
  evaluateAssign,
  failVisit,
  finish,
  scopeOf,
  statesOf,
} from './common';

/** Pass: InputPath, Parameters, Result, ResultPath, OutputPath (or JSONata Output), Assign. */
export function runPass(v: Visit): Outcome {
  const def = v.def;
  try {
    if (v.jsonata) {
      const context = contextOf(v);
      const states = statesOf(v, {}, context);
      const scope = scopeOf(v, context);
      const assigned = evaluateAssign(v, def.Assign, undefined, scope, states);
      const output =
        def.Output !== undefined
          ? evaluateTemplate(def.Output, states, v.vars, 'Output')
          : v.rawInput;
      return finish(v, output, assigned);
    }
    const input = applyInputPath(v);
    const scope = scopeOf(v);
    const params =
      def.Parameters !== undefined ? evaluatePayload(def.Parameters, input, scope) : input;
    const result = 'Result' in def ? def.Result : params;
    const assigned = evaluateAssign(v, def.Assign, result, scope);
    const output = applyOutputPath(v, applyResult(v.rawInput, def.ResultPath, result), scope);
    return finish(v, output, assigned);
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}

/** Succeed: ends the branch with the (filtered) input. */
export function runSucceed(v: Visit): Outcome {
  try {
    if (v.jsonata) {
      const output =
        v.def.Output !== undefined
          ? evaluateTemplate(v.def.Output, statesOf(v), v.vars, 'Output')
          : v.rawInput;
      return finish(v, output);
    }
    const input = applyInputPath(v);
    return finish(v, applyOutputPath(v, input, scopeOf(v)));
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}

function failField(
  v: Visit,
  literal: unknown,
  path: string | undefined,
  field: 'Error' | 'Cause',
): string | undefined {
  if (v.jsonata) {
    if (literal === undefined) return undefined;
    const value = isJsonataString(literal)
      ? evaluateExpression(expressionOf(literal), statesOf(v), v.vars, field)
      : literal;
    if (typeof value !== 'string') {
      throw new StatesError(
        ErrorNames.QueryEvaluationError,
        `The ${field} field must evaluate to a string, got ${JSON.stringify(value)}.`,
      );
    }
    return value;
  }
  if (path !== undefined) {
    const value = evaluatePathOrIntrinsic(path, v.rawInput, scopeOf(v));
    if (typeof value !== 'string') {
      throw new StatesError(
        ErrorNames.Runtime,
        `The ${field}Path field must reference a string value: ${path} == ${JSON.stringify(value)}`,
      );
    }
    return value;
  }
  return literal as string | undefined;
}

/** Fail: fails the branch with Error/Cause (literal, ErrorPath/CausePath, or JSONata). */
export function runFail(v: Visit): Outcome {
  try {
    const error = failField(v, v.def.Error, v.def.ErrorPath, 'Error');
    const cause = failField(v, v.def.Cause, v.def.CausePath, 'Cause');
    return failVisit(v, { error, cause });
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}

/**
 * Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched. Output is
 * the (filtered) input, or a JSONata rule's / the state's Output; a rule's Assign (or the state's
 * when Default is taken) sets variables.
 */
export function runChoice(v: Visit): Outcome {
  const def = v.def;
  try {
    const rules = def.Choices ?? [];
    if (v.jsonata) {
      const context = contextOf(v);
      const states = statesOf(v, {}, context);
      const scope = scopeOf(v, context);
      const rule = rules.find((r) => evaluateCondition(r.Condition, states, v.vars));
      const source = rule ?? def;
      const next = rule ? rule.Next : def.Default;
      if (next === undefined) return noChoice(v);
      const assigned = evaluateAssign(v, source.Assign, undefined, scope, states);
      const output =
        source.Output !== undefined
          ? evaluateTemplate(source.Output, states, v.vars, 'Output')
          : v.rawInput;
      return finish(v, output, assigned, next);
    }
    const input = applyInputPath(v);
    const scope = scopeOf(v);
    const rule = rules.find((r) => evaluateRule(r, input, scope));
    const next = rule ? rule.Next : def.Default;
    if (next === undefined) return noChoice(v);
    const assigned = evaluateAssign(v, (rule ?? def).Assign, input, scope);
    return finish(v, applyOutputPath(v, input, scope), assigned, next);
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}

function noChoice(v: Visit): Outcome {
  return failVisit(
    v,
    failure(
      ErrorNames.NoChoiceMatched,
      `No Choice Rule matched the input, and the Choice state '${v.name}' has no Default.`,
    ),
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function runtime(cause: string): StatesError {
  return new StatesError(ErrorNames.Runtime, cause);
}

/**
 * How long a Wait state waits, in milliseconds from `nowMs` (0 if its Timestamp has passed).
 * Applies InputPath first. Throws a StatesError with AWS's cause for an unusable value.
 */
export function waitDelayMs(v: Visit, nowMs: number): number {
  const def = v.def;
  if (v.jsonata) {
    const states = statesOf(v);
    if (def.Seconds !== undefined) {
      const s = isJsonataString(def.Seconds)
        ? evaluateExpression(expressionOf(def.Seconds), states, v.vars, 'Seconds')
        : def.Seconds;
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
        throw new StatesError(
          ErrorNames.QueryEvaluationError,
          `The Seconds field must be a non-negative integer, got ${describe(s)}.`,
        );
      }
      return s * 1000;
    }
    const t = isJsonataString(def.Timestamp)
      ? evaluateExpression(expressionOf(def.Timestamp), states, v.vars, 'Timestamp')
      : def.Timestamp;
    const ms = parseTimestamp(t);
    if (ms === undefined) {
      throw new StatesError(
        ErrorNames.QueryEvaluationError,
        `The Timestamp field does not reference a valid ISO-8601 extended offset date-time format string: ${describe(t)}`,
      );
    }
    return Math.max(0, ms - nowMs);
  }
  const input = applyInputPath(v);
  if (def.Seconds !== undefined) return (def.Seconds as number) * 1000;
  if (def.Timestamp !== undefined)
    return Math.max(0, (parseTimestamp(def.Timestamp) ?? nowMs) - nowMs);
  const scope = scopeOf(v);
  if (def.SecondsPath !== undefined) {
    const found = lookupPath(def.SecondsPath, input, scope);
    if (!found.found)
      throw runtime(
        `The SecondsPath parameter does not reference an input value: ${def.SecondsPath}`,
      );
    const s = found.value;
    const said = `${def.SecondsPath} == ${describe(s)}`;
    if (typeof s !== 'number' || !Number.isInteger(s)) {
      throw runtime(`The SecondsPath parameter cannot be parsed as a long value: ${said}`);
    }
    if (s < 0) throw runtime(`The SecondsPath parameter references a negative value: ${said}`);
    return s * 1000;
  }
  const path = def.TimestampPath as string;
  const found = lookupPath(path, input, scope);
  if (!found.found)
    throw runtime(`The TimestampPath parameter does not reference an input value: ${path}`);
  const ms = parseTimestamp(found.value);
  if (ms === undefined) {
    throw runtime(
      `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${describe(found.value)}`,
    );
  }
  return Math.max(0, ms - nowMs);
}

/** Wait, once its time is up: OutputPath (or JSONata Output) and Assign. */
export function finishWait(v: Visit): Outcome {
  try {
    const context = contextOf(v);
    const states = statesOf(v, {}, context);
    const scope = scopeOf(v, context);
    const assigned = evaluateAssign(v, v.def.Assign, v.input, scope, states);
    if (v.jsonata) {
      const output =
        v.def.Output !== undefined
          ? evaluateTemplate(v.def.Output, states, v.vars, 'Output')
          : v.rawInput;
      return finish(v, output, assigned);
    }
    return finish(v, applyOutputPath(v, v.input, scope), assigned);
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}
