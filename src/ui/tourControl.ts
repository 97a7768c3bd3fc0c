import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  createRun,
  defaultParams,
  runTour,
  startTourStep,
  tourMomentReached,
  TOUR_SPEED,
} from '../patterns';
import { SAMPLE_CAPACITY, SAMPLE_INTERVAL_MS, type Simulator } from '../state';

/** Where a tour is: its pattern, the step shown, and whether it is still on its way there. */
export interface TourState {
  patternId: string;
  /** Index into the pattern's `whatToTry`. */
  step: number;
  /** `playing`: running to the step's moment; `paused`: there, with the step's words. */
  phase: 'playing' | 'paused';
}

const stores = new WeakMap<Simulator, StoreApi<TourState | null>>();

function storeOf(sim: Simulator): StoreApi<TourState | null> {
  let store = stores.get(sim);
  if (!store) stores.set(sim, (store = createStore<TourState | null>()(() => null)));
  return store;
}

/** The tour of this simulator's pattern, or null when none is under way. */
export function useTour(sim: Simulator): TourState | null {
  const tour = useStore(storeOf(sim));
  const patternId = useStore(sim.store, (s) => s.pattern.id);
  return tour && tour.patternId === patternId ? tour : null;
}

/** Plays step `index`: sets its parameters and speed, plays until its moment, pauses there. */
function play(sim: Simulator, index: number): void {
  const pattern = sim.store.getState().pattern;
  const step = pattern.explanation.whatToTry[index];
  if (!step) return;
  if (step.set) sim.setParams(step.set);
  sim.setSpeed(step.speed ?? TOUR_SPEED);
  const start = startTourStep(step, sim.run);
  const store = storeOf(sim);
  store.setState({ patternId: pattern.id, step: index, phase: 'playing' }, true);
  sim.playUntil(
    (run) => tourMomentReached(step, run, start),
    () => store.setState({ patternId: pattern.id, step: index, phase: 'paused' }, true),
  );
}

/** Starts the tour from t = 0 with the pattern's default parameters. */
export function startTour(sim: Simulator): void {
  sim.playUntil(null);
  sim.setParams(defaultParams(sim.store.getState().pattern));
  sim.reset();
  play(sim, 0);
}

/** Goes on to the next step (ends the tour after the last). */
export function nextTourStep(sim: Simulator): void {
  const tour = storeOf(sim).getState();
  if (!tour) return;
  const steps = sim.store.getState().pattern.explanation.whatToTry.length;
  if (tour.step + 1 >= steps) exitTour(sim);
  else play(sim, tour.step + 1);
}

/**
 * Goes back to the previous step's moment: the run is replayed headless from t = 0 through the
 * steps before it (the simulation is deterministic), then shown paused there.
 */
export function previousTourStep(sim: Simulator): void {
  const tour = storeOf(sim).getState();
  if (!tour) return;
  if (tour.step === 0) {
    startTour(sim);
    return;
  }
  sim.playUntil(null);
  sim.pause();
  const { pattern, seed, rules } = sim.store.getState();
  const target = tour.step - 1;
  const { run } = runTour(pattern, seed, target + 1, (params) =>
    createRun(pattern, params, {
      seed,
      rules,
      recordHops: true,
      sampleIntervalMs: SAMPLE_INTERVAL_MS,
      sampleCapacity: SAMPLE_CAPACITY,
    }),
  );
  sim.adoptRun(run);
  sim.setSpeed(pattern.explanation.whatToTry[target]?.speed ?? TOUR_SPEED);
  storeOf(sim).setState({ patternId: pattern.id, step: target, phase: 'paused' }, true);
}

/** Leaves the tour; the run stays where it is. */
export function exitTour(sim: Simulator): void {
  sim.playUntil(null);
  storeOf(sim).setState(null, true);
}
