/**
 * Error handling: Retry timing and matching, Catch with ResultPath, the reserved error names, and
 * the errors AWS raises itself.
 */
import { describe, expect, it } from 'vitest';
import {
  errorMatches,
  runExecution,
  type RetrierDefinition,
  type StateMachineDefinition,
  type TaskHandler,
} from './index';
import { decideRetry, retryDelaySeconds } from './retry';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A handler that fails `failures` times with `error`, then succeeds. */
function flaky(failures: number, error = 'Flaky', cause = 'try again'): TaskHandler {
  let calls = 0;
  return (_t, cb) => (calls++ < failures ? cb.fail(error, cause) : cb.succeed({ ok: true }));
}

const task = (
  extra: Record<string, unknown>,
  more: StateMachineDefinition['States'] = {},
): StateMachineDefinition => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: LAMBDA, End: true, ...extra }, ...more },
});

function scheduledAt(history: { type: string; timestamp: number }[]): number[] {
  const t0 = history[0]?.timestamp ?? 0;
  return history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp - t0);
}

describe('Retry', () => {
  it('waits IntervalSeconds × BackoffRate^n between attempts, capped by MaxDelaySeconds', () => {
    const retrier = {
      ErrorEquals: ['Flaky'],
      IntervalSeconds: 1,
      BackoffRate: 3,
      MaxAttempts: 4,
      MaxDelaySeconds: 5,
    };
    const result = runExecution(task({ Retry: [retrier] }), {}, { taskHandler: flaky(4) });
    expect(result.status).toBe('SUCCEEDED');
    // Delays 1, 3, 5 (9 capped), 5 (27 capped) seconds.
    expect(scheduledAt(result.history)).toEqual([0, 1_000, 4_000, 9_000, 14_000]);
  });

  it('uses the defaults (1 s, ×2, 3 attempts) and then fails with the task error', () => {
    const result = runExecution(
      task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }),
      {},
      { taskHandler: flaky(10) },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'Flaky', cause: 'try again' });
    expect(scheduledAt(result.history)).toEqual([0, 1_000, 3_000, 7_000]);
  });

  it('applies FULL jitter with the injected random source', () => {
    const retrier = {
      ErrorEquals: ['Flaky'],
      IntervalSeconds: 10,
      JitterStrategy: 'FULL' as const,
    };
    const result = runExecution(
      task({ Retry: [retrier] }),
      {},
      { taskHandler: flaky(1), random: () => 0.25 },
    );
    expect(scheduledAt(result.history)).toEqual([0, 2_500]);
  });

  it('consults only the first matching retrier, and MaxAttempts 0 never retries', () => {
    const retry: RetrierDefinition[] = [
      { ErrorEquals: ['Flaky'], MaxAttempts: 0 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
    ];
    const result = runExecution(task({ Retry: retry }), {}, { taskHandler: flaky(1) });
    expect(result.error).toBe('Flaky');
    expect(scheduledAt(result.history)).toEqual([0]);
    expect(decideRetry(retry, [], { error: 'Other', cause: undefined }, () => 0)).toEqual({
      index: 1,
      delayMs: 1_000,
    });
    expect(
      retryDelaySeconds({ ErrorEquals: ['x'], IntervalSeconds: 2, BackoffRate: 1.5 }, 2, () => 0),
    ).toBeCloseTo(4.5);
  });

  it('retries a Parallel as a whole', () => {
    let attempt = 0;
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2 }],
          Branches: [
            { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } },
          ],
          End: true,
        },
      },
    };
    const result = runExecution(
      def,
      {},
      { taskHandler: (_t, cb) => (attempt++ === 0 ? cb.fail('Flaky') : cb.succeed('second')) },
    );
    expect(result.output).toEqual(['second']);
    expect(result.history.filter((e) => e.type === 'ParallelStateStarted')).toHaveLength(2);
  });
});

describe('Catch', () => {
  it('routes to the catcher with the error output placed by ResultPath', () => {
    const def = task(
      { Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.error', Next: 'Recover' }] },
      { Recover: { Type: 'Pass', End: true } },
    );
    delete (def.States.T as { End?: boolean }).End;
    (def.States.T as { Next?: string }).Next = 'Recover';
    const result = runExecution(def, { order: 1 }, { taskHandler: flaky(1, 'Boom', 'kaput') });
    expect(result.output).toEqual({ order: 1, error: { Error: 'Boom', Cause: 'kaput' } });
    expect(result.history.map((e) => e.type)).toContain('TaskStateExited');
  });

  it('retries first, then catches', () => {
    const def = task(
      {
        Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'R' }],
      },
      { R: { Type: 'Pass', End: true } },
    );
    const result = runExecution(def, {}, { taskHandler: flaky(5, 'Boom', 'c') });
    expect(result.output).toEqual({ Error: 'Boom', Cause: 'c' });
    expect(scheduledAt(result.history)).toHaveLength(2);
  });

  it('never catches States.Runtime, not even with States.ALL', () => {
    const def = task(
      { Parameters: { 'x.$': '$.missing' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'R' }] },
      { R: { Type: 'Pass', End: true } },
    );
    const result = runExecution(def, {}, { taskHandler: flaky(0) });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain(
      "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'",
    );
  });

  it('catches a ResultPath that cannot be applied (States.ResultPathMatchFailure)', () => {
    const def = task(
      {
        ResultPath: '$.a.b',
        Catch: [{ ErrorEquals: ['States.ResultPathMatchFailure'], Next: 'R' }],
      },
      { R: { Type: 'Pass', End: true } },
    );
    const result = runExecution(def, { a: 'text' }, { taskHandler: flaky(0) });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as { Error: string }).Error).toBe('States.ResultPathMatchFailure');
  });

  it('catches a task timeout as States.Timeout', () => {
    const def = task(
      { TimeoutSeconds: 2, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'R' }] },
      { R: { Type: 'Pass', End: true } },
    );
    const result = runExecution(def, {}, { taskHandler: () => undefined });
    expect(result.output).toEqual({ Error: 'States.Timeout', Cause: '' });
  });
});

describe('error name matching', () => {
  it('follows the reserved names', () => {
    expect(errorMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(errorMatches(['States.ALL'], undefined)).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.Timeout'], 'States.HeartbeatTimeout')).toBe(true);
    expect(errorMatches(['State.ALL'], 'X')).toBe(false);
    expect(errorMatches(['X'], undefined)).toBe(false);
  });

  it('a task handler that throws fails the task with the exception', () => {
    const result = runExecution(
      task({}),
      {},
      {
        taskHandler: () => {
          throw new TypeError('bad input');
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'TypeError', cause: 'bad input' });
  });

  it('fails an oversized state output with States.DataLimitExceeded', () => {
    const result = runExecution(
      task({}),
      {},
      { taskHandler: (_t, cb) => cb.succeed('x'.repeat(300_000)) },
    );
    expect(result.error).toBe('States.DataLimitExceeded');
  });
});
