/**
 * Types of the Amazon States Language as this interpreter reads it, and of the values the
 * interpreter hands to its callers (task invocations, history events, execution results).
 *
 * The definition types are deliberately loose (every field optional, values `unknown` where ASL
 * allows a JSONPath string, a JSONata `{% %}` string or a literal): the definition arrives as
 * untrusted JSON, and `validate.ts` is what turns "typed" into "checked".
 */

/** Which expression language a state evaluates its fields in. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A Retry entry ("Retrier"). */
export interface RetrierDefinition {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/** A Catch entry ("Catcher"). */
export interface CatcherDefinition {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

/** A Choice rule: a comparison, a boolean combinator, or (JSONata) a Condition. */
export interface ChoiceRuleDefinition {
  Next?: string;
  Variable?: string;
  And?: ChoiceRuleDefinition[];
  Or?: ChoiceRuleDefinition[];
  Not?: ChoiceRuleDefinition;
  Condition?: unknown;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  Comment?: string;
  [operator: string]: unknown;
}

/** A Parallel branch, a Map ItemProcessor/Iterator: a nested state machine. */
export interface SubMachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' };
}

/** Map's ItemReader. */
export interface ItemReaderDefinition {
  Resource: string;
  Parameters?: Record<string, unknown>;
  Arguments?: unknown;
  ReaderConfig?: {
    InputType?: 'CSV' | 'JSON' | 'JSONL' | 'MANIFEST';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
    MaxItems?: unknown;
    MaxItemsPath?: string;
    ItemsPointer?: string;
  };
}

/** Map's ItemBatcher. */
export interface ItemBatcherDefinition {
  MaxItemsPerBatch?: unknown;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: unknown;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: unknown;
}

/** One state of any type; which fields apply depends on `Type`. */
export interface StateDefinition {
  Type: 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  // JSONPath input/output processing
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  // JSONata input/output processing
  Arguments?: unknown;
  Output?: unknown;
  // Variables (both languages)
  Assign?: Record<string, unknown>;
  // Pass
  Result?: unknown;
  // Task
  Resource?: string;
  TimeoutSeconds?: unknown;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: unknown;
  HeartbeatSecondsPath?: string;
  Credentials?: unknown;
  Retry?: RetrierDefinition[];
  Catch?: CatcherDefinition[];
  // Choice
  Choices?: ChoiceRuleDefinition[];
  Default?: string;
  // Wait
  Seconds?: unknown;
  SecondsPath?: string;
  Timestamp?: unknown;
  TimestampPath?: string;
  // Fail
  Error?: unknown;
  ErrorPath?: string;
  Cause?: unknown;
  CausePath?: string;
  // Parallel
  Branches?: SubMachineDefinition[];
  // Map
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  ItemProcessor?: SubMachineDefinition;
  Iterator?: SubMachineDefinition;
  ItemReader?: ItemReaderDefinition;
  ItemBatcher?: ItemBatcherDefinition;
  ResultWriter?: { Resource?: string; Parameters?: unknown; Arguments?: unknown };
  MaxConcurrency?: unknown;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: unknown;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: unknown;
  ToleratedFailurePercentagePath?: string;
  Label?: string;
}

/** A whole state machine definition. */
export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: QueryLanguage;
}

/** The Context Object (`$$` in JSONPath, `$states.context` in JSONata). */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount: number;
  };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown } };
}

/** What a Task hands to the code that backs it (a simulated Lambda, a test replay, ...). */
export interface TaskInvocation {
  /** The Task's `Resource` ARN, e.g. `arn:aws:states:::lambda:invoke`. */
  resource: string;
  /** The effective input: the result of Parameters (JSONPath) or Arguments (JSONata). */
  input: unknown;
  /** The Task state's name. */
  stateName: string;
  /** Unique token of this attempt, also visible as `$$.Task.Token`. */
  taskToken: string;
  /** 0 for the first attempt, n for the n-th retry. */
  attempt: number;
  /** TimeoutSeconds / HeartbeatSeconds in force for this attempt, if any. */
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** The Context Object as the state sees it. */
  context: ContextObject;
}

/**
 * How the code behind a Task answers. Each function may be called synchronously (inside the
 * handler call: the Task completes in the same step) or later (on the virtual clock); only the
 * first succeed/fail counts, and answers after a timeout are ignored.
 */
export interface TaskCallbacks {
  succeed(output: unknown): void;
  fail(error?: string, cause?: string): void;
  /** Resets the HeartbeatSeconds timer. */
  heartbeat(): void;
}

/**
 * Backs every Task of an execution. It may return a cancel function, called when the attempt is
 * abandoned (timeout, the enclosing Map/Parallel failed, execution stopped).
 */
export type TaskHandler = (task: TaskInvocation, callbacks: TaskCallbacks) => void | (() => void);

/** The clock the execution runs on: XState's `Clock` plus `now()` (epoch milliseconds). */
export interface ExecutionClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Follows an execution state by state, with the values themselves (not their JSON text, as the
 * history has them). Every method is optional; the interpreter calls them synchronously, in the
 * order things happen, across all branches and iterations (a Parallel branch's or a Map
 * iteration's states included). The values are the interpreter's own: read them, don't change
 * them.
 */
export interface ExecutionObserver {
  /**
   * A state was entered with `input` (its raw input, before InputPath); `variables` are the
   * workflow variables in scope (what `$name` reads there).
   */
  stateEntered?(
    name: string,
    type: StateDefinition['Type'],
    input: unknown,
    variables: Readonly<Record<string, unknown>>,
  ): void;
  /** A state was left with `output` (after OutputPath / Output). A Fail state never exits. */
  stateExited?(name: string, type: StateDefinition['Type'], output: unknown): void;
  /**
   * A Retrier took the failure: attempt `retryCount` (1 for the first retry) starts after
   * `delayMs` (jitter included).
   */
  retrying?(
    name: string,
    error: string | undefined,
    cause: string | undefined,
    retryCount: number,
    delayMs: number,
  ): void;
  /** A Catcher took the failure and the execution goes on at `next`. */
  caught?(name: string, error: string | undefined, cause: string | undefined, next: string): void;
  /**
   * The back-off of a retry is over and the state's work runs again (a Task's next attempt, a
   * Parallel's branches or a Map's iterations afresh); `retryCount` as in `retrying`.
   */
  retryStarted?(name: string, type: StateDefinition['Type'], retryCount: number): void;
  /**
   * A state's visit ended in failure, without an Exited event: no Catcher took the error (or it
   * is a Fail state), which now fails the enclosing branch, iteration or execution.
   */
  stateFailed?(
    name: string,
    type: StateDefinition['Type'],
    error: string | undefined,
    cause: string | undefined,
  ): void;
  /**
   * A state's visit was cut short, without an Exited event: a sibling branch or iteration failed,
   * the execution timed out or was stopped. A Task attempt in flight is abandoned.
   */
  stateAborted?(name: string, type: StateDefinition['Type']): void;
}

/** Final (or current) status of an execution, as DescribeExecution reports it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
