import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionOf, kindModule } from '../kit';
import { patterns } from './index';
import { checkHolds, runTour } from './tour';

/**
 * Every pattern's tour, played headless: each step reaches its moment (its condition holds
 * before its time runs out) and what its text claims there (`expect`) is true of the run.
 */
describe.each(patterns.map((p) => [p.id, p] as const))('the tour of %s', (_id, pattern) => {
  const steps = pattern.explanation.whatToTry;

  it('has a moment and a claim checked at it for every step', () => {
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) {
      expect(step.until, step.text).toBeDefined();
      expect(step.expect?.length ?? 0, step.text).toBeGreaterThan(0);
    }
  });

  it('names stats its kinds report', () => {
    for (const step of steps) {
      const checks = [
        ...(step.until && 'when' in step.until ? step.until.when : []),
        ...(step.expect ?? []),
      ];
      for (const c of checks) {
        if (!('node' in c.stat)) continue;
        const { node: id, stat } = c.stat;
        const node = pattern.nodes.find((n) => n.id === id);
        expect(node, id).toBeDefined();
        expect(kindModule(node!.kind).statKeys, `${id}.${stat}`).toContain(stat);
      }
    }
  });

  it('plays headless to each moment, where each claim holds', () => {
    const { stops } = runTour(pattern, 1);
    expect(stops).toHaveLength(steps.length);
    stops.forEach((stop, i) => {
      const step = steps[i]!;
      if (step.until && 'when' in step.until)
        expect(stop.conditionMet, `step ${i + 1} reaches its moment: ${step.text}`).toBe(true);
      for (const c of stop.checks)
        expect(
          c.holds,
          `step ${i + 1}: ${JSON.stringify(c.check)} saw ${c.start} → ${c.value}`,
        ).toBe(true);
    });
  }, 120_000);
});

describe('tour checks', () => {
  it('compare with a value or with the value when the step began', () => {
    const stat = { ledger: 'created' } as const;
    expect(checkHolds({ stat, above: 3 }, 4, 0)).toBe(true);
    expect(checkHolds({ stat, above: 3 }, 3, 0)).toBe(false);
    expect(checkHolds({ stat, below: 3 }, 2, 9)).toBe(true);
    expect(checkHolds({ stat, rose: true }, 5, 5)).toBe(false);
    expect(checkHolds({ stat, fell: true }, 4, 5)).toBe(true);
    expect(checkHolds({ stat, steady: true }, 5, 5)).toBe(true);
    expect(checkHolds({ stat, steady: true }, 6, 5)).toBe(false);
  });

  it('fail a claim the run does not bear out', () => {
    const pattern = patterns.find((p) => p.id === 'message-decoupling-sqs')!;
    const wrong = {
      ...pattern,
      explanation: {
        ...pattern.explanation,
        whatToTry: [
          {
            text: 'A backlog that shrinks while payments arrive twice as fast as Sales works.',
            set: { paymentRate: 40 },
            until: { afterS: 20 },
            expect: [{ stat: { node: 'salesQueue', stat: 'visible' }, fell: true as const }],
          },
        ],
      },
    };
    expect(runTour(wrong, 1).stops[0]?.checks[0]?.holds).toBe(false);
  });

  it('replays the same way every time (going back a step is a replay)', () => {
    const pattern = patterns.find((p) => p.id === 'message-bus')!;
    const a = runTour(pattern, 3, 2).run.world.sim.fingerprint();
    const b = runTour(pattern, 3, 2).run.world.sim.fingerprint();
    expect(a).toBe(b);
  });

  it('are checked by the schema: what they name must exist', () => {
    const pattern = patterns.find((p) => p.id === 'message-decoupling-sqs')!;
    const broken = {
      ...pattern,
      explanation: {
        ...pattern.explanation,
        whatToTry: [
          {
            text: 'x',
            until: { when: [{ stat: { node: 'nowhere', stat: 'visible' }, above: 1 }], withinS: 5 },
            expect: [{ stat: { flow: 'nothing', percentile: 0.5 }, below: 1 }],
          },
        ],
      },
    };
    const paths = checkDefinition(definitionOf(broken)).map((p) => p.path);
    expect(paths).toContain('explanation.whatToTry[0].until.when[0].stat.node');
    expect(paths).toContain('explanation.whatToTry[0].expect[0].stat.flow');
  });
});
