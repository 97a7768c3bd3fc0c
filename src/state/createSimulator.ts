import { createActor, fromCallback, type Actor } from 'xstate';
import {
  createRun,
  defaultParams,
  type ParamValues,
  type Pattern,
  type ScenarioRun,
} from '../patterns';
import { Bridge, type PlaybackPerf } from './bridge';
import type { ChartHistory } from './chartHistory';
import { HopBuffer } from './hopBuffer';
import { playbackMachine, type PlaybackEvent, type PlaybackStatus } from './playbackMachine';
import { createSimStore, emptySnapshot, type SimStore } from './simStore';
import { createTicker, wallNow, type Ticker } from './ticker';

/** Slowest and fastest playback. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;
/** A run stops after a simulated day (the charts show all of it, downsampled). */
export const MAX_SIM_MS = 24 * 60 * 60 * 1000;
/** The sampler keeps an hour at one sample per second; the chart history keeps the whole run. */
export const SAMPLE_INTERVAL_MS = 1000;
export const SAMPLE_CAPACITY = 3600;
/** Wall ms of simulation work allowed per frame, so the page stays responsive. */
const FRAME_WORK_MS = 8;
/** Longest wall gap one frame may cover (a background tab must not jump hours ahead). */
const MAX_FRAME_GAP_MS = 100;
/** A dot stays on screen at least this long (wall ms), or fast hops would be invisible at speed. */
export const MIN_DOT_WALL_MS = 600;

/** Options for {@link createSimulator}. */
export interface SimulatorOptions {
  pattern: Pattern;
  params?: ParamValues;
  seed: number;
  speed?: number;
  /** The frame clock (tests inject a manual one; the default is requestAnimationFrame). */
  ticker?: Ticker;
  /** Wall-clock reader used to measure the work per frame (tests inject a fake one). */
  wallClock?: () => number;
  /** Rules the user edited (from a shared link), by edge id. */
  rules?: Record<string, Record<string, unknown>>;
}

/**
 * One simulator instance: a run, its store, its playback machine, its frame clock and its dot
 * buffer. The app creates one per diagram and gives it to components by context.
 */
export interface Simulator {
  readonly store: SimStore;
  readonly ticker: Ticker;
  readonly hops: HopBuffer;
  /** The current run (replaced when parameters, seed or pattern change). */
  readonly run: ScenarioRun;
  /** The current run's whole history for the charts, updated at every publish. */
  readonly history: ChartHistory;
  /** Simulated ms a dot stays visible at least, for the current speed. */
  minDotDurationMs(): number;
  send(event: PlaybackEvent): void;
  play(): void;
  pause(): void;
  toggle(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: number): void;
  /**
   * Changes some parameters: live when the pattern allows it, otherwise the run restarts from
   * t=0 (still playing if it was).
   */
  setParams(changes: ParamValues): void;
  setSeed(seed: number): void;
  /**
   * Runs the simulation on to `timeMs` at once, without animating the way there, and shows that
   * moment (an embed's start time). Does nothing for a time already passed.
   */
  skipTo(timeMs: number): void;
  /**
   * Replaces the rule an edge applies (a filter policy, an event pattern), live. Returns AWS's
   * error text for an invalid rule, which changes nothing; undefined when applied.
   */
  setRule(edgeId: string, rule: Record<string, unknown>): string | undefined;
  /** Goes back to the definition's rule for an edge (rebuilds the run from t = 0). */
  resetRule(edgeId: string): void;
  setPattern(pattern: Pattern, params?: ParamValues): void;
  selectNode(nodeId: string | null): void;
  dispose(): void;
}

function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** Creates a simulator; nothing runs until `play()` or `step()`. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const store = createSimStore({
    pattern: options.pattern,
    params: { ...defaultParams(options.pattern), ...options.params },
    seed: options.seed,
    speed: clampSpeed(options.speed ?? 1),
    ...(options.rules ? { rules: options.rules } : {}),
  });
  const ticker = options.ticker ?? createTicker();
  const clock = options.wallClock ?? wallNow;
  const hops = new HopBuffer();
  const bridge = new Bridge(store, hops);

  const newRun = (): ScenarioRun => {
    const { pattern, params, seed, rules } = store.getState();
    return createRun(pattern, params, {
      seed,
      rules,
      recordHops: true,
      sampleIntervalMs: SAMPLE_INTERVAL_MS,
      sampleCapacity: SAMPLE_CAPACITY,
    });
  };
  let run = newRun();

  // Frame-loop measurements: events per wall ms (to size the budget) and the speed achieved.
  const perf: PlaybackPerf = { effectiveSpeed: 0, behind: false };
  let eventsPerMs = 500;
  let behindScore = 0;

  const minDotDurationMs = (): number => {
    const { speed } = store.getState();
    const shown =
      perf.behind && perf.effectiveSpeed > 0 ? Math.min(speed, perf.effectiveSpeed) : speed;
    return MIN_DOT_WALL_MS * shown;
  };

  const isOver = (): boolean => run.world.sim.pending === 0 || run.now >= MAX_SIM_MS;

  /** One frame of playback; returns false when the run is over. */
  const frame = (wallMs: number, wallDeltaMs: number): boolean => {
    const dt = Math.min(Math.max(wallDeltaMs, 0), MAX_FRAME_GAP_MS);
    const { speed } = store.getState();
    const before = run.now;
    const target = Math.min(before + dt * speed, MAX_SIM_MS);
    const budget = Math.max(200, Math.round(eventsPerMs * FRAME_WORK_MS));
    const eventsBefore = run.world.sim.eventsRun;
    const started = clock();
    const reached = run.advanceTo(target, budget);
    const spent = clock() - started;
    const events = run.world.sim.eventsRun - eventsBefore;
    if (events >= 100 && spent > 0.2) eventsPerMs = 0.7 * eventsPerMs + 0.3 * (events / spent);

    behindScore = 0.85 * behindScore + 0.15 * (reached ? 0 : 1);
    perf.behind = behindScore > 0.5;
    const achieved = dt > 0 ? (run.now - before) / dt : speed;
    perf.effectiveSpeed =
      perf.effectiveSpeed === 0 ? achieved : 0.9 * perf.effectiveSpeed + 0.1 * achieved;
    if (!perf.behind && reached) perf.effectiveSpeed = speed;

    bridge.feedHops(run, minDotDurationMs());
    const over = isOver();
    bridge.maybePublish(run, perf, wallMs, over);
    return !over;
  };

  const rebuild = (): void => {
    run = newRun();
    hops.clear();
    bridge.reset();
    perf.behind = false;
    perf.effectiveSpeed = 0;
    behindScore = 0;
    store.setState((s) => ({ runVersion: s.runVersion + 1, live: emptySnapshot() }));
    bridge.publish(run, perf);
  };

  const machine = playbackMachine.provide({
    actors: {
      frameLoop: fromCallback<PlaybackEvent>(({ sendBack }) =>
        ticker.onFrame((now, delta) => {
          if (!frame(now, delta)) sendBack({ type: 'FINISH' });
        }),
      ),
    },
    actions: {
      stepOnce: () => {
        run.step();
        bridge.feedStep(run, minDotDurationMs());
        bridge.publish(run, perf);
      },
      rebuild,
    },
    guards: { isOver },
  });
  const actor: Actor<typeof machine> = createActor(machine);
  actor.subscribe((snapshot) => {
    const status = snapshot.value as PlaybackStatus;
    if (store.getState().status !== status) store.setState({ status });
  });
  actor.start();
  bridge.publish(run, perf);

  const send = (event: PlaybackEvent): void => actor.send(event);

  return {
    store,
    ticker,
    hops,
    get run() {
      return run;
    },
    get history() {
      return bridge.history;
    },
    minDotDurationMs,
    send,
    play: () => send({ type: 'PLAY' }),
    pause: () => send({ type: 'PAUSE' }),
    toggle: () => send({ type: 'TOGGLE' }),
    step: () => send({ type: 'STEP' }),
    reset: () => send({ type: 'RESET' }),
    setSpeed: (speed) => store.setState({ speed: clampSpeed(speed) }),
    setParams: (changes) => {
      const params = { ...store.getState().params, ...changes };
      store.setState({ params });
      // Most changes apply to the running simulation (a backlog can then be seen to drain);
      // structural ones (a switch that rewires the graph) rebuild the run from t=0.
      if (run.update(params)) bridge.publish(run, perf);
      else send({ type: 'RESTART' });
    },
    setSeed: (seed) => {
      store.setState({ seed });
      send({ type: 'RESTART' });
    },
    skipTo: (timeMs) => {
      const target = Math.min(Math.max(0, timeMs), MAX_SIM_MS);
      // A simulated second at a time, dropping the hops on the way (nobody watched them move).
      for (let t = run.now; t < target && !isOver();) {
        t = Math.min(target, t + 1000);
        run.advanceTo(t);
        run.drainHops();
      }
      hops.clear();
      bridge.publish(run, perf);
    },
    setRule: (edgeId, rule) => {
      const problem = run.built.setRule(edgeId, rule);
      if (problem) return problem;
      // An EventBridge rule's pattern is one for all its targets: record every edge it changed.
      const changed = Object.entries(run.built.rules()).filter(([, r]) => r === rule);
      store.setState((s) => ({ rules: { ...s.rules, ...Object.fromEntries(changed) } }));
      bridge.publish(run, perf);
      return undefined;
    },
    resetRule: (edgeId) => {
      const rules = { ...store.getState().rules };
      delete rules[edgeId];
      store.setState({ rules });
      send({ type: 'RESTART' });
    },
    setPattern: (pattern, params) => {
      store.setState({
        pattern,
        params: { ...defaultParams(pattern), ...params },
        selectedNodeId: null,
        rules: {},
      });
      send({ type: 'RESTART' });
    },
    selectNode: (nodeId) => store.setState({ selectedNodeId: nodeId }),
    dispose: () => {
      actor.stop();
      ticker.dispose();
    },
  };
}
