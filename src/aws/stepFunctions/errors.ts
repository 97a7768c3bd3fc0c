/**
 * Failures as they travel through an execution, the reserved `States.*` error names, and the
 * ErrorEquals matching rules Retry and Catch share.
 */
import { StatesError } from './statesError';

/** The reserved error names of the Amazon States Language. */
export const ErrorNames = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  NoChoiceMatched: 'States.NoChoiceMatched',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  QueryEvaluationError: 'States.QueryEvaluationError',
  Permissions: 'States.Permissions',
} as const;

/**
 * A failure on its way up: from a state to its Retry/Catch, from a branch to its Parallel or Map,
 * and finally to ExecutionFailed. `error`/`cause` stay undefined when a Fail state names none
 * (AWS then reports neither). `stateName`/`enteredEventId` locate where a States.Runtime or
 * States.QueryEvaluationError arose, because AWS prefixes those causes with that place.
 */
export interface Failure {
  error: string | undefined;
  cause: string | undefined;
  stateName?: string;
  enteredEventId?: number;
}

/** Converts anything thrown while evaluating a state into a Failure. */
export function toFailure(thrown: unknown): Failure {
  if (thrown instanceof StatesError) return { error: thrown.error, cause: thrown.cause };
  if (isFailure(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { error: ErrorNames.Runtime, cause: message };
}

function isFailure(value: unknown): value is Failure {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    'cause' in value &&
    !(value instanceof Error)
  );
}

/** Shorthand for a failure raised by the interpreter itself. */
export function failure(error: string, cause: string | undefined): Failure {
  return { error, cause };
}

/**
 * The cause AWS reports on ExecutionFailed. Runtime and query-evaluation errors are prefixed with
 * the state and the id of its Entered event; every other cause is reported verbatim.
 */
export function reportedCause(f: Failure): string | undefined {
  if (f.cause === undefined || f.stateName === undefined) return f.cause;
  if (f.error !== ErrorNames.Runtime && f.error !== ErrorNames.QueryEvaluationError) return f.cause;
  return `An error occurred while executing the state '${f.stateName}' (entered at the event id #${f.enteredEventId ?? 0}). ${f.cause}`;
}

/**
 * States.Runtime is terminal: AWS never retries or catches it ("A States.Runtime error isn't
 * retriable, and will always cause the execution to fail").
 */
export function isTerminal(f: Failure): boolean {
  return f.error === ErrorNames.Runtime;
}

/**
 * Whether an ErrorEquals list matches an error name. States.ALL matches everything but
 * States.DataLimitExceeded; States.TaskFailed matches everything but the timeouts (AWS: "acts as a
 * wildcard that matches any known error name except for States.Timeout"); States.Timeout also
 * matches a heartbeat timeout, which AWS documents as a kind of timeout.
 */
export function errorMatches(errorEquals: readonly string[], error: string | undefined): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === ErrorNames.ALL && error !== ErrorNames.DataLimitExceeded) return true;
    if (error === undefined) continue;
    if (
      name === ErrorNames.TaskFailed &&
      error !== ErrorNames.Timeout &&
      error !== ErrorNames.HeartbeatTimeout &&
      error !== ErrorNames.DataLimitExceeded
    ) {
      return true;
    }
    if (name === ErrorNames.Timeout && error === ErrorNames.HeartbeatTimeout) return true;
  }
  return false;
}

/**
 * The error output a Catch hands on (and `$states.errorOutput` in JSONata): `{Error, Cause}`,
 * with an empty string where the failure named none, as AWS binds it.
 */
export function errorOutput(f: Failure): { Error: string; Cause: string } {
  return { Error: f.error ?? '', Cause: f.cause ?? '' };
}
