import type { StatCheck, TourStat, WhatToTry } from '../kit';
import { defaultParams } from './params';
import { createRun, type ScenarioRun } from './runtime';
import type { ParamValues, Pattern } from './types';

/**
 * A pattern's tour: its "what to try" steps played one after another. Each step sets its
 * parameters (live, or by a rebuild from t = 0 when one of them rewires the graph), runs until
 * its moment (`until`) and pauses there with its text. This module runs a tour headless (the
 * tests check each step's claims, `expect`, at its moment; the app replays it to go back a
 * step); the app plays the same steps animated.
 */

/** Speed a tour step plays at when it does not say. */
export const TOUR_SPEED = 10;
/** How often (simulated ms) a headless tour looks at its conditions. */
export const TOUR_SLICE_MS = 100;

/** One number of a run, as a tour step names it (0 for a node that is not part of the run). */
export function readTourStat(run: ScenarioRun, stat: TourStat): number {
  if ('node' in stat) return run.nodeStats()[stat.node]?.[stat.stat] ?? 0;
  if ('edge' in stat) return run.built.edgeStats()[stat.edge]?.[stat.stat] ?? 0;
  if ('flow' in stat) {
    const flow = run.built.flows[stat.flow];
    return flow && flow.total.count > 0 ? flow.total.percentile(stat.percentile) : 0;
  }
  const ledger = run.world.ledger.summary();
  const total = stat.ledger;
  if (total === 'dropped' || total === 'lost') {
    const all = Object.values(ledger.dropped).reduce((a, b) => a + (b ?? 0), 0);
    return total === 'lost' ? all - (ledger.dropped.filteredOut ?? 0) : all;
  }
  return ledger[total];
}

/** Whether a check holds for `value`, given the value when the step began. */
export function checkHolds(check: StatCheck, value: number, start: number): boolean {
  if (check.above !== undefined && !(value > check.above)) return false;
  if (check.below !== undefined && !(value < check.below)) return false;
  if (check.rose && !(value > start)) return false;
  if (check.fell && !(value < start)) return false;
  if (check.steady && value !== start) return false;
  return true;
}

/** A tour step under way: where it began, and its numbers then (for `rose` and `fell`). */
export interface TourStepStart {
  startMs: number;
  /** The value of each `until.when` check's stat at the start, in order. */
  whenStart: number[];
  /** The value of each `expect` check's stat at the start, in order. */
  expectStart: number[];
}

/** Notes where a step begins, on the run it will play. */
export function startTourStep(step: WhatToTry, run: ScenarioRun): TourStepStart {
  const when = step.until && 'when' in step.until ? step.until.when : [];
  return {
    startMs: run.now,
    whenStart: when.map((c) => readTourStat(run, c.stat)),
    expectStart: (step.expect ?? []).map((c) => readTourStat(run, c.stat)),
  };
}

/** The simulated ms a step may run before it stops anyway. */
export function tourStepLimitMs(step: WhatToTry): number {
  const until = step.until;
  if (!until) return 10_000;
  return ('afterS' in until ? until.afterS : until.withinS) * 1000;
}

/** Whether a step has reached its moment (its condition holds, or its time is up). */
export function tourMomentReached(
  step: WhatToTry,
  run: ScenarioRun,
  start: TourStepStart,
): boolean {
  const until = step.until;
  if (run.now - start.startMs >= tourStepLimitMs(step)) return true;
  if (!until || 'afterS' in until) return false;
  return until.when.every((c, i) =>
    checkHolds(c, readTourStat(run, c.stat), start.whenStart[i] ?? 0),
  );
}

/** How one step of a headless tour went. */
export interface TourStop {
  /** Simulated time at the pause, ms. */
  atMs: number;
  /** Whether a `when` condition held (false: its time ran out first). */
  conditionMet: boolean;
  /** Each `expect` check with the value seen and whether it held. */
  checks: { check: StatCheck; value: number; start: number; holds: boolean }[];
}

/** Makes a run with some parameters (the app's has hops and its sampler settings). */
export type RunFactory = (params: ParamValues) => ScenarioRun;

/**
 * Plays the first `steps` steps of a pattern's tour headless from t = 0 with the default
 * parameters (and `seed`): the run at the last step's moment and how each step went.
 */
export function runTour(
  pattern: Pattern,
  seed: number,
  steps = pattern.explanation.whatToTry.length,
  create: RunFactory = (params) => createRun(pattern, params, { seed }),
): { run: ScenarioRun; params: ParamValues; stops: TourStop[] } {
  let params = defaultParams(pattern);
  let run = create(params);
  const stops: TourStop[] = [];
  for (const step of pattern.explanation.whatToTry.slice(0, steps)) {
    params = { ...params, ...step.set };
    if (!run.update(params)) run = create(params);
    const start = startTourStep(step, run);
    const limit = start.startMs + tourStepLimitMs(step);
    // Long steps (hours of retries) are looked at in coarser slices: at most 2,000 looks.
    const slice = Math.max(TOUR_SLICE_MS, tourStepLimitMs(step) / 2000);
    let met = false;
    while (run.now < limit) {
      run.advanceTo(Math.min(limit, run.now + slice));
      if (step.until && 'when' in step.until && tourMomentReached(step, run, start)) {
        met =
          run.now < limit ||
          step.until.when.every((c, i) =>
            checkHolds(c, readTourStat(run, c.stat), start.whenStart[i] ?? 0),
          );
        break;
      }
      if (run.world.sim.pending === 0) break;
    }
    stops.push({
      atMs: run.now,
      conditionMet: met,
      checks: (step.expect ?? []).map((check, i) => {
        const value = readTourStat(run, check.stat);
        const before = start.expectStart[i] ?? 0;
        return { check, value, start: before, holds: checkHolds(check, value, before) };
      }),
    });
  }
  return { run, params, stops };
}
