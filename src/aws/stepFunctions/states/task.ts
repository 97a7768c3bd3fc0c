/**
 * Task: one attempt is "schedule" (effective input, TaskScheduled/TaskStarted events, the
 * invocation handed to the TaskHandler) followed by exactly one of succeeded, failed or timed out.
 * The XState compilation decides when those happen; this module decides what they mean.
 */
import { ErrorNames, toFailure } from '../errors';
import { evaluatePayload, selectPath } from '../expressions';
import { evaluateExpression, evaluateTemplate, expressionOf, isJsonataString } from '../jsonata';
import { NOT_TRUNCATED } from '../history';
import { contextOf, type Outcome, type Visit } from '../runtime';
import { StatesError } from '../statesError';
import type { ContextObject, TaskInvocation } from '../types';
import { json, scopeOf, statesOf } from './common';
import { completeWithResult, handleError } from './results';

/** One attempt of a Task, as the machine keeps it while the handler works. */
export interface TaskAttempt {
  readonly token: string;
  readonly resource: string;
  readonly resourceType: string;
  readonly resourceName: string;
  /** A plain Lambda function ARN records the legacy LambdaFunction* events. */
  readonly legacyLambda: boolean;
  readonly timeoutMs: number | undefined;
  readonly heartbeatMs: number | undefined;
  readonly invocation: TaskInvocation;
}

/**
 * Splits a Resource ARN the way history events name it: `arn:aws:states:::aws-sdk:s3:putObject`
 * gives type `aws-sdk:s3` and resource `putObject`.
 */
export function describeResource(arn: string): ResourceDescription {
  let d = described.get(arn);
  if (!d) {
    d = describe(arn);
    if (described.size > 1000) described.clear();
    described.set(arn, d);
  }
  return d;
}

/** How history events name a Task's resource. */
export interface ResourceDescription {
  readonly resourceType: string;
  readonly resource: string;
  readonly legacyLambda: boolean;
}

// Parsing an ARN on every attempt showed up in profiles; a definition has few distinct ones.
const described = new Map<string, ResourceDescription>();

function describe(arn: string): ResourceDescription {
  const parts = arn.split(':');
  if (parts[2] === 'lambda') return { resourceType: 'lambda', resource: arn, legacyLambda: true };
  if (parts[2] === 'states' && parts[3] === '' && parts[4] === '' && parts.length >= 7) {
    return {
      resourceType: parts.slice(5, -1).join(':'),
      resource: parts[parts.length - 1] as string,
      legacyLambda: false,
    };
  }
  return { resourceType: parts[2] ?? 'unknown', resource: arn, legacyLambda: false };
}

function seconds(
  v: Visit,
  literal: unknown,
  path: string | undefined,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
): number | undefined {
  let value: unknown = literal;
  if (v.jsonata && isJsonataString(literal)) {
    value = evaluateExpression(expressionOf(literal), statesOf(v), v.vars, field);
  } else if (path !== undefined) {
    value = selectPath(path, v.input, scopeOf(v));
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    const error = v.jsonata ? ErrorNames.QueryEvaluationError : ErrorNames.Runtime;
    throw new StatesError(
      error,
      `The ${field} value must be a positive integer, got ${json(value)}.`,
    );
  }
  return value;
}

/**
 * Starts an attempt: evaluates Parameters/Arguments and the timeouts, records TaskScheduled and
 * TaskStarted (or the legacy Lambda events), and returns the attempt, or the outcome if the
 * input could not be prepared.
 */
export function scheduleTask(v: Visit): TaskAttempt | Outcome {
  const env = v.branch.env;
  const def = v.def;
  const token = `${env.execution.Name}:${v.name}:${++env.serial}`;
  const extra = { Task: { Token: token } };
  const context = contextOf(v, extra);
  let input: unknown;
  let timeout: number | undefined;
  let heartbeat: number | undefined;
  try {
    if (v.jsonata) {
      input =
        def.Arguments !== undefined
          ? evaluateTemplate(def.Arguments, statesOf(v, {}, context), v.vars, 'Arguments')
          : v.rawInput;
    } else {
      input =
        def.Parameters !== undefined
          ? evaluatePayload(def.Parameters, v.input, scopeOf(v, context))
          : v.input;
    }
    timeout = seconds(v, def.TimeoutSeconds, def.TimeoutSecondsPath, 'TimeoutSeconds');
    heartbeat = seconds(v, def.HeartbeatSeconds, def.HeartbeatSecondsPath, 'HeartbeatSeconds');
  } catch (e) {
    return handleError(v, toFailure(e));
  }
  const arn = def.Resource as string;
  const { resourceType, resource, legacyLambda } = describeResource(arn);
  const history = v.branch.history;
  const chain = v.branch.chain;
  if (!history.enabled) {
    // Nobody reads the events: count them, skip their JSON text.
    history.record(chain, legacyLambda ? 'LambdaFunctionScheduled' : 'TaskScheduled');
    history.record(chain, legacyLambda ? 'LambdaFunctionStarted' : 'TaskStarted');
  } else if (legacyLambda) {
    const text = json(input);
    history.record(chain, 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: {
        resource: arn,
        input: text,
        inputDetails: NOT_TRUNCATED,
        ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
      },
    });
    history.record(chain, 'LambdaFunctionStarted');
  } else {
    history.record(chain, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resource,
        resourceType,
        region: env.region,
        parameters: json(input),
        ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
        ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
      },
    });
    history.record(chain, 'TaskStarted', { taskStartedEventDetails: { resource, resourceType } });
  }
  const invocation: TaskInvocation = {
    resource: arn,
    input,
    stateName: v.name,
    taskToken: token,
    attempt: v.retryCount,
    context: context as ContextObject,
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
    ...(heartbeat !== undefined ? { heartbeatSeconds: heartbeat } : {}),
  };
  return {
    token,
    resource: arn,
    resourceType,
    resourceName: resource,
    legacyLambda,
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    heartbeatMs: heartbeat === undefined ? undefined : heartbeat * 1000,
    invocation,
  };
}

/** True when `scheduleTask` produced an attempt rather than an outcome. */
export function isAttempt(x: TaskAttempt | Outcome): x is TaskAttempt {
  return 'token' in x;
}

/** The handler answered with a result. */
export function taskSucceeded(v: Visit, a: TaskAttempt, output: unknown): Outcome {
  const history = v.branch.history;
  if (!history.enabled) {
    history.record(v.branch.chain, a.legacyLambda ? 'LambdaFunctionSucceeded' : 'TaskSucceeded');
  } else if (a.legacyLambda) {
    history.record(v.branch.chain, 'LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: json(output), outputDetails: NOT_TRUNCATED },
    });
  } else {
    history.record(v.branch.chain, 'TaskSucceeded', {
      taskSucceededEventDetails: {
        resource: a.resourceName,
        resourceType: a.resourceType,
        output: json(output),
        outputDetails: NOT_TRUNCATED,
      },
    });
  }
  return completeWithResult(v, output, { Task: { Token: a.token } });
}

function errorDetails(
  error: string | undefined,
  cause: string | undefined,
): { error?: string; cause?: string } {
  return { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
}

/** The handler answered with an error. */
export function taskFailed(
  v: Visit,
  a: TaskAttempt,
  error: string | undefined,
  cause: string | undefined,
): Outcome {
  const history = v.branch.history;
  if (a.legacyLambda) {
    history.record(v.branch.chain, 'LambdaFunctionFailed', {
      lambdaFunctionFailedEventDetails: errorDetails(error, cause),
    });
  } else {
    history.record(v.branch.chain, 'TaskFailed', {
      taskFailedEventDetails: {
        resource: a.resourceName,
        resourceType: a.resourceType,
        ...errorDetails(error, cause),
      },
    });
  }
  return handleError(v, { error, cause });
}

/** TimeoutSeconds or HeartbeatSeconds ran out before the handler answered. */
export function taskTimedOut(v: Visit, a: TaskAttempt, heartbeat: boolean): Outcome {
  const error = heartbeat ? ErrorNames.HeartbeatTimeout : ErrorNames.Timeout;
  const history = v.branch.history;
  if (a.legacyLambda) {
    history.record(v.branch.chain, 'LambdaFunctionTimedOut', {
      lambdaFunctionTimedOutEventDetails: { error },
    });
  } else {
    history.record(v.branch.chain, 'TaskTimedOut', {
      taskTimedOutEventDetails: { resource: a.resourceName, resourceType: a.resourceType, error },
    });
  }
  return handleError(v, { error, cause: undefined });
}
