/**
 * Step Functions executions inside a discrete-event `Simulation` (src/engine): many executions
 * share the simulation's clock and draw from an injected `Rng`, so they interleave with the other
 * simulated services (a Task's answer comes from a simulated Lambda, later, on the same clock).
 *
 * - `SimulationClock` is the interpreter's clock (XState's `setTimeout`/`clearTimeout`/`now`) on a
 *   Simulation: timers are `sim.scheduleCancellable` events, `now()` is a fixed epoch plus
 *   `sim.now`, so history timestamps and `$$.State.EnteredTime` are deterministic.
 * - `startSimulatedExecution(sim, rng, definition | compiled, input, options)` starts one
 *   execution and returns its handle. Every random draw (FULL jitter, States.UUID,
 *   States.MathRandom, JSONata `$random`/`$uuid`/`$shuffle`) comes from `rng`.
 * - Tasks are answered by `options.taskHandler`, which calls `done` now or from a later event.
 * - `options.onEvent` follows states entered and exited, retries, catches and the end; without
 *   it (and with `history: false`, the default) nothing is built for anyone to read.
 *
 * Exceptions thrown by `onEvent` do not reach the interpreter (they would otherwise fail the
 * execution or be rethrown by XState from a real timer): the execution carries on, and the first
 * such exception is rethrown once control leaves the interpreter, i.e. from `sim.step()` /
 * `sim.runUntil()`, from `done`, `stop()` or `startSimulatedExecution` itself.
 */
import type { Rng, ScheduledEvent, Simulation } from '../../engine';
import {
  type CompiledStateMachine,
  DEFAULT_START_TIME,
  Execution,
  type ExecutionOptions,
  type ExecutionOutcome,
  type ExecutionResult,
} from './execution';
import type { HistoryEvent } from './history';
import type {
  ExecutionClock,
  ExecutionObserver,
  ExecutionStatus,
  StateDefinition,
  StateMachineDefinition,
  TaskCallbacks,
  TaskHandler,
  TaskInvocation,
} from './types';

// ---------------------------------------------------------------------------------------------
// Callbacks of the caller run inside XState's processing; their exceptions are held back and
// rethrown when the outermost call into the interpreter returns. Everything here is synchronous,
// so one module-wide depth counter is exact.
// ---------------------------------------------------------------------------------------------

let depth = 0;
let held: { error: unknown } | null = null;

/** Rethrows a held exception once no call into the interpreter is in progress. */
function rethrowHeld(): void {
  if (depth !== 0 || held === null) return;
  const { error } = held;
  held = null;
  throw error;
}

/** Calls into the interpreter (a timer, a Task answer, start, stop) as an outermost entry. */
function enter<A>(fn: (arg: A) => void, arg: A): void {
  depth++;
  try {
    fn(arg);
  } finally {
    depth--;
  }
  rethrowHeld();
}

/** Calls the caller's callback from inside the interpreter, holding back what it throws. */
function shield<A>(fn: (arg: A) => void, arg: A): void {
  try {
    fn(arg);
  } catch (error) {
    held ??= { error };
  }
}

const callTimer = (fn: () => void): void => fn();
const fireTimer = (fn: () => void): void => enter(callTimer, fn);

/**
 * The interpreter's clock on a Simulation. One clock may serve any number of executions of that
 * simulation; it keeps no state of its own.
 */
export class SimulationClock implements ExecutionClock {
  /**
   * @param sim the simulation whose time and event queue the executions use.
   * @param epochMs epoch milliseconds that simulated time 0 stands for (default
   *   2025-01-01T00:00:00Z): history timestamps and Context Object times are `epochMs + sim.now`.
   */
  constructor(
    readonly sim: Simulation,
    readonly epochMs: number = DEFAULT_START_TIME,
  ) {}

  /** Epoch milliseconds: `epochMs + sim.now`. */
  now(): number {
    return this.epochMs + this.sim.now;
  }

  /** Schedules `fn` after `ms` of simulated time (negative or NaN: now, after what is due now). */
  setTimeout(fn: () => void, ms: number): ScheduledEvent {
    return this.sim.scheduleCancellable(ms > 0 ? ms : 0, fireTimer, fn);
  }

  /** Calls off a timer from `setTimeout` (one that already ran or was cancelled: nothing). */
  clearTimeout(id: unknown): void {
    if (id) this.sim.cancel(id as ScheduledEvent);
  }

  /** The simulated time (ms) of an epoch timestamp of this clock, e.g. a history event's. */
  toSimTime(epochMs: number): number {
    return epochMs - this.epochMs;
  }
}

/** How a simulated Task ends: with an output, or with an error (and cause). */
export type SimulatedTaskResult =
  { output: unknown } | { output?: never; error?: string; cause?: string };

/**
 * Backs the Task states of a simulated execution. Call `done` exactly once, synchronously or from
 * a later simulation event; answers after the attempt was abandoned (TimeoutSeconds, the
 * execution stopped or failed elsewhere) are ignored. The returned function, if any, is called
 * when the attempt is abandoned. `callbacks` gives the lower-level interface (heartbeats). A
 * handler that throws fails the attempt with the exception's name and message (as a Lambda's
 * unhandled error does).
 */
export type SimulatedTaskHandler = (
  task: TaskInvocation,
  done: (result: SimulatedTaskResult) => void,
  callbacks: TaskCallbacks,
) => void | (() => void);

/** What an execution reports to `onEvent`. `time` is simulated time (ms, `sim.now`). */
export type SimulatedExecutionEvent =
  | {
      type: 'StateEntered';
      time: number;
      execution: SimulatedExecution;
      state: string;
      stateType: StateDefinition['Type'];
      /** The state's raw input (before InputPath). Read it; don't change it. */
      input: unknown;
      /** The workflow variables in scope there. Read them; don't change them. */
      variables: Readonly<Record<string, unknown>>;
    }
  | {
      type: 'StateExited';
      time: number;
      execution: SimulatedExecution;
      state: string;
      stateType: StateDefinition['Type'];
      /** The state's output (after OutputPath / Output). Read it; don't change it. */
      output: unknown;
    }
  | {
      type: 'Retry';
      time: number;
      execution: SimulatedExecution;
      state: string;
      error: string | undefined;
      cause: string | undefined;
      /** 1 for the first retry. */
      retryCount: number;
      /** The back-off before the next attempt, jitter included. */
      delayMs: number;
    }
  | {
      type: 'Caught';
      time: number;
      execution: SimulatedExecution;
      state: string;
      error: string | undefined;
      cause: string | undefined;
      /** The Catcher's Next state. */
      next: string;
    }
  | {
      /** A retry's back-off is over: the state's work runs again. */
      type: 'RetryStarted';
      time: number;
      execution: SimulatedExecution;
      state: string;
      stateType: StateDefinition['Type'];
      retryCount: number;
    }
  | {
      /** A visit failed without an Exited event (no Catcher took the error, or a Fail state). */
      type: 'StateFailed';
      time: number;
      execution: SimulatedExecution;
      state: string;
      stateType: StateDefinition['Type'];
      error: string | undefined;
      cause: string | undefined;
    }
  | {
      /** A visit was cut short: a sibling failed, the execution timed out or was stopped. */
      type: 'StateAborted';
      time: number;
      execution: SimulatedExecution;
      state: string;
      stateType: StateDefinition['Type'];
    }
  | {
      type: 'ExecutionFinished';
      time: number;
      execution: SimulatedExecution;
      status: Exclude<ExecutionStatus, 'RUNNING'>;
      output?: unknown;
      error?: string;
      cause?: string;
    };

/** Options of `startSimulatedExecution`. Everything is optional. */
export interface SimulatedExecutionOptions {
  /** Answers the Task states (default: every Task fails with States.TaskFailed). */
  taskHandler?: SimulatedTaskHandler;
  /** Follows the execution; called synchronously as things happen (see the module comment). */
  onEvent?: (event: SimulatedExecutionEvent) => void;
  /**
   * Keep the AWS-shaped history (`history`, `result().history`). Default false: executions in a
   * simulation are many, and the events are then only counted (for ids and the history quota).
   */
  history?: boolean;
  /** The clock to run on (default: a SimulationClock of `sim` at `epochMs`). */
  clock?: SimulationClock;
  /** Epoch that simulated time 0 stands for, when no `clock` is given (default 2025-01-01Z). */
  epochMs?: number;
  /** Execution name in ARNs and `$$.Execution.Name` (default `execution-<n>`, n = 1, 2, ... per sim). */
  name?: string;
  stateMachineName?: string;
  roleArn?: string;
  region?: string;
  accountId?: string;
  /** Simulated S3 objects for ItemReader, keyed `bucket/key`. */
  s3Objects?: Record<string, string>;
  /** AWS's quota is 25,000 events; exceeding it fails the execution. */
  maxHistoryEvents?: number;
  /**
   * The longest the execution may run (s), whatever the definition's TimeoutSeconds: an Express
   * workflow's 300, a Standard workflow's year. Then it ends TIMED_OUT with States.Timeout.
   */
  maxDurationSeconds?: number;
}

/** Options handed to the Execution unchanged. */
const PASSED_THROUGH = [
  'stateMachineName',
  'roleArn',
  'region',
  'accountId',
  's3Objects',
  'maxHistoryEvents',
  'maxDurationSeconds',
] as const satisfies readonly (keyof SimulatedExecutionOptions & keyof ExecutionOptions)[];

/** Executions started per simulation, for default names that are stable per run. */
const started = new WeakMap<Simulation, number>();

/**
 * One Task attempt's answer functions, each an outermost entry into the interpreter (a simulated
 * service calls them from its own events). Functions of their own, so they work detached; the
 * lower-level ones are made when first asked for (most handlers only use `done`).
 */
class SimulatedTaskAnswer implements TaskCallbacks {
  readonly done: (result: SimulatedTaskResult) => void;
  private made: { s?: TaskCallbacks['succeed']; f?: TaskCallbacks['fail']; h?: () => void } = {};

  constructor(private readonly callbacks: TaskCallbacks) {
    this.done = doneOf(callbacks);
  }

  get succeed(): (output: unknown) => void {
    return (this.made.s ??= succeedOf(this.callbacks));
  }

  get fail(): (error?: string, cause?: string) => void {
    return (this.made.f ??= failOf(this.callbacks));
  }

  get heartbeat(): () => void {
    return (this.made.h ??= heartbeatOf(this.callbacks));
  }
}

// (Returned, not assigned, so that no name is attached to each new function.)
function doneOf(callbacks: TaskCallbacks): (result: SimulatedTaskResult) => void {
  return (result) => enter(answerWith, [callbacks, result]);
}
function succeedOf(callbacks: TaskCallbacks): (output: unknown) => void {
  return (output) => enter(callbacks.succeed, output);
}
function failOf(callbacks: TaskCallbacks): (error?: string, cause?: string) => void {
  return (error, cause) => enter(failWith, [callbacks, error, cause]);
}
function heartbeatOf(callbacks: TaskCallbacks): () => void {
  return () => enter(callbacks.heartbeat, undefined);
}

const answerWith = ([callbacks, result]: [TaskCallbacks, SimulatedTaskResult]): void => {
  if ('output' in result) callbacks.succeed(result.output);
  else callbacks.fail(result.error, result.cause);
};
const failWith = ([callbacks, error, cause]: [TaskCallbacks, string?, string?]): void =>
  callbacks.fail(error, cause);

/** Adapts the simple `done` handler to the interpreter's TaskHandler. */
function adaptTaskHandler(handler: SimulatedTaskHandler): TaskHandler {
  return (task, callbacks) => {
    const answer = new SimulatedTaskAnswer(callbacks);
    return handler(task, answer.done, answer);
  };
}

/** Turns the interpreter's observer calls into `onEvent` events. */
class EventForwarder implements ExecutionObserver {
  constructor(
    private readonly sim: Simulation,
    private readonly execution: SimulatedExecution,
    private readonly onEvent: (event: SimulatedExecutionEvent) => void,
  ) {}

  stateEntered(
    state: string,
    stateType: StateDefinition['Type'],
    input: unknown,
    variables: Readonly<Record<string, unknown>>,
  ): void {
    shield(this.onEvent, {
      type: 'StateEntered',
      time: this.sim.now,
      execution: this.execution,
      state,
      stateType,
      input,
      variables,
    });
  }

  stateExited(state: string, stateType: StateDefinition['Type'], output: unknown): void {
    shield(this.onEvent, {
      type: 'StateExited',
      time: this.sim.now,
      execution: this.execution,
      state,
      stateType,
      output,
    });
  }

  retrying(
    state: string,
    error: string | undefined,
    cause: string | undefined,
    retryCount: number,
    delayMs: number,
  ): void {
    shield(this.onEvent, {
      type: 'Retry',
      time: this.sim.now,
      execution: this.execution,
      state,
      error,
      cause,
      retryCount,
      delayMs,
    });
  }

  caught(state: string, error: string | undefined, cause: string | undefined, next: string): void {
    shield(this.onEvent, {
      type: 'Caught',
      time: this.sim.now,
      execution: this.execution,
      state,
      error,
      cause,
      next,
    });
  }

  retryStarted(state: string, stateType: StateDefinition['Type'], retryCount: number): void {
    shield(this.onEvent, {
      type: 'RetryStarted',
      time: this.sim.now,
      execution: this.execution,
      state,
      stateType,
      retryCount,
    });
  }

  stateFailed(
    state: string,
    stateType: StateDefinition['Type'],
    error: string | undefined,
    cause: string | undefined,
  ): void {
    shield(this.onEvent, {
      type: 'StateFailed',
      time: this.sim.now,
      execution: this.execution,
      state,
      stateType,
      error,
      cause,
    });
  }

  stateAborted(state: string, stateType: StateDefinition['Type']): void {
    shield(this.onEvent, {
      type: 'StateAborted',
      time: this.sim.now,
      execution: this.execution,
      state,
      stateType,
    });
  }
}

/**
 * One Step Functions execution running inside a Simulation. Created by `startSimulatedExecution`;
 * it advances only as the simulation runs (timers) and as Tasks are answered.
 */
export class SimulatedExecution {
  /** The execution name (`$$.Execution.Name`). */
  readonly name: string;
  /** Simulated time (ms) it started at. */
  readonly startTime: number;
  /** The clock it runs on. */
  readonly clock: SimulationClock;
  /** The interpreter's execution (history recorder, actor, stepping-free controls). */
  readonly execution: Execution;
  private ended: ExecutionOutcome | null = null;
  private endedAt: number | undefined;

  /** @internal use `startSimulatedExecution`. */
  constructor(
    sim: Simulation,
    rng: Rng,
    source: StateMachineDefinition | CompiledStateMachine,
    input: unknown,
    options: SimulatedExecutionOptions,
  ) {
    this.clock = options.clock ?? new SimulationClock(sim, options.epochMs);
    if (this.clock.sim !== sim) throw new Error('The clock belongs to another Simulation.');
    const n = (started.get(sim) ?? 0) + 1;
    started.set(sim, n);
    this.name = options.name ?? `execution-${n}`;
    this.startTime = sim.now;
    const onEvent = options.onEvent;
    const executionOptions: ExecutionOptions = {
      clock: this.clock,
      random: () => rng.next(),
      history: options.history ?? false,
      name: this.name,
      onFinish: (outcome) => {
        this.ended = outcome;
        this.endedAt = sim.now;
        if (onEvent) {
          shield(onEvent, {
            ...outcome,
            type: 'ExecutionFinished',
            time: sim.now,
            execution: this,
            status: outcome.status as Exclude<ExecutionStatus, 'RUNNING'>,
          });
        }
      },
    };
    if (options.taskHandler) executionOptions.taskHandler = adaptTaskHandler(options.taskHandler);
    if (onEvent) executionOptions.observer = new EventForwarder(sim, this, onEvent);
    for (const key of PASSED_THROUGH) {
      if (options[key] !== undefined)
        (executionOptions as Record<string, unknown>)[key] = options[key];
    }
    depth++;
    try {
      this.execution = new Execution(source, input, executionOptions);
    } finally {
      depth--;
    }
    rethrowHeld();
  }

  /** RUNNING until it ends, then SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
  get status(): ExecutionStatus {
    return this.ended?.status ?? 'RUNNING';
  }

  /** True once it ended. */
  get done(): boolean {
    return this.ended !== null;
  }

  /** Simulated time (ms) it ended at, or undefined while running. */
  get endTime(): number | undefined {
    return this.endedAt;
  }

  /** Status plus output (SUCCEEDED) or error and cause; `{status: 'RUNNING'}` while running. */
  outcome(): ExecutionOutcome {
    return this.ended ?? { status: 'RUNNING' };
  }

  /** The outcome and the history (empty unless `history: true`). */
  result(): ExecutionResult {
    return { ...this.outcome(), history: this.execution.history };
  }

  /** The AWS-shaped history so far (empty unless started with `history: true`). */
  get history(): HistoryEvent[] {
    return this.execution.history;
  }

  /** Names of the states being worked on now, across branches and iterations. */
  currentStates(): string[] {
    return this.execution.currentStates();
  }

  /** Stops it as StopExecution does (status ABORTED); nothing if it already ended. */
  stop(error?: string, cause?: string): void {
    enter(() => this.execution.stop(error, cause), undefined);
  }
}

/**
 * Starts an execution inside `sim`: its timers (Wait, Retry back-off, TimeoutSeconds,
 * HeartbeatSeconds, the execution's TimeoutSeconds) are simulation events, its random draws come
 * from `rng` (pass `rng.split(name)` to keep executions' streams independent of each other), and
 * its Tasks are answered by `options.taskHandler`. Pass a `compileDefinition(...)` result to skip
 * validating the definition for every execution (a plain definition is validated each time and
 * throws DefinitionError if invalid). With nothing asynchronous it may have ended on return.
 */
export function startSimulatedExecution(
  sim: Simulation,
  rng: Rng,
  definition: StateMachineDefinition | CompiledStateMachine,
  input: unknown,
  options: SimulatedExecutionOptions = {},
): SimulatedExecution {
  return new SimulatedExecution(sim, rng, definition, input, options);
}
