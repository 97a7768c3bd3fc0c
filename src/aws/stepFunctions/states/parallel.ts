/**
 * Parallel: every branch gets the same effective input; the result is the array of branch outputs
 * in branch order. The first branch to fail fails the state (the others are stopped), with the
 * branch's own error, and Retry restarts all branches.
 */
import { toFailure, type Failure } from '../errors';
import { evaluatePayload } from '../expressions';
import { evaluateTemplate } from '../jsonata';
import type { Outcome, Visit } from '../runtime';
import { scopeOf, statesOf } from './common';
import { completeWithResult, handleError } from './results';

/**
 * Starts an attempt: evaluates Parameters (JSONPath) or Arguments (JSONata) into the branches'
 * input and records ParallelStateStarted. Returns the input, or the outcome of a failure.
 */
export function startParallel(v: Visit): { input: unknown } | Outcome {
  let input: unknown;
  try {
    if (v.jsonata) {
      input =
        v.def.Arguments !== undefined
          ? evaluateTemplate(v.def.Arguments, statesOf(v), v.vars, 'Arguments')
          : v.rawInput;
    } else {
      input =
        v.def.Parameters !== undefined
          ? evaluatePayload(v.def.Parameters, v.input, scopeOf(v))
          : v.input;
    }
  } catch (e) {
    return handleError(v, toFailure(e));
  }
  v.branch.history.record(v.branch.chain, 'ParallelStateStarted');
  return { input };
}

/** All branches succeeded with `outputs` (in branch order). */
export function parallelSucceeded(v: Visit, outputs: unknown[]): Outcome {
  const history = v.branch.history;
  // The state's chain continues from whatever the branches recorded last.
  v.branch.chain.last = history.count;
  history.record(v.branch.chain, 'ParallelStateSucceeded');
  return completeWithResult(v, outputs);
}

/** A branch failed with `f`. */
export function parallelFailed(v: Visit, f: Failure): Outcome {
  const history = v.branch.history;
  v.branch.chain.last = history.count;
  return handleError(v, f, () => history.record(v.branch.chain, 'ParallelStateFailed'));
}
