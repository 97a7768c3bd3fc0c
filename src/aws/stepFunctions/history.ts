/**
 * The execution history: AWS's GetExecutionHistory event list, built while the execution runs.
 *
 * Events carry the same type names and `...EventDetails` fields as AWS (inputs and outputs as
 * compact JSON text), `id`s counting from 1, and `previousEventId` linking each event to the one
 * that caused it. Timestamps are epoch milliseconds of the injected clock.
 */

/** Every event type this interpreter records. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionTimedOut'
  | 'ExecutionAborted'
  | 'PassStateEntered'
  | 'PassStateExited'
  | 'TaskStateEntered'
  | 'TaskStateExited'
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'ChoiceStateEntered'
  | 'ChoiceStateExited'
  | 'WaitStateEntered'
  | 'WaitStateExited'
  | 'SucceedStateEntered'
  | 'SucceedStateExited'
  | 'FailStateEntered'
  | 'ParallelStateEntered'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed'
  | 'ParallelStateAborted'
  | 'ParallelStateExited'
  | 'MapStateEntered'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'MapStateFailed'
  | 'MapStateAborted'
  | 'MapStateExited'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'MapIterationAborted'
  | 'MapRunStarted'
  | 'MapRunSucceeded'
  | 'MapRunFailed';

interface DataDetails {
  readonly truncated: boolean;
}

/** The `...Details: {truncated: false}` every event carries; one frozen instance serves them all. */
export const NOT_TRUNCATED: DataDetails = Object.freeze({ truncated: false });

/** One history event. Exactly the details field that matches `type` is present (if any). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch milliseconds on the execution's clock. */
  timestamp: number;
  type: HistoryEventType;
  executionStartedEventDetails?: { input: string; inputDetails: DataDetails; roleArn: string };
  executionSucceededEventDetails?: { output: string; outputDetails: DataDetails };
  executionFailedEventDetails?: { error?: string; cause?: string };
  executionTimedOutEventDetails?: { error?: string; cause?: string };
  executionAbortedEventDetails?: { error?: string; cause?: string };
  stateEnteredEventDetails?: { name: string; input: string; inputDetails: DataDetails };
  stateExitedEventDetails?: {
    name: string;
    output: string;
    outputDetails: DataDetails;
    assignedVariables?: Record<string, string>;
  };
  taskScheduledEventDetails?: {
    resource: string;
    resourceType: string;
    region: string;
    parameters: string;
    timeoutInSeconds?: number;
    heartbeatInSeconds?: number;
  };
  taskStartedEventDetails?: { resource: string; resourceType: string };
  taskSucceededEventDetails?: {
    resource: string;
    resourceType: string;
    output: string;
    outputDetails: DataDetails;
  };
  taskFailedEventDetails?: {
    resource: string;
    resourceType: string;
    error?: string;
    cause?: string;
  };
  taskTimedOutEventDetails?: {
    resource: string;
    resourceType: string;
    error?: string;
    cause?: string;
  };
  lambdaFunctionScheduledEventDetails?: {
    resource: string;
    input: string;
    inputDetails: DataDetails;
    timeoutInSeconds?: number;
  };
  lambdaFunctionSucceededEventDetails?: { output: string; outputDetails: DataDetails };
  lambdaFunctionFailedEventDetails?: { error?: string; cause?: string };
  lambdaFunctionTimedOutEventDetails?: { error?: string; cause?: string };
  mapStateStartedEventDetails?: { length: number };
  mapIterationStartedEventDetails?: { name: string; index: number };
  mapIterationSucceededEventDetails?: { name: string; index: number };
  mapIterationFailedEventDetails?: { name: string; index: number };
  mapIterationAbortedEventDetails?: { name: string; index: number };
  mapRunStartedEventDetails?: { mapRunArn: string };
  mapRunFailedEventDetails?: { error?: string; cause?: string };
}

/** The details part of an event, as callers of `record` pass it. */
export type HistoryEventDetails = Omit<
  HistoryEvent,
  'id' | 'previousEventId' | 'timestamp' | 'type'
>;

/**
 * A chain of causally linked events: the top-level execution, a Parallel branch or a Map
 * iteration. `previousEventId` of a new event is the chain's last event, as in AWS, where branches
 * interleave in the id sequence but each links back along its own chain.
 */
export interface HistoryChain {
  last: number;
}

/** Thrown (as a failure) when an execution would exceed AWS's history size quota. */
export const MAX_HISTORY_EVENTS = 25_000;

/**
 * Collects the events of one execution (all its branches and inline Map iterations share it) and
 * forwards each to an optional listener, so a UI can follow the run live.
 *
 * With `keep: false` the events are counted (ids, `previousEventId` links and the history quota
 * stay exactly as they would be) but not stored; if there is no listener either, `enabled` is
 * false and callers may skip building the details (JSON text of inputs and outputs) altogether.
 */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  /** True when someone reads the events: they are kept, or a listener is called. */
  readonly enabled: boolean;
  private recorded = 0;

  constructor(
    private readonly now: () => number,
    private readonly listener?: (event: HistoryEvent) => void,
    readonly keep = true,
  ) {
    this.enabled = keep || listener !== undefined;
  }

  /** Number of events recorded so far (kept or not): the id of the last one. */
  get count(): number {
    return this.recorded;
  }

  /**
   * Appends an event and returns its id. `link: false` records it without making it the chain's
   * new cause (AWS does this for ExecutionStarted, MapIterationSucceeded and the Map/Parallel
   * "Succeeded" events).
   */
  record(
    chain: HistoryChain,
    type: HistoryEventType,
    details?: HistoryEventDetails,
    link = true,
  ): number {
    const id = ++this.recorded;
    if (this.enabled) {
      const event: HistoryEvent = details
        ? { id, previousEventId: chain.last, timestamp: this.now(), type, ...details }
        : { id, previousEventId: chain.last, timestamp: this.now(), type };
      if (this.keep) this.events.push(event);
      this.listener?.(event);
    }
    if (link) chain.last = id;
    return id;
  }
}

/** Events that close an execution; nothing may follow them. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<HistoryEventType> = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionAborted',
]);

/**
 * Checks the structural invariants of a history: ids are 1..n in order, every previousEventId
 * points at an earlier event (or 0), it opens with ExecutionStarted, at most one terminal event
 * closes it, and each state's Entered precedes its Exited. Returns the problems found (empty if
 * well formed); the property tests and the UI's sanity checks both use it.
 */
export function historyProblems(events: readonly HistoryEvent[]): string[] {
  const problems: string[] = [];
  if (events.length === 0) return ['history is empty'];
  if (events[0]?.type !== 'ExecutionStarted') problems.push('first event is not ExecutionStarted');
  const open = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.id !== i + 1) problems.push(`event #${i + 1} has id ${e.id}`);
    if (e.previousEventId < 0 || e.previousEventId >= e.id) {
      problems.push(`event ${e.id} links to ${e.previousEventId}, not an earlier event`);
    }
    if (i > 0 && e.timestamp < (events[i - 1]?.timestamp ?? 0))
      problems.push(`event ${e.id} goes back in time`);
    if (TERMINAL_EVENT_TYPES.has(e.type) && i !== events.length - 1) {
      problems.push(`terminal event ${e.type} (#${e.id}) is not last`);
    }
    const name = e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name;
    if (name !== undefined && e.type.endsWith('Entered')) open.set(name, (open.get(name) ?? 0) + 1);
    if (name !== undefined && e.type.endsWith('Exited')) {
      const n = open.get(name) ?? 0;
      if (n === 0) problems.push(`state '${name}' exited (#${e.id}) without being entered`);
      else open.set(name, n - 1);
    }
  });
  return problems;
}
