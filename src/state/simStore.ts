import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LedgerSummary } from '../engine';
import type { Grave } from '../kit';
import type { ParamValues, Pattern } from '../patterns';
import type { PlaybackStatus } from './playbackMachine';

/**
 * What one step did: the visible event it stopped at, told in one sentence, and where on the
 * graph it happened (the canvas highlights that node and edge).
 */
export interface LastStep {
  /** Events run so far, this one included. */
  event: number;
  /** Simulated time of the event, ms. */
  timeMs: number;
  /** One sentence: "Payment #4 reached API Gateway "/payments"; 4,999 tokens left". */
  text: string;
  /** The node the sentence is about, null if none. */
  nodeId: string | null;
  /** The edge a message crossed, null if none. */
  edgeId: string | null;
  /** The message the sentence is about, null if none. */
  msgId: number | null;
  /** Events run by this step, the invisible ones it skipped included. */
  events: number;
}

/** Numbers the badges, panels and status line show; published about ten times a second. */
export interface LiveSnapshot {
  /** Simulated time in ms. */
  simTimeMs: number;
  /** Per node id, the model's live numbers (see the pattern's build). */
  nodeStats: Record<string, Record<string, number>>;
  ledger: LedgerSummary;
  /** Settings the run adjusted because AWS would refuse them as given, by node id. */
  notes: Record<string, string>;
  /** Per subscription or rule target (edge id): matched, filtered, delivered, retried, lost... */
  edgeStats: Record<string, Record<string, number>>;
  /** The most recent lost messages at each node: which, when, why, after how many attempts. */
  graveyard: Record<string, readonly Grave[]>;
  /** Simulated ms per wall ms actually achieved (the requested speed when keeping up). */
  effectiveSpeed: number;
  /** True when the per-frame event budget keeps running out: the run is slower than asked. */
  behind: boolean;
  /** One dot stands for this many messages. */
  sampleN: number;
  /** Messages estimated to be on the edges right now. */
  inFlight: number;
  /** Hops seen since the start. */
  totalHops: number;
  eventsRun: number;
  /** Set after a single step (the status line names it); null while playing. */
  lastStep: LastStep | null;
}

/** The state of one simulator instance, as React reads it. */
export interface SimState {
  pattern: Pattern;
  params: ParamValues;
  seed: number;
  status: PlaybackStatus;
  /** Requested speed: simulated seconds per wall second (0.1 to 1000). */
  speed: number;
  live: LiveSnapshot;
  /** Bumped on every publish, so charts know to redraw. */
  chartVersion: number;
  /** Bumped when the run is rebuilt (new parameters, seed or reset). */
  runVersion: number;
  selectedNodeId: string | null;
  /** Rules (filter policies, event patterns) the user edited, by edge id; they travel in links. */
  rules: Record<string, Record<string, unknown>>;
}

/** A simulator's store. */
export type SimStore = StoreApi<SimState>;

/** An empty snapshot for t=0. */
export function emptySnapshot(): LiveSnapshot {
  return {
    simTimeMs: 0,
    nodeStats: {},
    notes: {},
    edgeStats: {},
    graveyard: {},
    ledger: {
      created: 0,
      deliveries: 0,
      completed: 0,
      deadLettered: 0,
      dropped: {},
      fannedOut: 0,
      inSystem: 0,
    },
    effectiveSpeed: 0,
    behind: false,
    sampleN: 1,
    inFlight: 0,
    totalHops: 0,
    eventsRun: 0,
    lastStep: null,
  };
}

/** Creates the store of one simulator instance. */
export function createSimStore(
  initial: Pick<SimState, 'pattern' | 'params' | 'seed' | 'speed'> &
    Partial<Pick<SimState, 'rules'>>,
): SimStore {
  return createStore<SimState>()(() => ({
    ...initial,
    status: 'idle',
    live: emptySnapshot(),
    chartVersion: 0,
    runVersion: 0,
    selectedNodeId: null,
    rules: initial.rules ?? {},
  }));
}
