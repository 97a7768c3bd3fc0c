/**
 * Headless throughput of every pattern in the registry: simulated messages and events per wall
 * second with the defaults at a heavier rate, and the ratio of its events per second to the bare
 * binary-heap loop measured in the same run (how much the models and the kit cost per event).
 */
import {
  createRun,
  defaultParams,
  patterns,
  type ParamValues,
  type Pattern,
} from '../src/patterns';
import { benchReference } from './engine';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Simulated time per run: long enough to reach a steady state, short enough for a bench. */
const SIM_MS = 600_000;

/** A busier load than the defaults, for patterns with a rate parameter a slider sets. */
function busy(pattern: Pattern): ParamValues {
  const params = defaultParams(pattern);
  for (const spec of pattern.params) {
    if (spec.kind === 'number' && spec.unit === 'msg/s' && spec.id !== 'rampFromRate')
      params[spec.id] = Math.min(spec.max, 200);
    if (spec.id === 'salesConcurrency' && spec.kind === 'number') params[spec.id] = 50;
  }
  return params;
}

/** One line per pattern. */
export function benchPatterns(): string[] {
  benchReference(); // JIT warm-up
  const reference = benchReference();
  const lines = [`bare loop in this run: ${fmt(reference.eventsPerS)} events/s`];
  for (const pattern of patterns) {
    const params = busy(pattern);
    createRun(pattern, params, { seed: 1 }).advanceTo(60_000); // warm-up
    const run = createRun(pattern, params, { seed: 1 });
    const t0 = performance.now();
    run.advanceTo(SIM_MS);
    const seconds = (performance.now() - t0) / 1000;
    const ledger = run.world.ledger.summary();
    const events = run.world.sim.eventsRun;
    const eventsPerS = events / seconds;
    lines.push(
      `${pattern.id}: ${fmt(ledger.created / seconds)} messages/s, ${fmt(eventsPerS)} events/s (${(eventsPerS / reference.eventsPerS).toFixed(2)} of the bare loop; ${fmt(ledger.created)} messages, ${fmt(events)} events, ${SIM_MS / 1000} s simulated in ${seconds.toFixed(2)} s)`,
    );
  }
  return lines;
}
