import { World, type Hop, type LedgerSummary } from '../engine';
import { assemble, type Assembly, type Pattern } from '../kit';
import { costOf, type CostSummary } from '../kit/cost';
import type { ParamValues } from './types';

/** Latency summary of one end-to-end flow, in ms. */
export interface FlowSummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** The result of a run, as the CLI's `--json` prints it. */
export interface RunSummary {
  pattern: string;
  seed: number;
  durationS: number;
  params: ParamValues;
  /** Seconds at the start left out of the flows' latencies (0: none). */
  warmUpS: number;
  ledger: LedgerSummary;
  nodes: Record<string, Record<string, number>>;
  /** Per subscription or rule target (edge id): matched, filtered, delivered, retried, lost... */
  edges: Record<string, Record<string, number>>;
  flows: Record<string, FlowSummary>;
  /** Settings adjusted because AWS would refuse them as given, by node id. */
  notes: Record<string, string>;
  /**
   * What the run's traffic would cost a month on AWS at the rate simulated: line items per node
   * with quantity, unit price, monthly cost and the price's source (see `kit/cost.ts`).
   */
  cost: CostSummary;
}

/** Options for {@link createRun}. */
export interface RunOptions {
  seed: number;
  /** Record hops for the animation layer (the browser does; the CLI does not). */
  recordHops?: boolean;
  sampleIntervalMs?: number;
  sampleCapacity?: number;
  /**
   * A warm-up period left out of the results: at this simulated time every flow's latencies and
   * every node's statistics (time-averaged and largest backlog, oldest age, waits, mean
   * concurrency) start afresh, so the summary describes the steady state, not the cold start.
   * Counters and the ledger count the whole run.
   */
  warmUpMs?: number;
  /** Rules (filter policies, event patterns) the user edited, by edge id. */
  rules?: Record<string, Record<string, unknown>>;
}

/**
 * One simulation of one pattern with fixed parameters and seed. The same (pattern, params, seed)
 * always yields the same run, in Node and in the browser. Plain data in, plain data out, so it can
 * move into a Web Worker.
 */
export class ScenarioRun {
  readonly world: World;
  readonly built: Assembly;
  private currentParams: ParamValues;

  constructor(
    readonly pattern: Pattern,
    params: ParamValues,
    readonly options: RunOptions,
  ) {
    this.currentParams = { ...params };
    this.world = new World({
      seed: options.seed,
      recordHops: options.recordHops ?? false,
      sampleIntervalMs: options.sampleIntervalMs ?? 1000,
      sampleCapacity: options.sampleCapacity ?? 600,
    });
    this.built = assemble(pattern, pattern.handlers, this.world, params, {
      ...(options.rules ? { rules: options.rules } : {}),
    });
    this.world.startSampling();
    const warmUp = options.warmUpMs ?? 0;
    if (warmUp > 0) {
      this.world.sim.schedule(warmUp, () => this.built.endWarmUp(), undefined);
    }
  }

  /** The parameters in force now. */
  get params(): ParamValues {
    return this.currentParams;
  }

  /**
   * Changes parameters mid-run. Returns false (and changes nothing) when the pattern needs a
   * rebuild for this change; the caller then creates a new run.
   */
  update(params: ParamValues): boolean {
    if (!this.built.update(params)) return false;
    this.currentParams = { ...params };
    return true;
  }

  /** Virtual time in ms. */
  get now(): number {
    return this.world.sim.now;
  }

  /**
   * Advances to `timeMs`, running at most `maxEvents` events. Returns true when the clock reached
   * `timeMs`, false when the budget ran out first (the view then reports the effective speed).
   */
  advanceTo(timeMs: number, maxEvents = Infinity): boolean {
    return this.world.sim.runUntil(timeMs, maxEvents);
  }

  /** Runs the next single event; false when nothing is left. */
  step(): boolean {
    return this.world.sim.step();
  }

  /** Hops recorded since the last call. */
  drainHops(): Hop[] {
    return this.world.hops.drain();
  }

  /** Live per-node numbers. */
  nodeStats(): Record<string, Record<string, number>> {
    return this.built.nodeStats();
  }

  /** The run's summary so far. */
  summary(): RunSummary {
    const flows: Record<string, FlowSummary> = {};
    for (const [id, flow] of Object.entries(this.built.flows)) {
      const h = flow.total;
      flows[id] = {
        count: h.count,
        meanMs: round(h.mean()),
        p50Ms: round(h.percentile(0.5)),
        p95Ms: round(h.percentile(0.95)),
        p99Ms: round(h.percentile(0.99)),
      };
    }
    const summary: Omit<RunSummary, 'cost'> = {
      pattern: this.pattern.id,
      seed: this.options.seed,
      durationS: round(this.now / 1000),
      params: { ...this.params },
      warmUpS: round((this.options.warmUpMs ?? 0) / 1000),
      ledger: this.world.ledger.summary(),
      nodes: this.nodeStats(),
      edges: this.built.edgeStats(),
      flows,
      notes: this.built.notes(),
    };
    return { ...summary, cost: costOf(this.pattern, summary) };
  }
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}

/** Creates a run; see {@link ScenarioRun}. */
export function createRun(pattern: Pattern, params: ParamValues, options: RunOptions): ScenarioRun {
  return new ScenarioRun(pattern, params, options);
}
