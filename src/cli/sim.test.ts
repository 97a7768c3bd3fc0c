import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs `npm run sim -- ...args` the way a user does (through tsx), returning status and output. */
function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the headless runner', () => {
  it('--list prints every parameter with unit, range and default', () => {
    const r = sim('--list');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/message-decoupling-sqs/);
    expect(r.stdout).toMatch(/paymentRate\s+Payment rate\s+msg\/s\s+0\s+5000\s+10/);
  }, 60_000);

  it('--json prints one object with the documented fields', () => {
    const r = sim(
      'message-decoupling-sqs',
      '--set',
      'paymentRate=30',
      '--duration',
      '60',
      '--seed',
      '7',
      '--json',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'pattern',
      'seed',
      'durationS',
      'params',
      'warmUpS',
      'ledger',
      'nodes',
      'edges',
      'flows',
      'notes',
      'cost',
    ]);
    expect(out).toMatchObject({
      pattern: 'message-decoupling-sqs',
      seed: 7,
      durationS: 60,
      params: { paymentRate: 30 },
    });
    expect(Object.keys(out.ledger as object)).toEqual([
      'created',
      'deliveries',
      'completed',
      'deadLettered',
      'dropped',
      'fannedOut',
      'inSystem',
    ]);
    expect(Object.keys(out.flows as object)).toEqual(['response', 'payment', 'deadLettered']);
    // What a capacity planner reads off a queue: backlog over time, its peak, the oldest
    // message's peak age, and how long messages waited before their first receive.
    expect(Object.keys((out.nodes as Record<string, object>).salesQueue as object)).toEqual(
      expect.arrayContaining([
        'meanVisible',
        'maxVisible',
        'maxOldestAgeS',
        'firstReceiveWaitMeanS',
        'firstReceiveWaitP50S',
        'firstReceiveWaitP95S',
        'firstReceiveWaitP99S',
      ]),
    );
    expect(Object.keys((out.flows as Record<string, object>).response as object)).toEqual([
      'count',
      'meanMs',
      'p50Ms',
      'p95Ms',
      'p99Ms',
    ]);
    expect(Object.keys(out.nodes as object)).toContain('salesQueue');
    // The monthly bill at the simulated rate, item by item (src/kit/cost.ts).
    expect(out.cost).toMatchObject({ currency: 'USD', region: 'us-east-1', measuredS: 60 });
    expect((out.cost as { items: { node: string }[] }).items.map((i) => i.node)).toContain(
      'salesQueue',
    );
  }, 60_000);

  it('prints the monthly bill in the readable summary', () => {
    const r = sim('message-decoupling-sqs', '--duration', '30');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cost per month at this rate: \$\d+\.\d{2} \(USD, us-east-1/);
    expect(r.stdout).toMatch(/salesQueue\s+Amazon SQS: ReceiveMessage requests/);
  }, 60_000);

  it.each([
    [['nope'], /unknown pattern "nope"/],
    [['message-decoupling-sqs', '--set', 'bogus=1'], /Unknown parameter "bogus"/],
    [['message-decoupling-sqs', '--set', 'paymentRate=1e9'], /paymentRate=1e9 is out of range/],
    [['message-decoupling-sqs', '--set', 'paymentRate=abc'], /paymentRate must be a number/],
    [['message-decoupling-sqs', '--duration', '-1'], /--duration must be/],
    [['message-decoupling-sqs', '--duration', '10', '--warmup', '20'], /--warmup .* shorter/],
    [['message-decoupling-sqs', '--frobnicate'], /unknown option --frobnicate/],
  ])(
    '%j exits with status 2 naming the problem',
    (args, message) => {
      const r = sim(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    },
    60_000,
  );
});

describe('parseArgs', () => {
  it('reads --warmup', () => {
    expect(parseArgs(['p', '--duration', '60', '--warmup=10']).warmUpS).toBe(10);
  });
  it('reads repeated --set and the --x=y forms', () => {
    expect(
      parseArgs(['p', '--set', 'a=1', '--set=b=2', '--duration=5', '--seed', '3']),
    ).toMatchObject({
      pattern: 'p',
      sets: { a: '1', b: '2' },
      durationS: 5,
      seed: 3,
    });
  });
  it('refuses a seed the app could not open', () => {
    expect(() => parseArgs(['p', '--seed', '99999999999'])).toThrow(UsageError);
  });
});
