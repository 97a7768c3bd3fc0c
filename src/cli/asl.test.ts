import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { parseAslArgs } from './asl';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const PAYMENT = 'src/cli/fixtures/payment.asl.json';
const INVALID = 'src/cli/fixtures/invalid.asl.json';

/** Runs `npm run sim -- asl ...args` the way a user does (through tsx). */
function asl(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sim.ts', 'asl', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run sim -- asl', () => {
  it('prints the final status and output; a retried Task answers its calls in turn', () => {
    const r = asl(
      PAYMENT,
      '--input',
      '{"amount": 3}',
      '--task',
      'Payments=Flaky:try again',
      '--task',
      'Payments={"Payload": {"paid": true}}',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^status: SUCCEEDED\noutput: \{\n {2}"amount": 3,\n {2}"payment": \{\n {4}"paid": true/,
    );
  }, 60_000);

  it('prints the error and cause of a failed execution, and exits 1', () => {
    const r = asl(
      PAYMENT,
      '--task',
      'arn:aws:lambda:us-east-1:123456789012:function:Payments=Declined:no money',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('status: FAILED\nerror:  PaymentFailed\ncause:  no money\n');
  }, 60_000);

  it('--history prints AWS’s execution history, one event a line, on the virtual clock', () => {
    const r = asl(PAYMENT, '--task', 'Payments={"Payload": {"paid": true}}', '--history');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const start = lines.indexOf('history:');
    expect(lines[start + 1]).toMatch(/^ {2}id\s+prev\s+time\s+type\s+details$/);
    const types = lines
      .slice(start + 2)
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/)[3]);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(r.stdout).toMatch(/\+3600\.000s\s+WaitStateExited/);
  }, 60_000);

  it('--json prints one object, with the history when asked', () => {
    const r = asl(PAYMENT, '--json', '--history', '--task', 'Payments=Nope');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      status: string;
      error: string;
      history: { type: string }[];
    };
    expect(out).toMatchObject({ status: 'FAILED', error: 'PaymentFailed', cause: '' });
    expect(out.history.at(-1)?.type).toBe('ExecutionFailed');
  }, 60_000);

  it('an invalid definition exits 2 with each problem and its path', () => {
    const r = asl(INVALID);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a valid state machine definition (2 problems)');
    expect(r.stderr).toContain("/States/Pay/Next: state 'Nowhere' does not exist");
    expect(r.stderr).toContain('/States/Pay/Resource: is required');
  }, 60_000);

  it.each([
    [[], /which definition/],
    [['nope.json'], /cannot read nope\.json/],
    [[PAYMENT, '--input', '{oops'], /--input must be JSON/],
    [[PAYMENT, '--task', 'noequals'], /--task expects <resource>=<json or error>/],
    [[PAYMENT, '--bogus'], /unknown option --bogus/],
  ])(
    '%j exits with status 2 naming the problem',
    (args, message) => {
      const r = asl(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    },
    60_000,
  );
});

describe('parseAslArgs', () => {
  it('reads JSON answers, error answers with and without a cause, and the --x=y forms', () => {
    const args = parseAslArgs([
      'def.json',
      '--input={"a":1}',
      '--task',
      'fn={"x":1}',
      '--task=fn=Boom',
      '--task',
      'other=Err:a: cause',
      '--history',
    ]);
    expect(args).toMatchObject({ file: 'def.json', input: { a: 1 }, history: true, json: false });
    expect(args.tasks.get('fn')).toEqual([{ output: { x: 1 } }, { error: 'Boom' }]);
    expect(args.tasks.get('other')).toEqual([{ error: 'Err', cause: 'a: cause' }]);
  });

  it('refuses a second definition', () => {
    expect(() => parseAslArgs(['a.json', 'b.json'])).toThrow(UsageError);
  });
});
