/**
 * Running a state machine: an `Execution` runs the compiled definition (`engine.ts`) on an
 * injected clock, records the history, and exposes status, result, stepping and stopping.
 * `runExecution` drives one to completion on a virtual clock. `compileDefinition` validates a
 * definition once for many executions.
 */
import { VirtualClock } from './clock';
import { ErrorNames, reportedCause } from './errors';
import { programOf, Run, type Frame } from './engine';
import { HistoryRecorder, MAX_HISTORY_EVENTS, NOT_TRUNCATED, type HistoryEvent } from './history';
import { isoTime, StepGate, type Branch, type Env } from './runtime';
import { json } from './states/common';
import type {
  ExecutionClock,
  ExecutionObserver,
  ExecutionStatus,
  StateMachineDefinition,
  TaskHandler,
} from './types';
import { assertValidDefinition } from './validate';

/** How to run an execution. Everything is optional. */
export interface ExecutionOptions {
  /** The clock timers run on (default: a fresh VirtualClock at 2025-01-01T00:00:00Z). */
  clock?: ExecutionClock;
  /** Backs the Task states (default: every Task fails with States.TaskFailed). */
  taskHandler?: TaskHandler;
  /** Randomness for FULL jitter and random intrinsics, in [0, 1) (default: seeded, deterministic). */
  random?: () => number;
  /** Simulated S3 objects for ItemReader, keyed `bucket/key`. */
  s3Objects?: Record<string, string>;
  /** Park after every state until `step()` (the UI's step-through). */
  stepping?: boolean;
  /** Names and account details that appear in the Context Object and ARNs. */
  name?: string;
  stateMachineName?: string;
  roleArn?: string;
  region?: string;
  accountId?: string;
  /** AWS's quota is 25,000 events; exceeding it fails the execution. */
  maxHistoryEvents?: number;
  /**
   * The longest the execution may run, in seconds, whatever the definition's TimeoutSeconds says
   * (the smaller wins; then the execution ends TIMED_OUT): an Express workflow's 5 minutes, a
   * Standard workflow's year.
   */
  maxDurationSeconds?: number;
  /** Called with every history event as it is recorded. */
  onEvent?: (event: HistoryEvent) => void;
  /**
   * Keep the history (default true). With false the events are still counted (ids and the
   * history quota behave the same) but not stored, and unless `onEvent` is given their JSON text
   * is never built: `history` stays empty.
   */
  history?: boolean;
  /** Follows the execution state by state, with values rather than JSON text. */
  observer?: ExecutionObserver;
  /**
   * Called once when the execution ends (whatever the status), with its outcome; `status` and
   * `result()` already report it. If the execution ends during the constructor, so does this.
   * It runs inside the interpreter: it must not throw (startSimulatedExecution's `onEvent` may,
   * see there).
   */
  onFinish?: (outcome: ExecutionOutcome) => void;
}

/** How an execution ended (or RUNNING), as DescribeExecution reports it. */
export interface ExecutionOutcome {
  status: ExecutionStatus;
  output?: unknown;
  error?: string;
  cause?: string;
}

/** The outcome of an execution, as DescribeExecution and GetExecutionHistory report it. */
export interface ExecutionResult extends ExecutionOutcome {
  history: HistoryEvent[];
}

/**
 * A definition validated once, from which any number of executions start without validating it
 * again. It holds its own copy, so changing the object it was made from changes nothing here.
 */
export class CompiledStateMachine {
  private constructor(readonly definition: Readonly<StateMachineDefinition>) {}

  /** Validates (throws DefinitionError with every problem) and compiles `definition`. */
  static compile(definition: StateMachineDefinition): CompiledStateMachine {
    assertValidDefinition(definition);
    const compiled = new CompiledStateMachine(structuredClone(definition));
    // Build (and cache) the program now rather than on the first execution.
    programOf(compiled.definition as StateMachineDefinition);
    return compiled;
  }
}

/** Validates and compiles a definition once, to start many executions from (see Execution). */
export function compileDefinition(definition: StateMachineDefinition): CompiledStateMachine {
  return CompiledStateMachine.compile(definition);
}

/** The epoch a default VirtualClock starts at: 2025-01-01T00:00:00Z. */
export const DEFAULT_START_TIME = Date.UTC(2025, 0, 1);

/** A small deterministic PRNG (mulberry32), so unseeded runs are reproducible. */
export function seededRandom(seed = 0x5eed): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const noop = (): void => {};

const noHandler: TaskHandler = (task, cb) =>
  cb.fail(ErrorNames.TaskFailed, `No task handler is configured for resource '${task.resource}'.`);

/**
 * One execution of a state machine. It starts on construction; with synchronous task answers and
 * no timers it may already be done when the constructor returns. Drive time with the clock you
 * passed (or `clock` here), answer tasks through the TaskHandler's callbacks, and with `stepping`
 * call `step()` to take one state transition at a time.
 */
export class Execution {
  readonly clock: ExecutionClock;
  readonly recorder: HistoryRecorder;
  private readonly gate: StepGate | null;
  private readonly env: Env;
  private readonly run: Run;

  constructor(
    source: StateMachineDefinition | CompiledStateMachine,
    input: unknown,
    options: ExecutionOptions = {},
  ) {
    let definition: StateMachineDefinition;
    if (source instanceof CompiledStateMachine) {
      definition = source.definition as StateMachineDefinition;
    } else {
      assertValidDefinition(source);
      definition = source;
    }
    this.clock = options.clock ?? new VirtualClock(DEFAULT_START_TIME);
    const clock = this.clock;
    this.gate = options.stepping ? new StepGate() : null;
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    const smName = options.stateMachineName ?? 'StateMachine';
    const name = options.name ?? 'execution';
    const roleArn = options.roleArn ?? `arn:aws:iam::${accountId}:role/StepFunctionsRole`;
    this.recorder = new HistoryRecorder(
      () => clock.now(),
      options.onEvent,
      options.history ?? true,
    );
    this.env = {
      clock,
      taskHandler: options.taskHandler ?? noHandler,
      random: options.random ?? seededRandom(),
      observer: options.observer ?? null,
      // A copy: ResultWriter adds objects, and the caller's map must not change under it.
      s3Objects: { ...options.s3Objects },
      gate: this.gate,
      execution: {
        Id: `arn:aws:states:${region}:${accountId}:execution:${smName}:${name}`,
        Input: input,
        Name: name,
        RoleArn: roleArn,
        StartTime: isoTime(clock.now()),
        RedriveCount: 0,
      },
      stateMachine: {
        Id: `arn:aws:states:${region}:${accountId}:stateMachine:${smName}`,
        Name: smName,
      },
      region,
      accountId,
      maxHistoryEvents: options.maxHistoryEvents ?? MAX_HISTORY_EVENTS,
      serial: 0,
      transitions: 0,
    };
    const branch: Branch = {
      env: this.env,
      history: this.recorder,
      chain: { last: 0 },
      queryLanguage: definition.QueryLanguage ?? 'JSONPath',
      memo: {},
    };
    this.recorder.record(
      branch.chain,
      'ExecutionStarted',
      this.recorder.enabled
        ? {
            executionStartedEventDetails: {
              input: json(input),
              inputDetails: NOT_TRUNCATED,
              roleArn,
            },
          }
        : undefined,
      false,
    );
    const onFinish = options.onFinish;
    this.run = new Run(
      this.env,
      branch,
      programOf(definition),
      input,
      timeoutMs(definition.TimeoutSeconds, options.maxDurationSeconds),
      onFinish ? () => onFinish(this.outcome()) : noop,
    );
    this.run.start();
  }

  /** The simulated S3 objects, including those a Map's ResultWriter wrote. */
  get s3Objects(): Readonly<Record<string, string>> {
    return this.env.s3Objects;
  }

  /** The history so far. */
  get history(): HistoryEvent[] {
    return this.recorder.events;
  }

  /** True once the execution reached a terminal status. */
  get done(): boolean {
    return this.run.end !== null;
  }

  /** Number of states entered so far. */
  get transitions(): number {
    return this.env.transitions;
  }

  /** RUNNING until the execution ends, then how it ended. */
  get status(): ExecutionStatus {
    return this.run.end?.status ?? 'RUNNING';
  }

  /** Status plus output (SUCCEEDED) or error and cause (otherwise), and the history. */
  result(): ExecutionResult {
    return { ...this.outcome(), history: this.recorder.events };
  }

  /** Status plus output (SUCCEEDED) or error and cause (otherwise), without the history. */
  outcome(): ExecutionOutcome {
    const end = this.run.end;
    if (!end) return { status: 'RUNNING' };
    const result: ExecutionOutcome = { status: end.status };
    if (end.status === 'SUCCEEDED') result.output = end.output;
    else if (end.status === 'FAILED') {
      const f = end.failure;
      if (f.error !== undefined) result.error = f.error;
      const cause = reportedCause(f);
      if (cause !== undefined) result.cause = cause;
    } else if (end.status === 'TIMED_OUT') result.error = 'States.Timeout';
    return result;
  }

  /**
   * Stepping mode: lets the longest-waiting state transition happen (anywhere in the execution,
   * branches and iterations included). False if nothing is waiting for a step: the execution is
   * done, or waiting for time to pass or for a task to answer.
   */
  step(): boolean {
    return this.gate?.release((frame) => (frame as Frame).deliver(stepFrame, frame)) ?? false;
  }

  /** Transitions waiting for `step()`. */
  get pendingSteps(): number {
    return this.gate?.pending ?? 0;
  }

  /** Stops the execution as StopExecution does (status ABORTED). */
  stop(error?: string, cause?: string): void {
    if (this.done) return;
    this.run.root.deliver(abortRun, { run: this.run, error, cause });
  }

  /** Names of the states being worked on right now, across branches and iterations. */
  currentStates(): string[] {
    const names: string[] = [];
    this.run.root.currentStates(names);
    return names;
  }
}

const stepFrame = (frame: { step(): void }): void => frame.step();
const abortRun = (a: { run: Run; error: string | undefined; cause: string | undefined }): void =>
  a.run.abort(a.error, a.cause);

/** The execution's time limit in ms: the definition's TimeoutSeconds and the caller's cap. */
function timeoutMs(definition: number | undefined, cap: number | undefined): number | undefined {
  if (definition === undefined && cap === undefined) return undefined;
  return Math.min(definition ?? Infinity, cap ?? Infinity) * 1000;
}

/** Starts an execution (see `Execution`). */
export function startExecution(
  definition: StateMachineDefinition | CompiledStateMachine,
  input: unknown,
  options: ExecutionOptions = {},
): Execution {
  return new Execution(definition, input, options);
}

/** Options of `runExecution`: a VirtualClock (or none: a fresh one is used). */
export interface RunOptions extends Omit<ExecutionOptions, 'clock'> {
  clock?: VirtualClock;
}

/**
 * Runs an execution to completion on a virtual clock: takes every pending step, then jumps the
 * clock to the next timer, until the execution ends or nothing is left to do (a Task that never
 * answers and has no timeout: the result is then RUNNING).
 */
export function runExecution(
  definition: StateMachineDefinition | CompiledStateMachine,
  input: unknown,
  options: RunOptions = {},
): ExecutionResult {
  const clock = options.clock ?? new VirtualClock(DEFAULT_START_TIME);
  const execution = new Execution(definition, input, { ...options, clock });
  while (!execution.done) {
    if (execution.step()) continue;
    if (!clock.runNext()) break;
  }
  return execution.result();
}
