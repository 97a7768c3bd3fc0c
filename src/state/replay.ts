import type { ParamValues, ScenarioRun } from '../patterns';

/** A moment of a run: how many events had run and the simulated clock (ms). */
export interface RunPosition {
  event: number;
  now: number;
}

/** A change made to a running run (a slider, an edited rule), and the moment it was made. */
export type JournalEntry = RunPosition &
  ({ params: ParamValues } | { rule: { edgeId: string; rule: Record<string, unknown> } });

/**
 * Brings a fresh run (same pattern, parameters, rules and seed as the one to rewind) to an
 * earlier moment: the simulation is deterministic, so running the same events again, with the
 * same live changes made at the same moments, gives the same state. Returns the run.
 */
export function replayTo(
  run: ScenarioRun,
  journal: readonly JournalEntry[],
  target: RunPosition,
): ScenarioRun {
  for (const entry of journal) {
    if (entry.event > target.event) break;
    advanceTo(run, entry);
    if ('params' in entry) run.update(entry.params);
    else run.built.setRule(entry.rule.edgeId, entry.rule.rule);
  }
  advanceTo(run, target);
  return run;
}

/** Runs events until `pos.event` have run, then moves the clock to `pos.now` if no event is due. */
export function advanceTo(run: ScenarioRun, pos: RunPosition): void {
  const sim = run.world.sim;
  const missing = pos.event - sim.eventsRun;
  if (missing > 0) sim.runUntil(Infinity, missing);
  // The frame loop had moved the clock past the last event; nothing is due before that time.
  if (pos.now > sim.now) sim.runUntil(pos.now, 0);
}
