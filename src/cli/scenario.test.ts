import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, defaultParams, findPattern } from '../patterns';
import { scenarioOf, scenarioText } from '../patterns/scenario';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'scenario-'));

function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('npm run sim -- --scenario', () => {
  it('prints the same JSON as the equivalent --set flags, for the time it was exported at', () => {
    const pattern = findPattern('message-decoupling-sqs')!;
    const scenario = scenarioOf({
      pattern,
      params: { paymentRate: 30, salesErrorRate: 5, arrivalPattern: 'bursts' },
      seed: 7,
      speed: 10,
      timeMs: 45_000,
    });
    const file = write('sqs.json', scenarioText(scenario));
    const fromFile = sim('--scenario', file, '--json');
    const fromFlags = sim(
      'message-decoupling-sqs',
      '--set',
      'paymentRate=30',
      '--set',
      'salesErrorRate=5',
      '--set',
      'arrivalPattern=bursts',
      '--seed',
      '7',
      '--duration',
      '45',
      '--json',
    );
    expect(fromFile.stderr).toBe('');
    expect(fromFile.status).toBe(0);
    expect(fromFlags.status).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(fromFlags.stdout));
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ durationS: 45, seed: 7 });
  }, 120_000);

  it('runs edited rules the way the app does', () => {
    const pattern = findPattern('pubsub-sns')!;
    const rules = { topicToEmail: { type: ['Sales'] } };
    const file = write(
      'sns.json',
      scenarioOf({ pattern, params: {}, seed: 3, rules, speed: 1, timeMs: 20_000 }),
    );
    const r = sim('--scenario', file, '--json');
    expect(r.status).toBe(0);
    const run = createRun(pattern, defaultParams(pattern), { seed: 3, rules });
    run.advanceTo(20_000);
    const expected = JSON.parse(JSON.stringify(run.summary())) as Record<string, unknown>;
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(got.ledger).toEqual(expected.ledger);
    expect(got.edges).toEqual(expected.edges);
    // The edited rule changed something: the default policy lets other types through.
    const plain = createRun(pattern, defaultParams(pattern), { seed: 3 });
    plain.advanceTo(20_000);
    expect(plain.summary().edges).not.toEqual(expected.edges);
  }, 120_000);

  it('names every problem in a bad file and exits 2', () => {
    const file = write('bad.json', {
      format: 'aws-integration-pattern-scenario',
      version: 1,
      pattern: 'message-decoupling-sqs',
      params: { paymentRate: 'fast', withoutQueue: 'yes' },
      seed: -1,
      speed: 1,
      timeS: 10,
    });
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/params\.paymentRate.*must be a number/);
    expect(r.stderr).toMatch(/params\.withoutQueue.*true or false/);
    expect(r.stderr).toMatch(/"seed" must be a whole number/);
    const badRule = write('badRule.json', {
      format: 'aws-integration-pattern-scenario',
      version: 1,
      pattern: 'pubsub-sns',
      rules: { topicToEmail: { type: 'Sales' } },
    });
    const r2 = sim('--scenario', badRule);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/rules\.topicToEmail: .*FilterPolicy/);
    expect(sim('--scenario', write('x.txt', 'not json')).stderr).toMatch(/not JSON/);
    expect(sim('message-decoupling-sqs', '--scenario', file).stderr).toMatch(/give no pattern id/);
  }, 120_000);
});
