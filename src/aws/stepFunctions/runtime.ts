/**
 * Runtime records shared by the state modules and the XState compilation: the per-execution
 * environment, the branch a state runs in, one visit of a state, and the outcome of a visit.
 */
import type { Failure } from './errors';
import type { HistoryChain, HistoryRecorder } from './history';
import type {
  ContextObject,
  ExecutionClock,
  ExecutionObserver,
  StateDefinition,
  TaskHandler,
} from './types';

/** Workflow variables visible to a state (`$name` / JSONata `$name`). */
export type Vars = Record<string, unknown>;

/**
 * Step-by-step driving: every frame of the execution (the execution itself, Parallel branches, Map
 * iterations) that has finished a state parks here until `step()` lets the oldest one move on.
 */
export class StepGate {
  private readonly queue: GatedFrame[] = [];

  /** Parks a frame until its turn. */
  park(frame: GatedFrame): void {
    this.queue.push(frame);
  }

  /**
   * Lets the longest-waiting frame take its transition (through `take`); false if none is waiting.
   * Frames stopped meanwhile (iterations of a Map that failed) are skipped.
   */
  release(take: (frame: GatedFrame) => void): boolean {
    for (let frame = this.queue.shift(); frame; frame = this.queue.shift()) {
      if (!frame.active) continue;
      take(frame);
      return true;
    }
    return false;
  }

  /** How many transitions are waiting for a step. */
  get pending(): number {
    return this.queue.length;
  }
}

/** What the gate needs of a frame. */
export interface GatedFrame {
  readonly active: boolean;
  step(): void;
}

/** Everything an execution's states share. */
export interface Env {
  readonly clock: ExecutionClock;
  readonly taskHandler: TaskHandler;
  /** Every random draw of the execution: FULL jitter, States.UUID/MathRandom, JSONata $random. */
  readonly random: () => number;
  /** Follows the execution state by state (null: nobody does, and nothing is built for it). */
  readonly observer: ExecutionObserver | null;
  /** JSONata's clock- and random-dependent functions bound to this execution (made on first use). */
  jsonataFunctions?: Record<string, unknown>;
  /** Simulated S3 objects (`bucket/key` → text): ItemReader reads them, ResultWriter adds to them. */
  readonly s3Objects: Record<string, string>;
  readonly gate: StepGate | null;
  readonly execution: ContextObject['Execution'];
  readonly stateMachine: ContextObject['StateMachine'];
  readonly region: string;
  readonly accountId: string;
  readonly maxHistoryEvents: number;
  /** Counts task tokens and map runs so ids are deterministic. */
  serial: number;
  /** State transitions taken so far (benchmarks and runaway-loop protection read it). */
  transitions: number;
}

/** Where a state runs: the execution itself, a Parallel branch or a Map iteration. */
export interface Branch {
  readonly env: Env;
  /** Inline branches share the execution's history; a distributed Map's children get their own. */
  readonly history: HistoryRecorder;
  readonly chain: HistoryChain;
  /** The query language states default to (the definition's or the enclosing one's). */
  readonly queryLanguage: 'JSONPath' | 'JSONata';
  /** The last state output and its JSON text, so the next Entered event need not re-serialise it. */
  readonly memo: { value?: unknown; text?: string };
}

/** One visit of a state, from its Entered event until it exits or fails. */
export interface Visit {
  readonly branch: Branch;
  readonly name: string;
  readonly def: StateDefinition;
  readonly jsonata: boolean;
  /** The input the state received (before InputPath). */
  readonly rawInput: unknown;
  /** After InputPath (JSONPath) or the raw input (JSONata). Set once InputPath succeeded. */
  input: unknown;
  /** Variables as they were on entry: every field of the state reads these. */
  readonly vars: Vars;
  readonly enteredId: number;
  readonly enteredTime: string;
  /** Retries granted so far by each Retrier, and in total (`$$.State.RetryCount`). */
  readonly retryCounts: number[];
  retryCount: number;
}

/** How a visit ends (or pauses for a retry). */
export type Outcome =
  | { kind: 'next'; next: string; output: unknown; vars: Vars }
  | { kind: 'end'; output: unknown; vars: Vars }
  | { kind: 'fail'; failure: Failure }
  | { kind: 'retry'; delayMs: number };

/** The Context Object as a state sees it; `extra` adds `Task` or `Map`. */
export function contextOf(v: Visit, extra?: Pick<ContextObject, 'Task' | 'Map'>): ContextObject {
  const ctx: ContextObject = {
    Execution: v.branch.env.execution,
    State: { EnteredTime: v.enteredTime, Name: v.name, RetryCount: v.retryCount },
    StateMachine: v.branch.env.stateMachine,
  };
  if (extra?.Task) ctx.Task = extra.Task;
  if (extra?.Map) ctx.Map = extra.Map;
  return ctx;
}

/** ISO-8601 text of a clock reading, as AWS prints times in the Context Object. */
export function isoTime(ms: number): string {
  // Consecutive states usually enter at the same virtual instant: reuse the last conversion.
  if (ms !== lastIsoMs) {
    lastIsoMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
let lastIsoMs = Number.NaN;
let lastIso = '';
