/**
 * The tests every pattern gets for free, run over the registry: a new pattern that lacks any of
 * these (a valid definition, its handlers, series that exist, determinism, a ledger that drains, a
 * golden run) fails the suite; src/cli/listing.test.ts checks each has its place in the CLI's listing.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionOf, hasModel, holds, kindModule } from '../kit';
import { createRun, defaultParams, patterns } from './index';

const BUDGET = 60_000;

describe.each(patterns.map((p) => [p.id, p] as const))('pattern %s', (_id, pattern) => {
  const definition = definitionOf(pattern);

  it('is data: valid against the schema, with every reference resolved', () => {
    expect(checkDefinition(definition)).toEqual([]);
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });

  it('names only handlers it has, and only kinds with a model', () => {
    for (const node of pattern.nodes) {
      expect(hasModel(node.kind), `${node.id}: kind ${node.kind}`).toBe(true);
      if (node.handler) expect(pattern.handlers[node.handler], node.id).toBeTypeOf('function');
    }
  });

  it(
    'reports the stats its kinds declare, and every chart series reads a stat that exists',
    () => {
      const params = defaultParams(pattern);
      const run = createRun(pattern, params, { seed: 1, recordHops: true });
      run.advanceTo(60_000);
      const stats = run.nodeStats();
      for (const node of pattern.nodes) {
        if (!holds(node.visibleWhen, params)) continue;
        const declared = kindModule(node.kind).statKeys;
        for (const key of Object.keys(stats[node.id] ?? {}))
          expect(declared, `${node.id}.${key} is not declared by ${node.kind}`).toContain(key);
      }
      for (const chart of pattern.charts)
        for (const series of chart.series) {
          const src = series.source;
          if (!('node' in src)) continue;
          const node = pattern.nodes.find((n) => n.id === src.node);
          expect(node, series.id).toBeDefined();
          expect(kindModule(node!.kind).statKeys, `${series.id} reads ${src.stat}`).toContain(
            src.stat,
          );
          if (holds(node!.visibleWhen, params) && holds(chart.visibleWhen, params))
            expect(stats[src.node], `${series.id}: ${src.node} reports ${src.stat}`).toHaveProperty(
              src.stat,
            );
        }
      // Every hop names an edge of the pattern.
      const edges = new Set(pattern.edges.map((e) => e.id));
      const hops = run.drainHops();
      expect(hops.length).toBeGreaterThan(0);
      for (const hop of hops) expect(edges.has(hop.edgeId), hop.edgeId).toBe(true);
    },
    BUDGET,
  );

  it(
    'is deterministic: same seed, same run; another seed, another run',
    () => {
      const params = defaultParams(pattern);
      const a = createRun(pattern, params, { seed: 7 });
      const b = createRun(pattern, params, { seed: 7 });
      const c = createRun(pattern, params, { seed: 8 });
      for (const r of [a, b, c]) r.advanceTo(60_000);
      expect(a.world.sim.fingerprint()).toBe(b.world.sim.fingerprint());
      expect(a.summary()).toEqual(b.summary());
      expect(c.world.sim.fingerprint()).not.toBe(a.world.sim.fingerprint());
    },
    BUDGET,
  );

  it(
    'drains: once traffic stops, every message reaches a fate (counted one by one)',
    () => {
      const run = createRun(pattern, defaultParams(pattern), { seed: 3 });
      run.advanceTo(60_000);
      expect(run.world.ledger.summary().created).toBeGreaterThan(0);
      run.built.stopTraffic();
      // Long enough for retries, visibility timeouts and redrives to play out.
      for (let t = 60_000; t <= 6 * 3_600_000; t += 60_000) {
        run.advanceTo(t);
        if (run.world.ledger.countInSystem() === 0) break;
      }
      expect(run.world.ledger.countInSystem()).toBe(0);
      expect(run.world.ledger.summary().inSystem).toBe(0);
    },
    BUDGET,
  );

  it(
    'matches its golden run (defaults, seed 42, 120 s)',
    async () => {
      const run = createRun(pattern, defaultParams(pattern), { seed: 42 });
      run.advanceTo(120_000);
      await expect(JSON.stringify(run.summary(), null, 2) + '\n').toMatchFileSnapshot(
        `../../test/golden/defaults/${pattern.id}.json`,
      );
    },
    BUDGET,
  );
});
