/**
 * Conformance: every intrinsic-function case recorded against AWS (templatePath starting
 * "intrinsicfunctions/") run through a minimal Pass-chain harness built on the paths and
 * intrinsics layers (InputPath → Parameters/Result → ResultPath → OutputPath), comparing status and
 * output, or error and cause, exactly. The full interpreter's conformance suite lives elsewhere.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng';
import { applyResultPath, evaluatePayloadTemplate, readPath } from '../paths';
import { StatesError } from '../statesError';

interface ConformanceCase {
  id: string;
  templatePath: string;
  definition: { StartAt: string; States: Record<string, Record<string, unknown>> };
  input: unknown;
  expected: { status: string; output?: unknown; error?: string | null; cause?: string | null };
}

type Outcome =
  { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error: string; cause: string };

const PASS_FIELDS = new Set([
  'Type',
  'Comment',
  'InputPath',
  'Parameters',
  'Result',
  'ResultPath',
  'OutputPath',
  'Next',
  'End',
]);

const all = JSON.parse(
  readFileSync(
    new URL('../../../../test/conformance/stepfunctions/execution-cases.json', import.meta.url),
    'utf8',
  ),
) as ConformanceCase[];
const cases = all.filter((c) => c.templatePath.startsWith('intrinsicfunctions/'));

/** True if the definition is a chain of Pass states using only the fields the harness knows. */
function isPassChain(def: ConformanceCase['definition']): boolean {
  return Object.values(def.States).every(
    (s) => s.Type === 'Pass' && Object.keys(s).every((k) => PASS_FIELDS.has(k)),
  );
}

/** Runs a Pass chain the way Step Functions does, with AWS's failure cause prefix. */
function runPassChain(def: ConformanceCase['definition'], input: unknown): Outcome {
  const random = (() => {
    const rng = new Rng('intrinsics-conformance');
    return () => rng.next();
  })();
  let name: string | undefined = def.StartAt;
  let data = input;
  let eventId = 2;
  while (name !== undefined) {
    const state: Record<string, unknown> = def.States[name] ?? {};
    const context = {
      Execution: {
        Id: 'arn:aws:states:us-east-1:000000000000:execution:sm:exec',
        Input: input,
        Name: 'exec',
        StartTime: '2024-01-01T00:00:00.000Z',
      },
      State: { Name: name, EnteredTime: '2024-01-01T00:00:00.000Z' },
      StateMachine: { Id: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm', Name: 'sm' },
    };
    try {
      const inputPath = state.InputPath as string | null | undefined;
      const effective =
        inputPath === null
          ? {}
          : inputPath === undefined
            ? data
            : readPath(inputPath, data, { context });
      const result =
        state.Parameters !== undefined
          ? evaluatePayloadTemplate(state.Parameters, effective, { context, random })
          : 'Result' in state
            ? state.Result
            : effective;
      const combined = applyResultPath(data, state.ResultPath as string | null | undefined, result);
      const outputPath = state.OutputPath as string | null | undefined;
      data =
        outputPath === null
          ? {}
          : outputPath === undefined
            ? combined
            : readPath(outputPath, combined, { context });
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      const cause = `An error occurred while executing the state '${name}' (entered at the event id #${eventId}). ${e.cause}`;
      return { status: 'FAILED', error: e.error, cause };
    }
    name = state.End === true ? undefined : (state.Next as string);
    eventId += 2;
  }
  return { status: 'SUCCEEDED', output: data };
}

describe('intrinsic functions conformance (AWS-recorded cases)', () => {
  it('has the 127 intrinsic cases, all single Pass chains', () => {
    expect(cases).toHaveLength(127);
    expect(cases.filter((c) => !isPassChain(c.definition)).map((c) => c.id)).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const actual = runPassChain(c.definition, c.input);
    const expected =
      c.expected.status === 'SUCCEEDED'
        ? { status: c.expected.status, output: c.expected.output }
        : { status: c.expected.status, error: c.expected.error, cause: c.expected.cause };
    expect(actual).toEqual(expected);
  });
});
