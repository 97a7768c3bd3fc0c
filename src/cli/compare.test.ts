import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARE_FIGURES } from '../patterns';
import { parseArgs, UsageError } from './args';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs `npm run sim -- ...args` the way a user does (through tsx). */
function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: { status: number | null; stdout: string; stderr: string }): unknown {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('npm run sim -- compare', () => {
  it('gives each side exactly what a separate run with the same seed gives', () => {
    const common = ['--duration', '40', '--seed', '11', '--json'];
    const both = json(
      sim(
        'compare',
        'message-decoupling-sqs',
        'message-decoupling-sqs',
        '--set',
        'paymentRate=30',
        '--set',
        'b.withoutQueue=true',
        ...common,
      ),
    ) as Record<string, unknown>;
    const a = json(sim('message-decoupling-sqs', '--set', 'paymentRate=30', ...common));
    const b = json(
      sim(
        'message-decoupling-sqs',
        '--set',
        'paymentRate=30',
        '--set',
        'withoutQueue=true',
        ...common,
      ),
    );
    expect(Object.keys(both)).toEqual(['seed', 'durationS', 'warmUpS', 'a', 'b', 'table']);
    expect(both.a).toEqual(a);
    expect(both.b).toEqual(b);
    const table = both.table as { id: string; a: number; b: number }[];
    expect(table.map((r) => r.id)).toEqual(COMPARE_FIGURES);
    // The figures come from those runs: A keeps a backlog, B (no queue) gets throttled instead.
    const row = (id: string) => table.find((r) => r.id === id) as { a: number; b: number };
    const sb = b as { ledger: { dropped: Record<string, number> }; cost: { total: number } };
    expect(row('lost').b).toBe(sb.ledger.dropped.throttled);
    expect(row('throttles').b).toBeGreaterThan(0);
    expect(row('backlog').a).toBeGreaterThan(0);
    expect(row('backlog').b).toBe(0);
    expect(row('monthlyUsd').b).toBeCloseTo(sb.cost.total, 3);
  }, 120_000);

  it('compares two patterns with the same warm-up, and prints a readable table', () => {
    const r = sim(
      'compare',
      'api-gateway-single',
      'api-gateway-multiple',
      '--duration',
      '20',
      '--warmup',
      '5',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/seed 1, 20 s simulated on both sides/);
    expect(r.stdout).toMatch(/A: .*\(api-gateway-single\)/);
    expect(r.stdout).toMatch(/B: .*\(api-gateway-multiple\)/);
    expect(r.stdout).toMatch(/Latency p99 /);
    expect(r.stdout).toMatch(/Cost per month +\$\d/);
  }, 120_000);

  it.each([
    [['compare', 'message-decoupling-sqs'], /compare needs two scenarios/],
    [['compare', 'nope', 'message-bus'], /A: unknown pattern "nope"/],
    [['compare', 'message-bus', 'nope'], /B: unknown pattern "nope"/],
    [['compare', 'message-bus', 'message-bus', 'pubsub-sns'], /compare takes two scenarios/],
    [
      ['compare', 'message-decoupling-sqs', 'pubsub-sns', '--set', 'paymentRate=5'],
      /B: Unknown parameter "paymentRate" for pattern pubsub-sns/,
    ],
    [
      ['compare', 'message-decoupling-sqs', 'message-bus', '--set', 'a.paymentRate=1e9'],
      /A: Parameter paymentRate=1e9 is out of range/,
    ],
    [['compare', 'message-bus', 'message-bus', '--set', 'c.x=1'], /"c.x": a setting is/],
    [['compare', 'message-bus', 'message-bus', '--duration', '0'], /--duration must be/],
  ])(
    '%j exits with status 2 naming the problem',
    (args, message) => {
      const r = sim(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    },
    60_000,
  );

  it('takes a template folder as a side, and gives what `sim template` gives for it', () => {
    const folder = 'src/cli/fixtures/orders-template';
    const common = ['--duration', '30', '--seed', '5', '--json'];
    const both = json(
      sim(
        'compare',
        folder,
        folder,
        '--set',
        'b.StartShipping_workMs=3000',
        '--set',
        'ServerlessHttpApiClients1_rate=8',
        ...common,
      ),
    ) as {
      a: Record<string, unknown>;
      b: Record<string, unknown>;
      table: { id: string; a: number; b: number }[];
    };
    const alone = json(
      sim('template', folder, '--set', 'ServerlessHttpApiClients1_rate=8', ...common),
    ) as Record<string, unknown>;
    // `sim template --json` adds what the template left out; the run itself is the same.
    const { template: _t, resources: _r, ...run } = alone;
    expect(both.a).toEqual(run);
    // Slower shipping on B: the same orders, a longer wait.
    const p99 = both.table.find((r) => r.id === 'p99Ms') as { a: number; b: number };
    expect(p99.b).toBeGreaterThan(p99.a);
  }, 120_000);

  it('names an unknown side, pattern or path', () => {
    const r = sim('compare', 'message-bus', 'no/such/template.yaml');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('B: unknown pattern "no/such/template.yaml"');
  }, 60_000);

  it('--help prints the per-side --set rules', () => {
    const r = sim('compare', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--set a\.p=v/);
  }, 60_000);
});

describe('parseArgs for compare', () => {
  it('takes two patterns and side-prefixed settings', () => {
    expect(parseArgs(['x', 'y', '--set', 'a.p=1', '--set', 'q=2'], 2)).toMatchObject({
      patterns: ['x', 'y'],
      sets: { 'a.p': '1', q: '2' },
    });
    expect(() => parseArgs(['x', 'y'])).toThrow(UsageError);
  });
});
