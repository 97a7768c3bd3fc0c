import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const ORDERS = 'src/cli/fixtures/orders-template';
const BROKEN = 'src/cli/fixtures/broken-template';

/** Runs `npm run sim -- template ...args` the way a user does (through tsx). */
function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/sim.ts', 'template', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run sim -- template', () => {
  it('runs a template folder (state machine from DefinitionUri) and lists its resources in JSON', () => {
    const r = sim(ORDERS, '--duration', '20', '--seed', '4', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pattern: string;
      template: string;
      resources: { simulated: string[]; notSimulated: unknown[]; unresolved: unknown[] };
      nodes: Record<string, Record<string, number>>;
      params: Record<string, unknown>;
    };
    expect(out.pattern).toBe('template-orders-template');
    expect(out.template).toBe('template.yaml');
    expect(out.resources.notSimulated).toEqual([]);
    expect(out.resources.unresolved).toEqual([]);
    expect(out.resources.simulated).toEqual(
      expect.arrayContaining(['OrdersQueue', 'ShippingMachine', 'ServerlessHttpApi']),
    );
    // The state machine's Tasks reach Pack and Ship through the substituted ARNs.
    expect(out.nodes.Pack?.invocations).toBeGreaterThan(20);
    expect(out.nodes.Ship?.invocations).toBeGreaterThan(20);
    expect(out.params.StartShippingOrdersPoll_batchSize).toBe(5);
  }, 60_000);

  it('--set changes a template setting: one message per batch means one batch per message', () => {
    const r = sim(
      ORDERS,
      '--duration',
      '20',
      '--json',
      '--set',
      'StartShippingOrdersPoll_batchSize=1',
      '--set',
      'ServerlessHttpApiClients1_rate=40',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { nodes: Record<string, Record<string, number>> };
    const s = out.nodes.StartShipping ?? {};
    expect(s.batches).toBe(s.invocations);
    expect(s.invocations).toBeGreaterThan(500);
  }, 60_000);

  it('refuses a broken template with its line, exit status 2', () => {
    const r = sim(BROKEN);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/template\.yaml:\d+:\d+: /);
  }, 60_000);

  it('--check prints each template and the totals; --json gives the same as data', () => {
    const text = sim('--check', ORDERS, BROKEN, '--duration', '5');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/✓ full {5}src\/cli\/fixtures\/orders-template/);
    expect(text.stdout).toMatch(
      /✗ refused {2}src\/cli\/fixtures\/broken-template: template\.yaml:\d+/,
    );
    expect(text.stdout).toMatch(
      /2 templates: 1 simulated in full \(50\.0%\), 0 in part \(0\.0%\), 1 refused/,
    );
    const json = JSON.parse(sim('--check', ORDERS, BROKEN, '--json', '--duration', '5').stdout) as {
      totals: Record<string, number>;
      templates: { status: string; line?: number }[];
    };
    expect(json.totals).toMatchObject({
      templates: 2,
      full: 1,
      partial: 0,
      refused: 1,
      unbalanced: 0,
    });
    expect(json.templates[1]?.line).toBeGreaterThan(0);
  }, 60_000);

  it('an unknown parameter is refused with its name', () => {
    const r = sim(ORDERS, '--set', 'nope=1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope');
  }, 60_000);
});
