/**
 * Two simulators under one clock: the compare view's state. Each side is an ordinary
 * {@link Simulator} (so the diagram, badges and dots work unchanged), but its frames come from the
 * comparison, not from its own requestAnimationFrame loop: every frame both sides are asked to
 * reach the same simulated time, from the same seed. Play, pause, reset, speed and seed are
 * shared; a side's own settings can change, and then both start again from t = 0. When one side cannot keep up, the other waits for it: neither runs more than one frame
 * ahead, and a paused comparison shows both at the same time.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { compareTable, type CompareRow, type ParamValues, type Pattern } from '../patterns';
import { sameValues } from './compareUrl';
import { createSimulator, MAX_SPEED, MIN_SPEED, type Simulator } from './createSimulator';
import type { PlaybackStatus } from './playbackMachine';
import { createTicker, wallNow, type FrameListener, type Ticker } from './ticker';

/** Longest wall gap one frame may cover, as for one simulator. */
const MAX_FRAME_GAP_MS = 100;
/** How often the table is recomputed while playing (wall ms). */
const TABLE_INTERVAL_MS = 250;

/** One side: a pattern, its settings and edited rules. */
export interface ComparisonSideOptions {
  pattern: Pattern;
  params: ParamValues;
  rules?: Record<string, Record<string, unknown>>;
}

/** Options for {@link createComparison}. */
export interface ComparisonOptions {
  a: ComparisonSideOptions;
  b: ComparisonSideOptions;
  seed: number;
  speed?: number;
  /** The frame clock driving both sides (tests inject a manual one). */
  ticker?: Ticker;
  /** Wall-clock reader for the sides' work budgets (tests inject a fake one). */
  wallClock?: () => number;
}

/** What the compare view reads besides each side's own store. */
export interface ComparisonState {
  /** Both sides' playback: running while either runs, finished when both are. */
  status: PlaybackStatus;
  speed: number;
  seed: number;
  /** The figures of both sides at their current simulated times (see `compareTable`). */
  table: CompareRow[];
  /** Each side's simulated time when the table was computed (equal unless one lags). */
  timeMs: { a: number; b: number };
  /**
   * Simulated ms per wall ms both sides actually reach together while playing (the slower side's
   * pace); 0 until measured.
   */
  pace: number;
  /** True while that pace stays clearly below the speed asked. */
  behind: boolean;
}

/** Two simulators driven together; see the module's comment. */
export interface Comparison {
  readonly a: Simulator;
  readonly b: Simulator;
  readonly store: StoreApi<ComparisonState>;
  play(): void;
  pause(): void;
  toggle(): void;
  reset(): void;
  setSpeed(speed: number): void;
  setSeed(seed: number): void;
  /** Recomputes the table now (the view does it on its own while playing). */
  refreshTable(): void;
  dispose(): void;
}

/** A ticker whose frames are given to it: the comparison passes on its own frames. */
interface DrivenTicker extends Ticker {
  drive(wallNowMs: number, wallDeltaMs: number): void;
}

function createDrivenTicker(fps: () => number): DrivenTicker {
  const listeners = new Set<FrameListener>();
  return {
    onFrame(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    fps,
    dispose: () => listeners.clear(),
    drive(now, delta) {
      for (const listener of [...listeners]) listener(now, delta);
    },
  };
}

function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;
}

/** Creates a comparison; nothing runs until `play()`. */
export function createComparison(options: ComparisonOptions): Comparison {
  const master = options.ticker ?? createTicker();
  const speed = clampSpeed(options.speed ?? 1);
  const tickers = {
    a: createDrivenTicker(() => master.fps()),
    b: createDrivenTicker(() => master.fps()),
  };
  const side = (key: 'a' | 'b'): Simulator =>
    createSimulator({
      pattern: options[key].pattern,
      params: options[key].params,
      seed: options.seed,
      speed,
      ticker: tickers[key],
      ...(options[key].rules ? { rules: options[key].rules } : {}),
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    });
  const a = side('a');
  const b = side('b');
  const sides = [
    { sim: a, ticker: tickers.a },
    { sim: b, ticker: tickers.b },
  ];

  const compute = (): Pick<ComparisonState, 'table' | 'timeMs'> => ({
    table: compareTable(
      { summary: a.run.summary(), pattern: a.store.getState().pattern },
      { summary: b.run.summary(), pattern: b.store.getState().pattern },
    ),
    timeMs: { a: a.run.now, b: b.run.now },
  });
  const store = createStore<ComparisonState>()(() => ({
    status: 'idle',
    speed,
    seed: options.seed,
    pace: 0,
    behind: false,
    ...compute(),
  }));
  const refreshTable = () => store.setState(compute());

  let lastTable = -Infinity;
  let pace = 0;
  /**
   * One frame: while playing, both sides are asked to reach the same simulated time (a side that
   * has finished no longer holds the other back); paused, the frame still reaches the sides'
   * dot layers, which redraw when the reader pans or zooms.
   */
  const frame: FrameListener = (now, delta) => {
    if (store.getState().status !== 'running') {
      for (const { ticker } of sides) ticker.drive(now, 0);
      return;
    }
    const dt = Math.min(Math.max(delta, 0), MAX_FRAME_GAP_MS);
    const { speed: s } = store.getState();
    const live = sides.filter(({ sim }) => sim.store.getState().status !== 'finished');
    // The side behind goes first; the other then goes only as far as it got, so when one side
    // runs out of its frame budget the two stay level instead of one running ahead.
    const order = [...sides].sort((x, y) => x.sim.run.now - y.sim.run.now);
    const level = () => Math.min(...live.map(({ sim }) => sim.run.now));
    const before = level();
    let goal = before + dt * s;
    for (const { sim, ticker } of order) {
      ticker.drive(now, Math.max(0, (goal - sim.run.now) / s));
      if (live.some((x) => x.sim === sim)) goal = Math.min(goal, sim.run.now);
    }
    if (dt > 0)
      pace = pace === 0 ? (level() - before) / dt : 0.9 * pace + 0.1 * ((level() - before) / dt);
    const wall = (options.wallClock ?? wallNow)();
    if (wall - lastTable >= TABLE_INTERVAL_MS) {
      lastTable = wall;
      store.setState({ pace, behind: pace < 0.8 * s });
      refreshTable();
    }
  };
  const unlisten = master.onFrame(frame);

  // The shared status follows the sides': running while either runs.
  const sync = (): void => {
    const statuses = [a.store.getState().status, b.store.getState().status];
    const status: PlaybackStatus = statuses.includes('running')
      ? 'running'
      : statuses.every((x) => x === 'finished')
        ? 'finished'
        : statuses.every((x) => x === 'idle')
          ? 'idle'
          : 'paused';
    if (status !== store.getState().status) {
      store.setState({ status });
      refreshTable();
    }
  };
  const both = (fn: (sim: Simulator) => void) => {
    fn(a);
    fn(b);
  };
  // A side's settings changed (its own panel, or Reset all): both start again from t = 0 on the
  // same seed, so the table keeps comparing the two designs over the same arrivals from the start,
  // and playing goes on if it was.
  const restartBoth = (): void => {
    const wasRunning = store.getState().status === 'running';
    both((sim) => sim.reset());
    if (wasRunning) both((sim) => sim.play());
    refreshTable();
  };
  const onSettings = (sim: Simulator) =>
    sim.store.subscribe((state, prev) => {
      if (!sameValues(state.params, prev.params) || !sameValues(state.rules, prev.rules))
        restartBoth();
    });
  const unsubscribe = [
    a.store.subscribe(sync),
    b.store.subscribe(sync),
    onSettings(a),
    onSettings(b),
  ];

  return {
    a,
    b,
    store,
    play: () => both((sim) => sim.play()),
    pause: () => {
      both((sim) => sim.pause());
      // A side may have run one frame ahead of the other: bring the other level before showing.
      const level = Math.max(a.run.now, b.run.now);
      for (const sim of [a, b]) if (sim.run.now < level) sim.run.advanceTo(level);
      both((sim) => sim.publishNow());
      refreshTable();
    },
    toggle() {
      if (store.getState().status === 'running') this.pause();
      else this.play();
    },
    reset: () => {
      both((sim) => sim.reset());
      refreshTable();
    },
    setSpeed: (value) => {
      const s = clampSpeed(value);
      both((sim) => sim.setSpeed(s));
      pace = 0;
      store.setState({ speed: s, pace: 0, behind: false });
    },
    setSeed: (seed) => {
      both((sim) => sim.setSeed(seed));
      store.setState({ seed });
      refreshTable();
    },
    refreshTable,
    dispose: () => {
      unlisten();
      for (const u of unsubscribe) u();
      both((sim) => sim.dispose());
      master.dispose();
    },
  };
}
