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
import { Narrator } from './narrator';
import { replayTo, type JournalEntry, type RunPosition } from './replay';
import { playbackMachine, type PlaybackEvent, type PlaybackStatus } from './playbackMachine';
import { createSimStore, emptySnapshot, type LastStep, type SimStore } from './simStore';
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
/** Simulated ms advanced between two hop drains while seeking. */
const SEEK_SLICE_MS = 5000;
/** Narrated steps remembered for stepping back. */
const TRAIL_STEPS = 200;
/** How far back (in events) Step back looks for the previous visible event when none is remembered. */
const SCAN_BACK_EVENTS = 5_000;
/** Longer gaps than this are a hidden tab or a paused debugger, not a slow frame. */
const SLOW_FRAME_MS = 1000;
/**
 * A dot stays on screen at least this long (wall ms), or fast hops would be invisible at speed;
 * slower hops are stretched more (see shownArriveMs), so latency still shows as speed.
 */
export const MIN_DOT_WALL_MS = 350;

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
  /** Runs events up to the next one that changes something visible, and tells it in one sentence. */
  step(): void;
  /**
   * Pauses and runs single events until `stop()` is true (checked before each event) or
   * `maxEvents` ran or nothing is left; publishes once. Returns `stop()` (following one
   * workflow execution transition by transition: src/state/workflow.ts).
   */
  advanceUntil(stop: () => boolean, maxEvents?: number): boolean;
  /**
   * Goes back to the previous visible event (pausing if playing): the run is re-created from its
   * seed and replayed to that event, with the live changes made on the way at the same moments.
   * Returns false when there is nothing before.
   */
  stepBack(): boolean;
  /**
   * Plays until `reached(run)` holds after a frame, then pauses (a tour step waits for its
   * moment this way); `onReached` is called then. `null` stops waiting.
   */
  playUntil(reached: ((run: ScenarioRun) => boolean) | null, onReached?: () => void): void;
  /**
   * Replaces the run by one brought to its moment elsewhere (a tour's replay), paused there,
   * with the parameters it runs with.
   */
  adoptRun(run: ScenarioRun): void;
  reset(): void;
  setSpeed(speed: number): void;
  /**
   * Changes some parameters: live when the pattern allows it, otherwise the run restarts from
   * t=0 (still playing if it was).
   */
  setParams(changes: ParamValues): void;
  setSeed(seed: number): void;
  /**
   * Shows the run at simulated time `timeMs`, paused: replays from the seed when that moment has
   * passed (the run is deterministic, so the numbers are the ones the same settings give there).
   */
  seek(timeMs: number): void;
  /**
   * Replaces the rule an edge applies (a filter policy, an event pattern), live. Returns AWS's
   * error text for an invalid rule, which changes nothing; undefined when applied.
   */
  setRule(edgeId: string, rule: Record<string, unknown>): string | undefined;
  /** Goes back to the definition's rule for an edge (rebuilds the run from t = 0). */
  resetRule(edgeId: string): void;
  setPattern(pattern: Pattern, params?: ParamValues): void;
  selectNode(nodeId: string | null): void;
  /** Publishes the run's live numbers to the store now (after the run was advanced directly). */
  publishNow(): void;
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

  /** What the current run was created with, and what changed since: enough to replay it. */
  let base = { params: store.getState().params, rules: store.getState().rules };
  let journal: JournalEntry[] = [];
  /** The narrated steps of this run, most recent last, for Step back. */
  let trail: { pos: RunPosition; step: LastStep }[] = [];
  const createWith = (params: ParamValues, rules: SimulatorOptions['rules']): ScenarioRun => {
    const { pattern, seed } = store.getState();
    return createRun(pattern, params, {
      seed,
      ...(rules ? { rules } : {}),
      recordHops: true,
      sampleIntervalMs: SAMPLE_INTERVAL_MS,
      sampleCapacity: SAMPLE_CAPACITY,
    });
  };
  const newRun = (): ScenarioRun => {
    const { params, rules } = store.getState();
    base = { params, rules };
    journal = [];
    trail = [];
    return createWith(params, rules);
  };
  const position = (r: ScenarioRun): RunPosition => ({ event: r.world.sim.eventsRun, now: r.now });
  let run = newRun();
  let until: ((run: ScenarioRun) => boolean) | null = null;
  let onUntil: (() => void) | undefined;

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
    const wall = Math.max(wallDeltaMs, 0);
    const dt = Math.min(wall, MAX_FRAME_GAP_MS);
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

    // Two things hold playback back: the event budget running out (`reached` false), and frames
    // slower than MAX_FRAME_GAP_MS, whose step is capped. A gap past SLOW_FRAME_MS is a hidden
    // tab or a paused debugger, not a slow frame: it is not held against the speed.
    const slowFrame = wall > MAX_FRAME_GAP_MS && wall <= SLOW_FRAME_MS;
    const limited = !reached || slowFrame;
    behindScore = 0.85 * behindScore + 0.15 * (limited ? 1 : 0);
    perf.behind = behindScore > 0.5;
    const measured = Math.min(wall, SLOW_FRAME_MS);
    const achieved = measured > 0 ? (run.now - before) / measured : speed;
    perf.effectiveSpeed =
      perf.effectiveSpeed === 0 ? achieved : 0.9 * perf.effectiveSpeed + 0.1 * achieved;
    if (!perf.behind && !limited) perf.effectiveSpeed = speed;

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
          else if (until?.(run)) {
            const reached = onUntil;
            until = null;
            onUntil = undefined;
            sendBack({ type: 'PAUSE' });
            reached?.();
          }
        }),
      ),
    },
    actions: {
      stepOnce: () => {
        const step = bridge.step(run, minDotDurationMs());
        trail.push({ pos: position(run), step });
        if (trail.length > TRAIL_STEPS) trail.shift();
        bridge.publish(run, perf);
      },
      rebuild,
    },
    guards: { isOver },
  });
  const actor: Actor<typeof machine> = createActor(machine);
  actor.subscribe((snapshot) => {
    const status = snapshot.value as PlaybackStatus;
    const was = store.getState().status;
    if (was === status) return;
    store.setState({ status });
    // Frames publish at most ten times a second: a pause shows the numbers of its moment.
    if (was === 'running' && status === 'paused') bridge.publish(run, perf);
  });
  actor.start();
  bridge.publish(run, perf);

  const send = (event: PlaybackEvent): void => actor.send(event);

  /** Shows `next` (brought to its moment) paused, in place of the current run. */
  const jump = (next: ScenarioRun, step: LastStep | null): void => {
    run = next;
    hops.clear();
    bridge.reset();
    bridge.feedHops(run, minDotDurationMs());
    bridge.restoreStep(step);
    store.setState((s) => ({
      params: { ...run.params },
      runVersion: s.runVersion + 1,
      live: emptySnapshot(),
    }));
    bridge.publish(run, perf);
    send({ type: 'JUMP' });
  };

  /**
   * The visible event before `here` when no step was remembered (the user played, then paused):
   * a replay of the last events finds the last one that moved a message or settled one (cheap to
   * see: no stats read), then a second replay stops just before it and narrates it.
   */
  const findPrevious = (here: RunPosition): { run: ScenarioRun; step: LastStep } | null => {
    const from = Math.max(0, here.event - SCAN_BACK_EVENTS);
    const probe = replayTo(createWith(base.params, base.rules), journal, { event: from, now: 0 });
    const rest = journal.filter((e) => e.event > from);
    const sim = probe.world.sim;
    let last = -1;
    let settled = probe.world.ledger.summary().inSystem;
    probe.drainHops();
    let pending: number[] = [];
    while (sim.eventsRun < here.event) {
      const next = rest[0];
      if (next && next.event <= sim.eventsRun) {
        rest.shift();
        if ('params' in next) probe.update(next.params);
        else probe.built.setRule(next.rule.edgeId, next.rule.rule);
        continue;
      }
      if (!probe.step()) break;
      const now = sim.now;
      const drawn = probe.drainHops();
      const arrived = pending.includes(now);
      if (pending.length > 10_000 || arrived) pending = pending.filter((t) => t > now);
      for (const h of drawn) if (h.arriveMs > now) pending.push(h.arriveMs);
      const inSystem = probe.world.ledger.summary().inSystem;
      // The event `here` itself is where the user is: back means one before it.
      if ((drawn.length > 0 || arrived || inSystem !== settled) && sim.eventsRun < here.event)
        last = sim.eventsRun;
      settled = inSystem;
    }
    if (last < 1) return null;
    const run2 = replayTo(createWith(base.params, base.rules), journal, {
      event: last - 1,
      now: 0,
    });
    const narrator = new Narrator();
    narrator.watch(run2.drainHops(), run2.now);
    const story = narrator.step(run2, 1).story;
    return {
      run: run2,
      step: {
        event: last,
        timeMs: run2.now,
        text: story?.text ?? 'A message moved.',
        nodeId: story?.nodeId || null,
        edgeId: story?.edgeId ?? null,
        msgId: story?.msgId ?? null,
        events: 1,
      },
    };
  };

  const stepBack = (): boolean => {
    if (store.getState().status === 'running') send({ type: 'PAUSE' });
    const here = position(run);
    const top = trail[trail.length - 1];
    let target: { run: ScenarioRun; step: LastStep } | null = null;
    if (top && top.pos.event === here.event) {
      trail.pop();
      const previous = trail[trail.length - 1];
      if (previous)
        target = {
          run: replayTo(createWith(base.params, base.rules), journal, previous.pos),
          step: previous.step,
        };
    }
    target ??= findPrevious(here);
    if (!target) return false;
    const to = position(target.run);
    journal = journal.filter((e) => e.event <= to.event);
    trail = trail.filter((t) => t.pos.event < to.event);
    trail.push({ pos: to, step: target.step });
    jump(target.run, target.step);
    return true;
  };

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
    advanceUntil: (stop, maxEvents = 2_000_000) => {
      if (stop()) return true;
      // Single events, not STEP: a narrated step runs up to the next visible event and could
      // pass the moment asked for. SEEK shows the result paused.
      for (let n = 0; n < maxEvents && !stop() && !isOver(); n++) run.step();
      send({ type: 'SEEK' });
      bridge.feedHops(run, minDotDurationMs());
      bridge.publish(run, perf);
      return stop();
    },
    stepBack,
    playUntil: (reached, onReached) => {
      until = reached;
      onUntil = onReached;
      if (reached && store.getState().status !== 'running') send({ type: 'PLAY' });
    },
    adoptRun: (next) => {
      base = { params: { ...next.params }, rules: store.getState().rules };
      journal = [];
      trail = [];
      until = null;
      jump(next, null);
    },
    reset: () => send({ type: 'RESET' }),
    setSpeed: (speed) => store.setState({ speed: clampSpeed(speed) }),
    setParams: (changes) => {
      const params = { ...store.getState().params, ...changes };
      store.setState({ params });
      // Most changes apply to the running simulation (a backlog can then be seen to drain);
      // structural ones (a switch that rewires the graph) rebuild the run from t=0.
      if (run.update(params)) {
        journal.push({ ...position(run), params });
        bridge.publish(run, perf);
      } else send({ type: 'RESTART' });
    },
    seek: (timeMs) => {
      const target = Math.min(Math.max(0, timeMs), MAX_SIM_MS);
      if (target < run.now) rebuild();
      // In slices, dropping the hops as it goes: a long jump must not pile up millions of dots.
      while (run.now < target && !isOver()) {
        run.advanceTo(Math.min(target, run.now + SEEK_SLICE_MS));
        run.drainHops();
      }
      hops.clear();
      bridge.publish(run, perf);
      send({ type: 'SEEK' });
    },
    setSeed: (seed) => {
      store.setState({ seed });
      send({ type: 'RESTART' });
    },
    setRule: (edgeId, rule) => {
      const problem = run.built.setRule(edgeId, rule);
      if (problem) return problem;
      // An EventBridge rule's pattern is one for all its targets: record every edge it changed.
      const changed = Object.entries(run.built.rules()).filter(([, r]) => r === rule);
      store.setState((s) => ({ rules: { ...s.rules, ...Object.fromEntries(changed) } }));
      journal.push({ ...position(run), rule: { edgeId, rule } });
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
    publishNow: () => {
      bridge.feedHops(run, minDotDurationMs());
      bridge.publish(run, perf);
    },
    dispose: () => {
      actor.stop();
      ticker.dispose();
    },
  };
}
