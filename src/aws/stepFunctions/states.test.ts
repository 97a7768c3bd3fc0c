/**
 * State types and input/output processing, one behaviour per test.
 */
import { describe, expect, it } from 'vitest';
import { parseTimestamp, stringMatches } from './choice';
import {
  runExecution,
  startExecution,
  type StateDefinition,
  type StateMachineDefinition,
} from './index';
import { parseCsv } from './itemReader';

const one = (
  state: StateDefinition,
  extra: Record<string, StateDefinition> = {},
): StateMachineDefinition => ({
  StartAt: 'S',
  States: { S: state, ...extra },
});

describe('Pass and the JSONPath I/O pipeline', () => {
  it('applies InputPath, Parameters, ResultPath and OutputPath in that order', () => {
    const def = one({
      Type: 'Pass',
      InputPath: '$.in',
      Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)', fixed: 'x' },
      ResultPath: '$.result',
      OutputPath: '$.result',
      End: true,
    });
    expect(runExecution(def, { in: { a: 1, b: 2 } }).output).toEqual({ sum: 3, fixed: 'x' });
  });

  it('uses Result over the input, and ResultPath null keeps the input', () => {
    expect(runExecution(one({ Type: 'Pass', Result: 42, End: true }), { a: 1 }).output).toBe(42);
    expect(
      runExecution(one({ Type: 'Pass', Result: 42, ResultPath: null, End: true }), { a: 1 }).output,
    ).toEqual({ a: 1 });
  });

  it('reads the Context Object', () => {
    const def = one({
      Type: 'Pass',
      Parameters: {
        'name.$': '$$.State.Name',
        'input.$': '$$.Execution.Input',
        'sm.$': '$$.StateMachine.Name',
        'entered.$': '$$.State.EnteredTime',
      },
      End: true,
    });
    const out = runExecution(def, { x: 1 }, { stateMachineName: 'Orders' }).output as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({
      name: 'S',
      input: { x: 1 },
      sm: 'Orders',
      entered: '2025-01-01T00:00:00.000Z',
    });
  });

  it('fails with States.Runtime and AWS cause prefix when a path selects nothing', () => {
    const result = runExecution(one({ Type: 'Pass', InputPath: '$.missing', End: true }), {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(
      /^An error occurred while executing the state 'S' \(entered at the event id #2\)\. /,
    );
  });
});

describe('Choice', () => {
  const choose = (rule: Record<string, unknown>, input: unknown) =>
    runExecution(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' } as never], Default: 'No' },
          Yes: { Type: 'Pass', Result: 'yes', End: true },
          No: { Type: 'Pass', Result: 'no', End: true },
        },
      },
      input,
    ).output;

  it.each([
    [{ Variable: '$.s', StringEquals: 'a' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.s', StringEqualsPath: '$.t' }, { s: 'a', t: 'a' }, 'yes'],
    [{ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.s', StringGreaterThanEquals: 'b' }, { s: 'a' }, 'no'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, { s: 'log-2024.txt' }, 'yes'],
    [{ Variable: '$.n', NumericEquals: 3 }, { n: 3 }, 'yes'],
    [{ Variable: '$.n', NumericEquals: 3 }, { n: '3' }, 'no'],
    [{ Variable: '$.n', NumericLessThanPath: '$.m' }, { n: 1, m: 2 }, 'yes'],
    [{ Variable: '$.n', NumericGreaterThan: 5 }, { n: 5 }, 'no'],
    [{ Variable: '$.n', NumericLessThanEquals: 5 }, { n: 5 }, 'yes'],
    [{ Variable: '$.b', BooleanEquals: true }, { b: true }, 'yes'],
    [{ Variable: '$.b', BooleanEqualsPath: '$.c' }, { b: true, c: false }, 'no'],
    [
      { Variable: '$.t', TimestampLessThan: '2024-01-02T00:00:00Z' },
      { t: '2024-01-01T12:00:00Z' },
      'yes',
    ],
    [
      { Variable: '$.t', TimestampEquals: '2024-01-01T00:00:00Z' },
      { t: '2024-01-01T01:00:00+01:00' },
      'yes',
    ],
    [{ Variable: '$.t', TimestampGreaterThan: '2024-01-01T00:00:00Z' }, { t: 'not a time' }, 'no'],
    [{ Variable: '$.x', IsPresent: true }, {}, 'no'],
    [{ Variable: '$.x', IsPresent: false }, {}, 'yes'],
    [{ Variable: '$.x', IsNull: true }, { x: null }, 'yes'],
    [{ Variable: '$.x', IsNumeric: true }, { x: 1.5 }, 'yes'],
    [{ Variable: '$.x', IsString: true }, { x: 1 }, 'no'],
    [{ Variable: '$.x', IsBoolean: true }, { x: false }, 'yes'],
    [{ Variable: '$.x', IsTimestamp: true }, { x: '2024-02-29T23:59:59.123Z' }, 'yes'],
    [
      {
        And: [
          { Variable: '$.a', NumericEquals: 1 },
          { Not: { Variable: '$.b', NumericEquals: 1 } },
        ],
      },
      { a: 1, b: 2 },
      'yes',
    ],
    [
      {
        Or: [
          { Variable: '$.a', NumericEquals: 9 },
          { Variable: '$.b', NumericEquals: 9 },
        ],
      },
      { a: 1, b: 2 },
      'no',
    ],
  ])('%j on %j → %s', (rule, input, expected) => {
    expect(choose(rule, input)).toBe(expected);
  });

  it('fails with States.Runtime when the Variable is missing (AWS: no Default fallback)', () => {
    const result = runExecution(
      {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }],
            Default: 'D',
          },
          D: { Type: 'Succeed' },
        },
      },
      {},
    );
    expect(result.error).toBe('States.Runtime');
  });

  it('fails with States.NoChoiceMatched without a Default', () => {
    const result = runExecution(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }] },
          D: { Type: 'Succeed' },
        },
      },
      { x: 2 },
    );
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  it('matches wildcards and escapes like AWS', () => {
    expect(stringMatches('a*b', 'a\\*b')).toBe(true);
    expect(stringMatches('axxb', 'a\\*b')).toBe(false);
    expect(stringMatches('a\\b', 'a\\\\b')).toBe(true);
    expect(stringMatches('anything', '*')).toBe(true);
    expect(stringMatches('a.c', 'a?c')).toBe(false);
    expect(parseTimestamp('2024-13-01T00:00:00Z')).toBeUndefined();
  });
});

describe('Wait', () => {
  const waited = (state: StateDefinition, input: unknown) => {
    const r = runExecution(one({ ...state, Type: 'Wait', End: true }), input);
    return {
      status: r.status,
      ms: (r.history.at(-1)?.timestamp ?? 0) - (r.history[0]?.timestamp ?? 0),
      cause: r.cause,
    };
  };
  it('waits Seconds, SecondsPath, Timestamp and TimestampPath on the virtual clock', () => {
    expect(waited({ Type: 'Wait', Seconds: 10 }, {}).ms).toBe(10_000);
    expect(waited({ Type: 'Wait', SecondsPath: '$.s' }, { s: 3 }).ms).toBe(3_000);
    expect(waited({ Type: 'Wait', Timestamp: '2025-01-01T00:01:00Z' }, {}).ms).toBe(60_000);
    expect(waited({ Type: 'Wait', TimestampPath: '$.t' }, { t: '2025-01-01T00:00:05Z' }).ms).toBe(
      5_000,
    );
    expect(waited({ Type: 'Wait', TimestampPath: '$.t' }, { t: '2020-01-01T00:00:00Z' }).ms).toBe(
      0,
    );
  });
  it('rejects unusable values with AWS causes', () => {
    expect(waited({ Type: 'Wait', TimestampPath: '$.t' }, { t: 'soon' }).cause).toContain(
      'The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == soon',
    );
    expect(waited({ Type: 'Wait', SecondsPath: '$.s' }, {}).cause).toContain(
      'The SecondsPath parameter does not reference an input value: $.s',
    );
  });
});

describe('Fail', () => {
  it('reports Error and Cause, literal or from paths', () => {
    expect(runExecution(one({ Type: 'Fail', Error: 'E', Cause: 'C' }), {})).toMatchObject({
      error: 'E',
      cause: 'C',
    });
    expect(
      runExecution(one({ Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' }), { e: 'X', c: 'Y' }),
    ).toMatchObject({ error: 'X', cause: 'Y' });
    const empty = runExecution(one({ Type: 'Fail' }), {});
    expect(empty.status).toBe('FAILED');
    expect(empty.error).toBeUndefined();
    expect(empty.history.at(-1)?.executionFailedEventDetails).toEqual({});
  });
});

describe('Parallel and Map', () => {
  const passItem = { StartAt: 'I', States: { I: { Type: 'Pass' as const, End: true } } };

  it('Parallel returns branch outputs in branch order', () => {
    const def = one({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
        {
          StartAt: 'B',
          States: {
            B: { Type: 'Wait', Seconds: 5, Next: 'B2' },
            B2: { Type: 'Pass', Result: 'b', End: true },
          },
        },
      ],
      End: true,
    });
    expect(runExecution(def, {}).output).toEqual(['a', 'b']);
  });

  it('Map honours MaxConcurrency (iterations overlap at most that much)', () => {
    const def = one({
      Type: 'Map',
      MaxConcurrency: 2,
      ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$', End: true } } },
      End: true,
    });
    const result = runExecution(def, [10, 10, 10, 10]);
    expect(result.output).toEqual([10, 10, 10, 10]);
    // Two rounds of 10 s each.
    expect((result.history.at(-1)?.timestamp ?? 0) - (result.history[0]?.timestamp ?? 0)).toBe(
      20_000,
    );
  });

  it('Map with ItemSelector sees $$.Map.Item', () => {
    const def = one({
      Type: 'Map',
      ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' },
      ItemProcessor: passItem,
      End: true,
    });
    expect(runExecution(def, ['a', 'b']).output).toEqual([
      { i: 0, v: 'a' },
      { i: 1, v: 'b' },
    ]);
  });

  it('a distributed Map tolerates failures up to ToleratedFailureCount', () => {
    const processor = {
      ProcessorConfig: { Mode: 'DISTRIBUTED' as const },
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice' as const,
          Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }],
          Default: 'P',
        },
        F: { Type: 'Fail' as const, Error: 'Zero', Cause: 'zero' },
        P: { Type: 'Pass' as const, End: true },
      },
    };
    const tolerant = runExecution(
      one({ Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: processor, End: true }),
      [1, 0, 2],
    );
    expect(tolerant.output).toEqual([1, { Error: 'Zero', Cause: 'zero' }, 2]);
    const strict = runExecution(
      one({ Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: processor, End: true }),
      [0, 0, 2],
    );
    expect(strict.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('reads items from S3 objects (CSV, JSON Lines) and batches them', () => {
    const reader = (InputType: 'CSV' | 'JSONL') => ({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType, CSVHeaderLocation: 'FIRST_ROW' as const },
      Parameters: { Bucket: 'b', Key: InputType === 'CSV' ? 'k.csv' : 'k.jsonl' },
    });
    const s3Objects = {
      'b/k.csv': 'a,b\n1,"x,y"\n2,z\n',
      'b/k.jsonl': '{"n":1}\n{"n":2}\n{"n":3}\n',
    };
    const csv = runExecution(
      one({ Type: 'Map', ItemReader: reader('CSV'), ItemProcessor: passItem, End: true }),
      {},
      { s3Objects },
    );
    expect(csv.output).toEqual([
      { a: '1', b: 'x,y' },
      { a: '2', b: 'z' },
    ]);
    const batched = runExecution(
      one({
        Type: 'Map',
        ItemReader: reader('JSONL'),
        ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { k: 1 } },
        ItemProcessor: passItem,
        End: true,
      }),
      {},
      { s3Objects },
    );
    expect(batched.output).toEqual([
      { BatchInput: { k: 1 }, Items: [{ n: 1 }, { n: 2 }] },
      { BatchInput: { k: 1 }, Items: [{ n: 3 }] },
    ]);
    expect(parseCsv('a;b\r\n"q""uote";2', ';')).toEqual([
      ['a', 'b'],
      ['q"uote', '2'],
    ]);
  });
});

describe('ResultWriter', () => {
  it('writes the results to S3 and outputs where they are', () => {
    const def = one({
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED' },
        StartAt: 'I',
        States: { I: { Type: 'Pass', End: true } },
      },
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: 'out', Prefix: 'runs' },
      },
      End: true,
    });
    const ex = startExecution(def, [1, 2]);
    const output = ex.result().output as { ResultWriterDetails: { Bucket: string; Key: string } };
    expect(output.ResultWriterDetails.Bucket).toBe('out');
    const manifest = JSON.parse(
      ex.s3Objects[`out/${output.ResultWriterDetails.Key}`] ?? 'null',
    ) as {
      ResultFiles: { SUCCEEDED: { Key: string }[] };
    };
    const file = manifest.ResultFiles.SUCCEEDED[0]?.Key ?? '';
    expect(JSON.parse(ex.s3Objects[`out/${file}`] ?? 'null')).toEqual([1, 2]);
  });
});

describe('variables (JSONPath)', () => {
  it('Assign sets variables that later states read with $name, and Map iterations see but do not leak', () => {
    const def: StateMachineDefinition = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { factor: 10, 'first.$': '$[0]' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Use',
            States: {
              Use: {
                Type: 'Pass',
                Parameters: { 'f.$': '$factor', 'v.$': '$' },
                Assign: { factor: 0 },
                End: true,
              },
            },
          },
          Next: 'After',
        },
        After: {
          Type: 'Pass',
          Parameters: { 'results.$': '$', 'factor.$': '$factor', 'first.$': '$first' },
          End: true,
        },
      },
    };
    const result = runExecution(def, [1, 2]);
    expect(result.output).toEqual({
      results: [
        { f: 10, v: 1 },
        { f: 10, v: 2 },
      ],
      factor: 10,
      first: 1,
    });
    const exited = result.history.find((e) => e.type === 'PassStateExited');
    expect(exited?.stateExitedEventDetails?.assignedVariables).toEqual({
      factor: '10',
      first: '1',
    });
  });
});
