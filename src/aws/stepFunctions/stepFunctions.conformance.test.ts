/**
 * Runs every recorded execution of test/conformance/stepfunctions/execution-cases.json (AWS's
 * final status with output, or error and cause) through the interpreter. Task outcomes are
 * replayed from each case's recorded task events; ItemReader reads the case's S3 objects.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  historyProblems,
  replayTasks,
  runExecution,
  type RecordedTaskOutcome,
  type StateMachineDefinition,
} from './index';

interface Case {
  id: string;
  kind: 'pure' | 'task' | 'assign' | 'jsonata';
  definition: StateMachineDefinition;
  input: unknown;
  expected: { status: string; output?: unknown; error?: string | null; cause?: string | null };
  taskEvents: RecordedTaskOutcome[];
  s3Objects?: Record<string, string>;
}

const file = resolve(
  import.meta.dirname,
  '../../../test/conformance/stepfunctions/execution-cases.json',
);
const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];

/**
 * The recording left some outputs unrecorded: LocalStack's snapshot stored a placeholder
 * `{"__raw__": "<field>"}` instead of the value. Such a case can only check the status.
 */
function isUnrecorded(output: unknown): boolean {
  return typeof output === 'object' && output !== null && '__raw__' in output;
}

describe('Step Functions conformance (AWS-recorded executions)', () => {
  it('has the 235 cases the data promises', () => {
    expect(cases).toHaveLength(235);
  });

  cases.forEach((c, i) => {
    it(`#${i} [${c.kind}] ${c.id}`, () => {
      const result = runExecution(c.definition, c.input, {
        taskHandler: replayTasks(c.taskEvents),
        ...(c.s3Objects ? { s3Objects: c.s3Objects } : {}),
      });
      expect(historyProblems(result.history)).toEqual([]);
      if (c.expected.status === 'SUCCEEDED') {
        expect({ status: result.status, error: result.error, cause: result.cause }).toEqual({
          status: 'SUCCEEDED',
          error: undefined,
          cause: undefined,
        });
        if (!isUnrecorded(c.expected.output)) expect(result.output).toEqual(c.expected.output);
      } else {
        expect({
          status: result.status,
          error: result.error ?? null,
          cause: result.cause ?? null,
        }).toEqual({
          status: c.expected.status,
          error: c.expected.error ?? null,
          cause: c.expected.cause ?? null,
        });
      }
    });
  });
});
