import type { Hop } from '../engine';
import type { ScenarioRun } from '../patterns';
import { ChartHistory } from './chartHistory';
import type { HopBuffer } from './hopBuffer';
import { Narrator, type NarratedStep } from './narrator';
import type { LastStep, LiveSnapshot, SimStore } from './simStore';

/** How often React sees new numbers while running (the canvas itself draws every frame). */
export const PUBLISH_INTERVAL_MS = 100;

/** How fast playback is really going, measured by the frame loop. */
export interface PlaybackPerf {
  effectiveSpeed: number;
  behind: boolean;
}

/**
 * Feeds engine output into the view: every frame the run's new hops go into the dot buffer; at
 * most every PUBLISH_INTERVAL_MS the live numbers go into the store (React re-renders from there).
 */
export class Bridge {
  private lastPublishWall = -Infinity;
  /** The run's whole history for the charts (replaced with the run). */
  history = new ChartHistory();
  /** What the last single step did; cleared when playback runs frames again. */
  private lastStep: LastStep | null = null;
  /** Tells Step's events; it watches every frame's hops for the arrivals. */
  readonly narrator = new Narrator();

  constructor(
    private readonly store: SimStore,
    private readonly hops: HopBuffer,
  ) {}

  /** Moves the run's recorded hops into the dot buffer and drops dots that have arrived. */
  feedHops(run: ScenarioRun, minDotDurationMs: number): Hop[] {
    const drained = run.drainHops();
    this.narrator.watch(drained, run.now);
    if (drained.length > 0) this.hops.addHops(drained);
    this.hops.compact(run.now, minDotDurationMs);
    this.lastStep = null;
    return drained;
  }

  /**
   * Runs a narrated step (events up to the next visible one), feeds its hops to the dots and
   * remembers its sentence for the status line, the live region and the highlight.
   */
  step(run: ScenarioRun, minDotDurationMs: number): LastStep {
    const done: NarratedStep = this.narrator.step(run);
    if (done.hops.length > 0) this.hops.addHops(done.hops);
    this.hops.compact(run.now, minDotDurationMs);
    const story = done.story;
    this.lastStep = {
      event: run.world.sim.eventsRun,
      timeMs: run.now,
      text: story
        ? story.text
        : done.events === 0
          ? 'Nothing is left to happen.'
          : `Nothing visible happened in the next ${done.events.toLocaleString('en-US')} events.`,
      nodeId: story?.nodeId || null,
      edgeId: story?.edgeId ?? null,
      msgId: story?.msgId ?? null,
      events: done.events,
    };
    return this.lastStep;
  }

  /** Shows a step again (after stepping back to it). */
  restoreStep(step: LastStep | null): void {
    this.lastStep = step;
  }

  /** A new run: empty history, nothing stepped, nothing in transit. */
  reset(): void {
    this.history = new ChartHistory();
    this.lastStep = null;
    this.narrator.clear();
  }

  /** Publishes if the last publish is older than the interval (or when `force`). */
  maybePublish(run: ScenarioRun, perf: PlaybackPerf, wallNowMs: number, force = false): void {
    if (!force && wallNowMs - this.lastPublishWall < PUBLISH_INTERVAL_MS) return;
    this.lastPublishWall = wallNowMs;
    this.publish(run, perf);
  }

  /** Publishes the run's live numbers now. */
  publish(run: ScenarioRun, perf: PlaybackPerf): void {
    this.history.update(run.world.sampler);
    const live: LiveSnapshot = {
      simTimeMs: run.now,
      nodeStats: run.nodeStats(),
      ledger: run.world.ledger.summary(),
      notes: run.built.notes(),
      edgeStats: run.built.edgeStats(),
      graveyard: run.built.graveyard(),
      effectiveSpeed: perf.effectiveSpeed,
      behind: perf.behind,
      sampleN: this.hops.sampleN,
      inFlight: Math.round(this.hops.estimatedInFlight),
      totalHops: this.hops.totalHops,
      eventsRun: run.world.sim.eventsRun,
      lastStep: this.lastStep,
    };
    this.store.setState((s) => ({ live, chartVersion: s.chartVersion + 1 }));
  }
}
