/**
 * QueryLanguage JSONata: `{% %}` fields, `$states`, variables, and definition validation.
 */
import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  runExecution,
  validateDefinition,
  type StateMachineDefinition,
} from './index';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('JSONata states', () => {
  it('evaluates Arguments, Output and Assign with $states.input / $states.result and variables', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Price',
      States: {
        Price: {
          Type: 'Task',
          Resource: LAMBDA,
          Arguments: { qty: '{% $states.input.qty %}', each: 5 },
          Assign: { total: '{% $states.result.total %}', name: '{% $states.context.State.Name %}' },
          Output: '{% $states.result.total * 2 %}',
          Next: 'Report',
        },
        Report: {
          Type: 'Pass',
          Output: { total: '{% $total %}', doubled: '{% $states.input %}', state: '{% $name %}' },
          End: true,
        },
      },
    };
    const seen: unknown[] = [];
    const result = runExecution(
      def,
      { qty: 3 },
      {
        taskHandler: (t, cb) => {
          seen.push(t.input);
          const input = t.input as { qty: number; each: number };
          cb.succeed({ total: input.qty * input.each });
        },
      },
    );
    expect(seen).toEqual([{ qty: 3, each: 5 }]);
    expect(result.output).toEqual({ total: 15, doubled: 30, state: 'Price' });
  });

  it('branches on Condition and iterates Items with an ItemSelector', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $count($states.input.xs) > 1 %}', Next: 'Each', Assign: { k: 100 } },
          ],
          Default: 'Few',
        },
        Few: { Type: 'Succeed', Output: 'few' },
        Each: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: {
            v: '{% $states.context.Map.Item.Value %}',
            i: '{% $states.context.Map.Item.Index %}',
          },
          ItemProcessor: {
            StartAt: 'Add',
            States: {
              Add: {
                Type: 'Pass',
                Output: '{% $states.input.v + $states.input.i + $k %}',
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    expect(runExecution(def, { xs: [10, 20] }).output).toEqual([110, 121]);
    expect(runExecution(def, { xs: [10] }).output).toBe('few');
  });

  it('hands $states.errorOutput to a Catch', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% $states.errorOutput.Error & "!" %}',
              Next: 'Done',
            },
          ],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(runExecution(def, {}, { taskHandler: (_t, cb) => cb.fail('Nope') }).output).toBe(
      'Nope!',
    );
  });

  it('fails with States.QueryEvaluationError (cause prefixed like AWS) on a bad expression', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: '{% $states.input.a.b %}', End: true } },
    };
    const result = runExecution(def, { a: 1 });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toMatch(
      /^An error occurred while executing the state 'P' \(entered at the event id #2\)\./,
    );
  });

  it('evaluates Wait Seconds and Fail Error/Cause expressions', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: '{% $states.input.s %}', Next: 'F' },
        F: { Type: 'Fail', Error: '{% "E" & $string($states.input.s) %}', Cause: 'static' },
      },
    };
    const result = runExecution(def, { s: 4 });
    expect(result).toMatchObject({ error: 'E4', cause: 'static' });
    expect((result.history.at(-1)?.timestamp ?? 0) - (result.history[0]?.timestamp ?? 0)).toBe(
      4_000,
    );
  });
});

describe('definition validation', () => {
  const problems = (def: unknown) => validateDefinition(def).map((p) => `${p.path}: ${p.message}`);

  it('names the JSON path of each problem', () => {
    expect(
      problems({
        StartAt: 'Foo',
        States: {
          Foo: { Type: 'Pass', Next: 'Bar' },
          Choose: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEqualz: 1, Next: 'Foo' }] },
          T: { Type: 'Task', End: true, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] },
        },
      }),
    ).toEqual([
      "/States/Foo/Next: state 'Bar' does not exist",
      '/States/Choose/Choices/0/NumericEqualz: is not a comparison operator',
      '/States/T/Retry/0/ErrorEquals: States.ALL must appear alone',
      '/States/T/Resource: is required',
      '/States/Choose: state is not reachable from StartAt',
      '/States/T: state is not reachable from StartAt',
    ]);
  });

  it('checks nested machines, transitions and field/language combinations', () => {
    expect(problems({ StartAt: 'X', States: {} })).toEqual([
      '/States: must contain at least one state',
      "/StartAt: state 'X' does not exist",
    ]);
    expect(
      problems({
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass' } } },
            End: true,
          },
        },
      }),
    ).toEqual(["/States/M/ItemProcessor/States/I: needs either 'Next' or 'End': true"]);
    expect(
      problems({
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: { P: { Type: 'Pass', InputPath: '$', End: true } },
      }),
    ).toEqual(['/States/P/InputPath: is not allowed in a JSONata state']);
    expect(problems({ StartAt: 'S', States: { S: { Type: 'Succeed', Retry: [] } } })).toEqual([
      '/States/S/Retry: is not allowed in a Succeed state',
    ]);
  });

  it('refuses to start an invalid definition', () => {
    expect(() =>
      runExecution({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }, {}),
    ).toThrow(DefinitionError);
  });
});
