/**
 * Property tests: invariants that must hold for any input or workflow, not just the recorded ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  historyProblems,
  runExecution,
  type StateDefinition,
  type StateMachineDefinition,
  type TaskHandler,
} from './index';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A linear workflow S0 → S1 → ... → Done from a list of states (Next is filled in). */
function linear(states: StateDefinition[]): StateMachineDefinition {
  const all: Record<string, StateDefinition> = {};
  states.forEach((s, i) => {
    all[`S${i}`] = { ...s, Next: i + 1 < states.length ? `S${i + 1}` : 'Done' };
    if (s.Catch)
      all[`S${i}`]!.Catch = s.Catch.map((c) => ({
        ...c,
        Next: i + 1 < states.length ? `S${i + 1}` : 'Done',
      }));
  });
  all.Done = { Type: 'Succeed' };
  return { StartAt: states.length > 0 ? 'S0' : 'Done', States: all };
}

describe('properties', () => {
  it('a chain of Pass states (with neutral paths) is the identity on its input', () => {
    const neutralPass = fc.constantFrom<StateDefinition>(
      { Type: 'Pass' },
      { Type: 'Pass', InputPath: '$' },
      { Type: 'Pass', OutputPath: '$' },
      { Type: 'Pass', ResultPath: '$' },
      { Type: 'Pass', Result: 'dropped', ResultPath: null },
      { Type: 'Wait', Seconds: 0 },
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(neutralPass, { minLength: 1, maxLength: 12 }),
        (input, states) => {
          const result = runExecution(linear(states), input);
          expect(result.status).toBe('SUCCEEDED');
          expect(result.output).toStrictEqual(input);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('retry delays follow IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.integer({ min: 0, max: 7 }),
        (interval, rate, maxAttempts, maxDelay, failures) => {
          let calls = 0;
          const handler: TaskHandler = (_t, cb) =>
            calls++ < failures ? cb.fail('Flaky') : cb.succeed('ok');
          const retrier = {
            ErrorEquals: ['Flaky'],
            IntervalSeconds: interval,
            BackoffRate: rate,
            MaxAttempts: maxAttempts,
            ...(maxDelay !== undefined ? { MaxDelaySeconds: maxDelay } : {}),
          };
          const def = linear([{ Type: 'Task', Resource: LAMBDA, Retry: [retrier] }]);
          const result = runExecution(def, {}, { taskHandler: handler });
          const times = result.history
            .filter((e) => e.type === 'TaskScheduled')
            .map((e) => e.timestamp);
          const attempts = Math.min(failures, maxAttempts) + 1;
          expect(times).toHaveLength(attempts);
          for (let n = 1; n < times.length; n++) {
            let delay = interval * Math.pow(rate, n - 1);
            if (maxDelay !== undefined) delay = Math.min(delay, maxDelay);
            expect((times[n] ?? 0) - (times[n - 1] ?? 0)).toBe(Math.round(delay * 1000));
          }
          expect(result.status).toBe(failures <= maxAttempts ? 'SUCCEEDED' : 'FAILED');
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('any workflow leaves a well-formed history that ends the way the execution did', () => {
    const state: fc.Arbitrary<StateDefinition> = fc.oneof(
      fc.constant<StateDefinition>({ Type: 'Pass', Result: { x: 1 }, ResultPath: '$.p' }),
      fc.integer({ min: 0, max: 3 }).map<StateDefinition>((s) => ({ Type: 'Wait', Seconds: s })),
      fc
        .record({ retry: fc.boolean(), catch: fc.boolean(), timeout: fc.boolean() })
        .map<StateDefinition>((o) => ({
          Type: 'Task',
          Resource: LAMBDA,
          ResultPath: '$.t',
          ...(o.timeout ? { TimeoutSeconds: 2 } : {}),
          ...(o.retry
            ? { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }] }
            : {}),
          ...(o.catch
            ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: '' }] }
            : {}),
        })),
      fc.constant<StateDefinition>({
        Type: 'Parallel',
        ResultPath: '$.par',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, End: true } } },
        ],
      }),
      fc.integer({ min: 0, max: 3 }).map<StateDefinition>((c) => ({
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: c,
        ResultPath: '$.mapped',
        ItemProcessor: {
          StartAt: 'I',
          States: { I: { Type: 'Task', Resource: LAMBDA, End: true } },
        },
      })),
    );
    // Each task attempt succeeds, fails, or never answers (a timeout may then end it).
    const outcomes = fc.array(fc.constantFrom('ok', 'fail', 'silent'), { maxLength: 40 });
    fc.assert(
      fc.property(
        fc.array(state, { maxLength: 8 }),
        outcomes,
        fc.boolean(),
        (states, script, stepping) => {
          let i = 0;
          const handler: TaskHandler = (_t, cb) => {
            const o = script[i++] ?? 'ok';
            if (o === 'ok') cb.succeed({ n: i });
            else if (o === 'fail') cb.fail('Boom', `attempt ${i}`);
          };
          const result = runExecution(
            linear(states),
            { items: [1, 2, 3] },
            { taskHandler: handler, stepping },
          );
          expect(historyProblems(result.history)).toEqual([]);
          const last = result.history.at(-1)?.type;
          const expected = {
            SUCCEEDED: 'ExecutionSucceeded',
            FAILED: 'ExecutionFailed',
            TIMED_OUT: 'ExecutionTimedOut',
            ABORTED: 'ExecutionAborted',
          };
          if (result.status === 'RUNNING')
            expect(last).not.toMatch(/^Execution(Succeeded|Failed|TimedOut|Aborted)$/);
          else expect(last).toBe(expected[result.status]);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
