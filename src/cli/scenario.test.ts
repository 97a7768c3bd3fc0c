import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLinkJson } from '../kit/linkCodec';
import { createRun, defaultParams, findPattern, importedPattern } from '../patterns';
import { parseScenario, scenarioImports, scenarioOf, scenarioText } from '../patterns/scenario';
import { templatePattern, templatePayload } from '../template';
import { readFolder } from './template';

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

  it('carries an imported template in the file, and runs it as `sim template` does', () => {
    const folder = resolve(root, 'src/cli/fixtures/orders-template');
    const files = readFolder(folder);
    const { imported, pattern } = templatePattern(files, { name: 'orders-template' });
    const info = { file: imported.file, resources: imported.resources, notes: imported.arch.notes };
    const linked = {
      ...pattern,
      linkParams: { template: encodeLinkJson(templatePayload(pattern, info)) },
    };
    const scenario = scenarioOf({
      pattern: linked,
      params: { ...defaultParams(pattern), StartShippingOrdersPoll_batchSize: 2 },
      seed: 3,
      speed: 1,
      timeMs: 30_000,
    });
    // Readable JSON in the file, not the link's compressed text.
    expect(scenario.imported?.template).toMatchObject({ v: 1, info: { file: 'template.yaml' } });
    // It reads back against no built-in pattern at all: the file brings its own.
    const text = scenarioText(scenario);
    const imports = scenarioImports(text);
    expect('linkParams' in imports && imports.linkParams.template).toBeTruthy();
    const file = write('template.json', text);
    const fromFile = sim('--scenario', file, '--json');
    expect(fromFile.stderr).toBe('');
    const fromTemplate = sim(
      'template',
      folder,
      '--set',
      'StartShippingOrdersPoll_batchSize=2',
      '--seed',
      '3',
      '--duration',
      '30',
      '--json',
    );
    const {
      template: _t,
      resources: _r,
      ...run
    } = JSON.parse(fromTemplate.stdout) as Record<string, unknown>;
    expect(JSON.parse(fromFile.stdout)).toEqual(run);
  }, 120_000);

  it('carries an imported workflow in place of the pattern’s own', () => {
    const definition = JSON.parse(
      readFileSync(resolve(root, 'src/cli/fixtures/payment.asl.json'), 'utf8'),
    ) as Parameters<typeof importedPattern>[0]['definition'];
    const pattern = importedPattern({ definition });
    const scenario = scenarioOf({
      pattern,
      params: defaultParams(pattern),
      seed: 2,
      speed: 1,
      timeMs: 20_000,
    });
    expect(scenario.imported?.asl).toMatchObject({ definition });
    const r = sim('--scenario', write('asl.json', scenarioText(scenario)), '--json');
    expect(r.stderr).toBe('');
    const nodes = (JSON.parse(r.stdout) as { nodes: Record<string, { states?: object }> }).nodes;
    const states = Object.values(nodes).find((n) => n.states)?.states ?? {};
    // The run's state machine is the imported one: its states, not the pattern's own.
    expect(Object.keys(states).sort()).toEqual(Object.keys(definition.States).sort());
  }, 120_000);

  it('names a bad imported field, and nothing runs', () => {
    const bad = write('badImport.json', {
      format: 'aws-integration-pattern-scenario',
      version: 1,
      pattern: 'template-x',
      imported: { template: { v: 9 }, yaml: {} },
    });
    const r = sim('--scenario', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Field "imported.yaml": only "template" and "asl" can be imported.');
    const bad2 = write('badImport2.json', {
      format: 'aws-integration-pattern-scenario',
      version: 1,
      pattern: 'template-x',
      imported: { template: { v: 9 } },
    });
    expect(sim('--scenario', bad2).stderr).toContain(
      'Field "imported.template": it is from another version of the app.',
    );
    expect('errors' in parseScenario('{"format":"x"}', [])).toBe(true);
  }, 120_000);
});
