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

/** Runs a one-state JSONata Pass machine whose Output is `output` on `input`. */
function passOutput(output: unknown, input: unknown = {}) {
  return runExecution(
    {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: output, End: true } },
    },
    input,
  );
}

describe('the JSONata functions Step Functions adds', () => {
  it('$partition cuts an array in chunks, the last one shorter', () => {
    expect(passOutput('{% $partition([1, 2, 3, 4, 5], 2) %}').output).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect(passOutput('{% $partition([], 3) %}').output).toEqual([]);
    expect(passOutput('{% $partition([1, 2], 0) %}').error).toBe('States.QueryEvaluationError');
  });

  it('$range counts from start to end (inclusive) by step, up or down', () => {
    expect(passOutput('{% $range(0, 10, 2) %}').output).toEqual([0, 2, 4, 6, 8, 10]);
    expect(passOutput('{% $range(5, 1, -2) %}').output).toEqual([5, 3, 1]);
    expect(passOutput('{% $range(1, 0, 1) %}').output).toEqual([]);
    expect(passOutput('{% $range(0, 5000, 1) %}').error).toBe('States.QueryEvaluationError');
    expect(passOutput('{% $range(0, 3, 0) %}').error).toBe('States.QueryEvaluationError');
  });

  it('$hash digests a string with the named algorithm (as States.Hash)', () => {
    expect(passOutput("{% $hash('abc', 'SHA-256') %}").output).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(passOutput("{% $hash('abc', 'MD5') %}").output).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(passOutput("{% $hash('abc', 'SHA-3') %}").error).toBe('States.QueryEvaluationError');
  });

  it('$parse turns JSON text into its value; $eval is not there', () => {
    expect(passOutput('{% $parse($states.input.doc) %}', { doc: '{"a":[1,true]}' }).output).toEqual(
      {
        a: [1, true],
      },
    );
    expect(passOutput("{% $parse('{nope') %}").error).toBe('States.QueryEvaluationError');
    const evaluated = passOutput("{% $eval('1 + 1') %}");
    expect(evaluated.error).toBe('States.QueryEvaluationError');
    expect(evaluated.cause).toContain('non-function');
  });

  it('$random takes an optional seed, and $uuid makes a version-4 UUID', () => {
    const out = passOutput('{% {"a": $random(7), "b": $random(7), "id": $uuid()} %}').output as {
      a: number;
      b: number;
      id: string;
    };
    expect(out.a).toBe(out.b);
    expect(out.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a variable of the same name hides a function', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { range: 'mine' }, Next: 'B' },
        B: { Type: 'Pass', Output: '{% $range %}', End: true },
      },
    };
    expect(runExecution(def, {}).output).toBe('mine');
  });
});

describe('JSONata expressions that yield nothing, or no JSON', () => {
  const fails = (def: StateMachineDefinition, input: unknown = {}) => {
    const result = runExecution(def, input, { taskHandler: (_t, cb) => cb.succeed({ ok: 1 }) });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.QueryEvaluationError');
    return result.cause ?? '';
  };

  it('fail the state in Output, even as one member of an object or one element of an array', () => {
    expect(
      fails({
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: {
          P: { Type: 'Pass', Output: { a: 1, b: '{% $states.input.missing %}' }, End: true },
        },
      }),
    ).toContain(
      "'$states.input.missing' specified for the field 'Output' returned nothing (undefined)",
    );
    fails({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: ['{% $states.input.missing %}'], End: true } },
    });
    fails({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: { deep: { x: '{% $nothing %}' } }, End: true } },
    });
  });

  it('fail the state in Arguments and in Assign', () => {
    const cause = fails({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Arguments: { id: '{% $states.input.id %}' },
          End: true,
        },
      },
    });
    expect(cause).toContain("for the field 'Arguments'");
    expect(
      fails({
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            Assign: { x: '{% $states.result.nope %}' },
            End: true,
          },
        },
      }),
    ).toContain("for the field 'Assign'");
  });

  it('fail the state when the value is a function', () => {
    expect(
      fails({
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: { P: { Type: 'Pass', Output: '{% $sum %}', End: true } },
      }),
    ).toContain('returned an unsupported result type');
  });

  it('can be caught like any other error of the state', () => {
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Output: { v: '{% $states.result.missing %}' },
          Catch: [
            {
              ErrorEquals: ['States.QueryEvaluationError'],
              Output: '{% $states.errorOutput.Error %}',
              Next: 'Done',
            },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(runExecution(def, {}, { taskHandler: (_t, cb) => cb.succeed({}) }).output).toBe(
      'States.QueryEvaluationError',
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
