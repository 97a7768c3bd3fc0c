import {
  compileDefinition,
  DefinitionError,
  evaluatePayloadTemplate,
  SimulationClock,
  startSimulatedExecution,
  type CompiledStateMachine,
  type ExecutionStatus,
  type HistoryEvent,
  type SimulatedExecution,
  type SimulatedExecutionEvent,
  type SimulatedTaskResult,
  type StateDefinition,
  type StateMachineDefinition,
  type TaskInvocation,
} from '../../aws/stepFunctions';
import { Histogram, type World } from '../../engine';
import { TokenBucket } from '../../aws/tokenBucket';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, takeCustody, Trace, type Custodian, type Reply, type Result } from '../messages';
import { narrateStepFunctions } from './stories';

/** Standard or Express: what AWS documents as different between them, as far as a run shows. */
export type WorkflowType = 'STANDARD' | 'EXPRESS';

/**
 * The documented differences that matter here
 * (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/limits.html, .../express-limits.html):
 * how long an execution may run, whether Step Functions keeps its history, how often it runs.
 */
export const WORKFLOW_TYPES: Record<
  WorkflowType,
  { maxDurationS: number; keepsHistory: boolean; semantics: string; billedBy: string }
> = {
  STANDARD: {
    maxDurationS: 365 * 86_400,
    keepsHistory: true,
    semantics: 'exactly-once',
    billedBy: 'state transitions',
  },
  EXPRESS: {
    maxDurationS: 300,
    keepsHistory: false,
    semantics: 'at-least-once',
    billedBy: 'requests and duration (GB-seconds)',
  },
};

/** Per state of the definition: what the view draws on the state and the CLI prints. */
export interface StateStats {
  /** Executions in the state now (a Map's iterations count once each). */
  inState: number;
  /** Of those, Task attempts waiting for the service they called (a Lambda) to answer. */
  waiting: number;
  /** Of those, waiting out a Retry back-off. */
  retrying: number;
  /** Visits so far. */
  entered: number;
  /** Visits that left the state normally (a caught error included). */
  exited: number;
  /** Visits that failed (no Catcher took the error; a Fail state). */
  failed: number;
  /** Visits cut short (a sibling branch failed, the execution timed out or was stopped). */
  aborted: number;
  /** Retries granted by the state's Retriers. */
  retries: number;
  /** Errors a Catcher of the state took. */
  caught: number;
  /** Time in the state (entry to exit, failure or abort), over the visits that ended: ms. */
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

/** One thing that happened in an execution, for following it in the view. `t` is simulated ms. */
export type ExecutionStep =
  | {
      t: number;
      type: 'entered';
      state: string;
      stateType: string;
      /** The raw input (before InputPath). */
      input: unknown;
      /** The workflow variables in scope, when there are any. */
      variables?: Readonly<Record<string, unknown>>;
    }
  | { t: number; type: 'exited'; state: string; stateType: string; output: unknown }
  | { t: number; type: 'failed'; state: string; error?: string; cause?: string }
  | { t: number; type: 'aborted'; state: string }
  | {
      t: number;
      type: 'taskScheduled';
      state: string;
      resource: string;
      /** The effective input (after InputPath and Parameters, or Arguments). */
      input: unknown;
      attempt: number;
    }
  | { t: number; type: 'taskSucceeded'; state: string; output: unknown }
  | { t: number; type: 'taskFailed'; state: string; error?: string; cause?: string }
  | {
      t: number;
      type: 'retry';
      state: string;
      error?: string;
      cause?: string;
      retryCount: number;
      delayMs: number;
    }
  | { t: number; type: 'caught'; state: string; error?: string; cause?: string; next: string };

/**
 * What the node keeps of one execution to follow it: up to `historyKept` running and the last
 * `historyKept` ended (a new execution is followed while fewer than `historyKept` followed ones
 * run).
 */
export interface ExecutionRecord {
  /** The message that started it. */
  msgId: number;
  /** The execution name (`$$.Execution.Name`). */
  name: string;
  workflowType: WorkflowType;
  /** A second run of the same start (Express is at-least-once): its end settles nothing. */
  duplicate: boolean;
  status: ExecutionStatus;
  startMs: number;
  endMs?: number;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** State by state, with the values (kept for every workflow type). */
  steps: ExecutionStep[];
  /**
   * AWS's execution history (GetExecutionHistory's events), while the node keeps histories
   * (`history`: Standard workflows by default; Step Functions keeps none for Express ones).
   */
  history?: HistoryEvent[];
}

/** Time-in-state statistics of one state. */
class StateStat {
  inState = 0;
  waiting = 0;
  retrying = 0;
  entered = 0;
  exited = 0;
  failed = 0;
  aborted = 0;
  retries = 0;
  caught = 0;
  readonly time = new Histogram();

  view(): StateStats {
    const t = this.time;
    return {
      inState: this.inState,
      waiting: this.waiting,
      retrying: this.retrying,
      entered: this.entered,
      exited: this.exited,
      failed: this.failed,
      aborted: this.aborted,
      retries: this.retries,
      caught: this.caught,
      meanMs: t.count === 0 ? 0 : round1(t.mean()),
      p95Ms: t.count === 0 ? 0 : round1(t.percentile(0.95)),
      maxMs: round1(t.max),
    };
  }
}

/** One running execution as the node follows it. */
class Running {
  /**
   * The visits open now: state name and when it was entered, pairs in a flat list (a few at a
   * time; a Map's iterations may overlap in one state: first in, first out).
   */
  readonly open: (string | number)[] = [];
  /** States waiting out a back-off, by name, with how many visits do (made on the first retry). */
  backoff: Map<string, number> | undefined;
  execution: SimulatedExecution | undefined;

  constructor(
    readonly trace: Trace,
    readonly record: ExecutionRecord,
    /** The record is kept in the ring (steps are recorded). */
    readonly followed: boolean,
    /** Answers a StartSyncExecution caller when the execution ends. */
    readonly reply: Reply | undefined,
  ) {}
}

/** A Task attempt in flight at a service. */
interface Attempt {
  state: StateStat;
  settled: boolean;
}

/** The Lambda function a Task's resource names, as `config.resource` of the edge may give it. */
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/**
 * An AWS Step Functions state machine running real Amazon States Language on the simulation's
 * clock (src/aws/stepFunctions). Each message that arrives starts one execution whose input is the
 * message's payload body:
 * - over an `async` edge: StartExecution, answered at once (the state machine takes the message
 *   over, and the execution's end decides its fate);
 * - over a `sync` edge: StartSyncExecution, answered when the execution ends (Express only; AWS
 *   refuses it for a Standard state machine).
 * The execution's end settles the message: SUCCEEDED completes it; FAILED, TIMED_OUT and ABORTED
 * drop it (in the node's graveyard, with the error and cause).
 *
 * Task states call the services the node's outgoing `sync` edges reach: the edge whose
 * `config.resource` is the Task's `Resource`, or, for `arn:aws:states:::lambda:invoke`, the
 * function named by the Task's `FunctionName` argument (an ARN or a name). The call travels the
 * edge (drawn, with the service's concurrency, duration and errors): a Lambda that throws fails the
 * Task with the function's error type (`config.errorType` of the edge, default `Error`, as a
 * Node.js function's `throw new Error()`), one that times out with `Lambda.Unknown`, a throttled
 * invoke with `Lambda.TooManyRequestsException`, as AWS names them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html). What the
 * function returns is the edge's `config.output`, a payload template over the function's input
 * (`"key.$": "$.path"` reads it), or its input unchanged; `lambda:invoke` wraps it as AWS does
 * (`{ Payload, StatusCode, ... }`). A Task whose resource no edge serves takes its answer from
 * `taskResults` (`{ "<resource>": { "output": ... } | { "error": "...", "cause": "..." } }`) or
 * fails with States.TaskFailed.
 *
 * Standard and Express (`workflowType`) differ as documented: an Express execution times out after
 * 5 minutes, a Standard one after a year (or the definition's TimeoutSeconds, if shorter); Step
 * Functions keeps a Standard execution's history and none for Express (`history` overrides);
 * Express runs at least once (`duplicateRate`: the share of asynchronous starts that run twice),
 * Standard exactly once; Standard is billed by state transition (`stateTransitions`: states
 * entered plus retries), Express by request (`executions`) and duration (`busyS`: each
 * execution's duration rounded up to 100 ms, added up). Both are counted whatever the type.
 *
 * Quotas of a Standard workflow, per account and Region, as AWS documents them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html; us-east-1, us-west-2
 * and eu-west-1 figures): StartExecution is a token bucket of 1,300 refilled at 300 per second, and
 * a start without a token is refused with ThrottlingException (the message is dropped as
 * throttled); at most 1,000,000 open executions, past which StartExecution fails with
 * ExecutionLimitExceeded; state transitions take tokens from a bucket of 5,000 refilled at 5,000
 * per second. AWS does not fail an execution whose transitions are throttled, it slows it down: a
 * state entered without a token is counted (`throttledTransitions`) and the execution's next Task
 * call waits until the bucket has paid that debt back. Express workflows have quotas of their own
 * (much higher, not modelled here).
 *
 * Config: `definition` (the ASL, JSON), `workflowType`, `history` (keep AWS's execution history of
 * the last executions), `historyKept` (how many executions to keep for following, default 20),
 * `taskResults`, `duplicateRate`, `startExecutionRatePerS` / `startExecutionBurst` (300 / 1,300),
 * `stateTransitionRatePerS` / `stateTransitionBurst` (5,000 / 5,000), `maxOpenExecutions`
 * (1,000,000). Edge config (outgoing `sync`): `resource`, `output`, `errorType`; (incoming)
 * `batchInput`: the caller (an EventBridge pipe) sends a batch, so the input is a list.
 */
export class StateMachineNode implements NodeInstance {
  private readonly custodian: Custodian;
  private readonly clock: SimulationClock;
  private compiled!: CompiledStateMachine;
  private definitionText = '';
  private workflowType: WorkflowType = 'STANDARD';
  private keepHistory = true;
  private historyKept = 20;
  private duplicateRate = 0;
  private taskResults: Record<string, unknown> = {};
  /** The node's own executions by name, while they run. */
  private readonly running = new Map<string, Running>();
  /**
   * The executions followed (steps recorded, and AWS's history when kept), oldest first: at most
   * `historyKept` running and `historyKept` ended. A new execution is followed while fewer than
   * `historyKept` followed ones run, so at any rate the cost of following stays bounded.
   */
  private readonly kept: ExecutionRecord[] = [];
  private followedRunning = 0;
  /** The outgoing edge serving each (resource, function) a Task named. */
  private readonly services = new Map<string, Link | null>();
  private readonly states = new Map<string, StateStat>();
  private readonly durations: Record<'SUCCEEDED' | 'FAILED' | 'TIMED_OUT', Histogram> = {
    SUCCEEDED: new Histogram(),
    FAILED: new Histogram(),
    TIMED_OUT: new Histogram(),
  };
  private readonly counts = {
    started: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    refused: 0,
    startThrottled: 0,
    executionLimitExceeded: 0,
    throttledTransitions: 0,
    duplicates: 0,
    transitions: 0,
    retries: 0,
    taskCalls: 0,
    billedDurationMs: 0,
  };
  private serial = 0;
  private startBucket: TokenBucket | undefined;
  private transitionBucket: TokenBucket | undefined;
  private maxOpen = 1_000_000;

  constructor(private readonly ctx: NodeContext) {
    const id = ctx.runtime.node.id;
    let byId = NODES.get(ctx.world);
    if (!byId) NODES.set(ctx.world, (byId = new Map()));
    byId.set(id, this);
    this.custodian = { name: id, node: id };
    this.clock = new SimulationClock(ctx.world.sim);
    this.configure(ctx.config);
  }

  // --- configuration -------------------------------------------------------------------------

  private configure(config: ConfigReader): void {
    const node = this.ctx.runtime.node;
    const definition = config.record('definition');
    if (!definition) throw new Error(`node ${node.id}: config "definition" (the ASL) is required`);
    const text = JSON.stringify(definition);
    if (text !== this.definitionText) {
      try {
        this.compiled = compileDefinition(definition as unknown as StateMachineDefinition);
      } catch (e) {
        if (e instanceof DefinitionError)
          throw new Error(
            `node ${node.id}: the state machine definition is invalid:\n${e.message}`,
            { cause: e },
          );
        throw e;
      }
      this.definitionText = text;
      this.indexStates();
    }
    const type = config.str('workflowType', 'STANDARD');
    if (type !== 'STANDARD' && type !== 'EXPRESS')
      throw new Error(`node ${node.id}: workflowType must be STANDARD or EXPRESS, got "${type}"`);
    this.workflowType = type;
    this.keepHistory = config.bool('history', WORKFLOW_TYPES[type].keepsHistory);
    this.historyKept = Math.max(0, Math.round(config.num('historyKept', 20)));
    this.duplicateRate = Math.min(1, Math.max(0, config.num('duplicateRate', 0)));
    this.taskResults = (config.record('taskResults') ?? {}) as Record<string, unknown>;
    this.configureQuotas(config);
    this.checkStarts();
  }

  /** The Standard workflow quotas (token buckets keep the tokens they had across a change). */
  private configureQuotas(config: ConfigReader): void {
    const now = this.ctx.world.sim.now;
    const bucket = (b: TokenBucket | undefined, rate: number, burst: number) => {
      if (!b) return new TokenBucket(rate, burst, now);
      b.setLimits(rate, burst, now);
      return b;
    };
    this.startBucket = bucket(
      this.startBucket,
      config.num('startExecutionRatePerS', 300),
      config.num('startExecutionBurst', 1300),
    );
    this.transitionBucket = bucket(
      this.transitionBucket,
      config.num('stateTransitionRatePerS', 5000),
      config.num('stateTransitionBurst', 5000),
    );
    this.maxOpen = Math.max(1, Math.round(config.num('maxOpenExecutions', 1_000_000)));
  }

  /**
   * How long a Task call waits for the state-transition bucket to pay back the transitions taken
   * without a token (0 when none is owed, and always for Express workflows).
   */
  private transitionDebtMs(run: Running): number {
    const b = this.transitionBucket;
    if (!b || run.record.workflowType !== 'STANDARD') return 0;
    const tokens = b.available(this.ctx.world.sim.now);
    return tokens >= 0 ? 0 : (-tokens / Math.max(b.ratePerS, 1e-9)) * 1000;
  }

  /** One state transition takes a token; without one it is counted and owed (see the class doc). */
  private takeTransition(run: Running): void {
    const b = this.transitionBucket;
    if (!b || run.record.workflowType !== 'STANDARD') return;
    if (!b.tryTake(this.ctx.world.sim.now)) {
      this.counts.throttledTransitions++;
      b.owe(1);
    }
  }

  /** One stats entry per state of the definition (nested ones included), in definition order. */
  private indexStates(): void {
    const visit = (states: Record<string, StateDefinition>) => {
      for (const [name, def] of Object.entries(states)) {
        if (!this.states.has(name)) this.states.set(name, new StateStat());
        for (const branch of def.Branches ?? []) visit(branch.States);
        const processor = def.ItemProcessor ?? def.Iterator;
        if (processor) visit(processor.States);
      }
    };
    visit(this.compiled.definition.States as Record<string, StateDefinition>);
  }

  /** AWS refuses StartSyncExecution for a Standard state machine: say so. */
  private checkStarts(): void {
    const sync = this.ctx.runtime.in.some((l) => l.edge.kind === 'sync');
    this.ctx.note(
      sync && this.workflowType === 'STANDARD'
        ? `${this.ctx.runtime.node.label}: StartSyncExecution only works for Express state machines; AWS refuses it for a Standard one (StateMachineTypeNotSupported), so synchronous starts are refused.`
        : undefined,
    );
  }

  reconfigure(config: ConfigReader): void {
    // Executions that run go on with the definition and type they started with.
    this.configure(config);
    this.services.clear(); // the edges' settings may have changed
  }

  // --- starting executions -------------------------------------------------------------------

  /**
   * A synchronous start (StartSyncExecution, a pipe's sync call) of a Standard state machine:
   * refused as Step Functions refuses it, and counted. True when it was.
   */
  private refusesSyncStart(reply: Reply): boolean {
    if (this.workflowType === 'EXPRESS') return false;
    this.counts.refused++;
    reply(
      fail(
        'refused',
        'StateMachineTypeNotSupported: This operation is not supported by this type of state machine',
        400,
      ),
    );
    return true;
  }

  accept(trace: Trace, reply: Reply, link: Link): void {
    const messages = this.ctx.messages;
    if (link.edge.kind === 'sync') {
      if (this.refusesSyncStart(reply)) return;
      // StartSyncExecution: the caller waits. The state machine decides the message's fate unless
      // someone that is not an entry point (a function that called it) already holds it.
      const held = takeCustody(trace, this.custodian);
      this.startExecution(
        held ? trace : new Trace(trace.id, { name: 'caller' }),
        reply,
        false,
        batchOf(link, trace),
      );
      return;
    }
    // StartExecution: refused past the Standard quotas (the caller keeps the message);
    // otherwise answered at once with the execution's ARN, and the execution holds the message.
    if (this.workflowType === 'STANDARD') {
      if (this.running.size >= this.maxOpen) {
        this.counts.executionLimitExceeded++;
        reply(
          fail(
            'refused',
            `ExecutionLimitExceeded: The maximum number of running executions has been reached for this account (${this.maxOpen}).`,
            400,
          ),
        );
        return;
      }
      if (this.startBucket && !this.startBucket.tryTake(this.ctx.world.sim.now)) {
        this.counts.startThrottled++;
        reply(fail('throttled', 'ThrottlingException: Rate exceeded (StartExecution)', 400));
        return;
      }
    }
    const id = messages.handOff(trace);
    const held = new Trace(id, this.custodian);
    reply({ ok: true, status: 200 });
    this.startExecution(held, undefined, false, batchOf(link, trace));
    if (
      this.workflowType === 'EXPRESS' &&
      this.duplicateRate > 0 &&
      this.ctx.rng.chance(this.duplicateRate)
    ) {
      // At-least-once: the same start runs a second time; its end settles nothing.
      this.counts.duplicates++;
      this.startExecution(
        new Trace(id, { name: `${this.custodian.name} duplicate` }),
        undefined,
        true,
      );
    }
  }

  /**
   * StartSyncExecution with a batch (an EventBridge pipe's REQUEST_RESPONSE target or enrichment):
   * one execution whose input is the list of the records; the caller keeps the messages.
   */
  acceptBatch(traces: readonly Trace[], reply: Reply): void {
    const lead = traces[0];
    if (!lead) {
      reply({ ok: true, status: 200 });
      return;
    }
    if (this.refusesSyncStart(reply)) return;
    this.startExecution(new Trace(lead.id, { name: 'caller' }), reply, false, traces);
  }

  private startExecution(
    trace: Trace,
    reply: Reply | undefined,
    duplicate: boolean,
    batch?: readonly Trace[],
  ): void {
    const sim = this.ctx.world.sim;
    const name = `msg-${trace.id}${duplicate ? `-dup-${++this.serial}` : ''}`;
    const messages = this.ctx.messages;
    // An EventBridge pipe starts an execution with its batch: a list of records.
    const input = batch
      ? batch.map((t) => messages.payloadOf(t.id).body)
      : messages.payloadOf(trace.id).body;
    const type = this.workflowType;
    const record: ExecutionRecord = {
      msgId: trace.id,
      name,
      workflowType: type,
      duplicate,
      status: 'RUNNING',
      startMs: sim.now,
      input,
      steps: [],
    };
    const followed = this.followedRunning < this.historyKept;
    if (followed) {
      this.followedRunning++;
      this.kept.push(record);
    }
    const run = new Running(trace, record, followed, reply);
    this.running.set(name, run);
    this.counts.started++;
    const execution = startSimulatedExecution(sim, this.ctx.rng, this.compiled, input, {
      clock: this.clock,
      name,
      stateMachineName: this.ctx.runtime.node.id,
      history: this.keepHistory && followed,
      maxDurationSeconds: WORKFLOW_TYPES[type].maxDurationS,
      taskHandler: (task, done) => this.task(run, task, done),
      onEvent: (event) => this.event(run, event),
    });
    run.execution = execution;
    if (this.keepHistory && followed) record.history = execution.history;
  }

  // --- Tasks -----------------------------------------------------------------------------------

  private task(
    run: Running,
    task: TaskInvocation,
    done: (result: SimulatedTaskResult) => void,
  ): () => void {
    const stat = this.stat(task.stateName);
    stat.waiting++;
    this.counts.taskCalls++;
    const attempt: Attempt = { state: stat, settled: false };
    const now = this.ctx.world.sim.now;
    if (run.followed)
      run.record.steps.push({
        t: now,
        type: 'taskScheduled',
        state: task.stateName,
        resource: task.resource,
        input: task.input,
        attempt: task.attempt,
      });
    const answer = (result: SimulatedTaskResult): void => {
      if (attempt.settled) return;
      attempt.settled = true;
      stat.waiting--;
      if (run.followed) {
        const t = this.ctx.world.sim.now;
        run.record.steps.push(
          'output' in result
            ? { t, type: 'taskSucceeded', state: task.stateName, output: result.output }
            : {
                t,
                type: 'taskFailed',
                state: task.stateName,
                ...(result.error !== undefined ? { error: result.error } : {}),
                ...(result.cause !== undefined ? { cause: result.cause } : {}),
              },
        );
      }
      done(result);
    };
    const target = this.serviceFor(task);
    const wait = target ? this.transitionDebtMs(run) : 0;
    if (target && wait > 0)
      // Throttled state transitions slow the execution down: the call goes out once paid back.
      this.ctx.world.sim.schedule(
        wait,
        () => {
          if (!attempt.settled) this.callService(run, target, task, answer);
        },
        undefined,
      );
    else if (target) this.callService(run, target, task, answer);
    else {
      const fixed = this.taskResults[task.resource];
      if (fixed && typeof fixed === 'object' && !Array.isArray(fixed)) {
        const r = fixed as { output?: unknown; error?: unknown; cause?: unknown };
        answer(
          'output' in r
            ? { output: r.output }
            : {
                error: typeof r.error === 'string' ? r.error : 'States.TaskFailed',
                ...(typeof r.cause === 'string' ? { cause: r.cause } : {}),
              },
        );
      } else
        answer({
          error: 'States.TaskFailed',
          cause: `No simulated service answers the resource '${task.resource}' (no edge has it as its resource, and taskResults has no answer for it).`,
        });
    }
    // The attempt was given up (TimeoutSeconds, a sibling branch failed, the execution ended):
    // the service goes on (AWS does not stop a Lambda), but nobody waits for it any more.
    return () => {
      if (attempt.settled) return;
      attempt.settled = true;
      stat.waiting--;
    };
  }

  /** The outgoing edge that serves a Task (see the class comment), looked up once per name. */
  private serviceFor(task: TaskInvocation): Link | undefined {
    const fn = (task.input as { FunctionName?: unknown } | null)?.FunctionName;
    const key = typeof fn === 'string' ? `${task.resource}\n${fn}` : task.resource;
    let link = this.services.get(key);
    if (link === undefined) {
      link = this.findService(task) ?? null;
      this.services.set(key, link);
    }
    return link ?? undefined;
  }

  private findService(task: TaskInvocation): Link | undefined {
    const out = this.ctx.runtime.out;
    const byResource = out.find(
      (l) => l.edge.kind === 'sync' && l.config.str('resource', '') === task.resource,
    );
    if (byResource) return byResource;
    if (!task.resource.startsWith(LAMBDA_INVOKE)) return undefined;
    const fn = (task.input as { FunctionName?: unknown } | null)?.FunctionName;
    if (typeof fn !== 'string') return undefined;
    const name = functionName(fn);
    return out.find((l) => {
      if (l.edge.kind !== 'sync') return false;
      const r = l.config.str('resource', '');
      return r === fn || (r !== '' && functionName(r) === name);
    });
  }

  private callService(
    run: Running,
    link: Link,
    task: TaskInvocation,
    answer: (result: SimulatedTaskResult) => void,
  ): void {
    const invoke = task.resource.startsWith(LAMBDA_INVOKE);
    const raw = task.input as { Payload?: unknown } | null;
    const event =
      invoke && raw && typeof raw === 'object' && 'Payload' in raw ? raw.Payload : task.input;
    // The state machine keeps the message: the function works on it without taking it over.
    const trace = new Trace(run.trace.id, this.custodian, task.attempt + 1);
    const requestId = `${run.record.name}-${++this.serial}`;
    link.call(trace, (r: Result) => {
      if (!r.ok) {
        answer(lambdaError(r, link));
        return;
      }
      const template = link.config.values.output;
      let payload: unknown = event;
      if (template !== undefined) {
        try {
          payload = evaluatePayloadTemplate(template, event, {
            context: task.context,
            variables: {},
            random: () => this.ctx.rng.next(),
          });
        } catch (e) {
          answer({
            error: 'Error',
            cause: JSON.stringify({ errorType: 'Error', errorMessage: String(e) }),
          });
          return;
        }
      }
      if (invoke && !task.resource.endsWith('.waitForTaskToken')) {
        answer({
          output: {
            ExecutedVersion: '$LATEST',
            Payload: payload,
            SdkHttpMetadata: { HttpStatusCode: 200 },
            SdkResponseMetadata: { RequestId: requestId },
            StatusCode: 200,
          },
        });
      } else answer({ output: payload });
    });
  }

  // --- following executions ----------------------------------------------------------------

  private stat(name: string): StateStat {
    let s = this.states.get(name);
    if (!s) this.states.set(name, (s = new StateStat()));
    return s;
  }

  private event(run: Running, e: SimulatedExecutionEvent): void {
    const steps = run.followed ? run.record.steps : null;
    switch (e.type) {
      case 'StateEntered': {
        const s = this.stat(e.state);
        s.inState++;
        s.entered++;
        this.counts.transitions++;
        this.takeTransition(run);
        run.open.push(e.state, e.time);
        steps?.push({
          t: e.time,
          type: 'entered',
          state: e.state,
          stateType: e.stateType,
          input: e.input,
          ...(hasKeys(e.variables) ? { variables: e.variables } : {}),
        });
        return;
      }
      case 'StateExited': {
        const s = this.close(run, e.state, e.time);
        s.exited++;
        steps?.push({
          t: e.time,
          type: 'exited',
          state: e.state,
          stateType: e.stateType,
          output: e.output,
        });
        return;
      }
      case 'StateFailed': {
        const s = this.close(run, e.state, e.time);
        s.failed++;
        steps?.push({
          t: e.time,
          type: 'failed',
          state: e.state,
          ...(e.error !== undefined ? { error: e.error } : {}),
          ...(e.cause !== undefined ? { cause: e.cause } : {}),
        });
        return;
      }
      case 'StateAborted': {
        const s = this.close(run, e.state, e.time);
        s.aborted++;
        steps?.push({ t: e.time, type: 'aborted', state: e.state });
        return;
      }
      case 'Retry': {
        const s = this.stat(e.state);
        s.retries++;
        s.retrying++;
        this.counts.retries++;
        run.backoff ??= new Map();
        run.backoff.set(e.state, (run.backoff.get(e.state) ?? 0) + 1);
        steps?.push({
          t: e.time,
          type: 'retry',
          state: e.state,
          ...(e.error !== undefined ? { error: e.error } : {}),
          ...(e.cause !== undefined ? { cause: e.cause } : {}),
          retryCount: e.retryCount,
          delayMs: e.delayMs,
        });
        return;
      }
      case 'RetryStarted': {
        // The back-off is over: the state's work runs again.
        const pending = run.backoff?.get(e.state) ?? 0;
        if (pending > 0) {
          run.backoff?.set(e.state, pending - 1);
          this.stat(e.state).retrying--;
        }
        return;
      }
      case 'Caught': {
        this.stat(e.state).caught++;
        steps?.push({
          t: e.time,
          type: 'caught',
          state: e.state,
          ...(e.error !== undefined ? { error: e.error } : {}),
          ...(e.cause !== undefined ? { cause: e.cause } : {}),
          next: e.next,
        });
        return;
      }
      case 'ExecutionFinished':
        this.finished(run, e);
    }
  }

  /** A visit of `state` ended at `time`: one fewer in it, and its time in the state recorded. */
  private close(run: Running, state: string, time: number): StateStat {
    const s = this.stat(state);
    s.inState--;
    const open = run.open;
    for (let i = 0; i < open.length; i += 2) {
      if (open[i] !== state) continue;
      s.time.record(time - (open[i + 1] as number));
      open.splice(i, 2);
      break;
    }
    const backoff = run.backoff?.get(state) ?? 0;
    if (backoff > 0) {
      // Cut short while waiting out a back-off.
      run.backoff?.set(state, backoff - 1);
      s.retrying--;
    }
    return s;
  }

  private finished(
    run: Running,
    e: Extract<SimulatedExecutionEvent, { type: 'ExecutionFinished' }>,
  ): void {
    this.running.delete(run.record.name);
    if (run.followed) {
      this.followedRunning--;
      this.trimKept();
    }
    const record = run.record;
    record.status = e.status;
    record.endMs = e.time;
    if (e.output !== undefined) record.output = e.output;
    if (e.error !== undefined) record.error = e.error;
    if (e.cause !== undefined) record.cause = e.cause;
    const took = e.time - record.startMs;
    const c = this.counts;
    if (e.status === 'SUCCEEDED') c.succeeded++;
    else if (e.status === 'FAILED') c.failed++;
    else if (e.status === 'TIMED_OUT') c.timedOut++;
    else c.aborted++;
    if (e.status !== 'ABORTED') this.durations[e.status].record(took);
    // Express bills each execution's duration rounded up to the next 100 ms.
    c.billedDurationMs += Math.max(100, Math.ceil(took / 100) * 100);
    this.settle(run, e);
  }

  /** The execution's end decides the message's fate (and answers a synchronous start). */
  private settle(
    run: Running,
    e: Extract<SimulatedExecutionEvent, { type: 'ExecutionFinished' }>,
  ): void {
    const ok = e.status === 'SUCCEEDED';
    // StartSyncExecution answers 200 whatever the status; a failed execution is a failed
    // business outcome, which is what the caller's ledger records.
    run.reply?.(
      ok
        ? { ok: true, status: 200 }
        : { ok: true, status: 200, fate: e.status === 'TIMED_OUT' ? 'timedOut' : 'error' },
    );
    const trace = run.trace;
    if (run.record.duplicate || trace.owner !== this.custodian) return;
    trace.owner = SETTLED;
    const node = this.ctx.runtime.node.id;
    if (ok) this.ctx.messages.complete(trace.id, node);
    else
      this.ctx.messages.lose(
        node,
        trace.id,
        e.status === 'TIMED_OUT' ? 'timedOut' : 'error',
        1,
        `execution ${run.record.name} ${e.status}${e.error ? ` with ${e.error}` : ''}${e.cause ? `: ${e.cause}` : ''}`,
      );
  }

  /** Forgets the oldest ended executions beyond `historyKept`. */
  private trimKept(): void {
    let ended = 0;
    for (const r of this.kept) if (r.status !== 'RUNNING') ended++;
    for (let i = 0; ended > this.historyKept && i < this.kept.length;) {
      if ((this.kept[i] as ExecutionRecord).status !== 'RUNNING') {
        this.kept.splice(i, 1);
        ended--;
      } else i++;
    }
  }

  // --- what the view and the CLI read --------------------------------------------------------

  /** Per state of the definition, by state name (nested states included). */
  stateStats(): Record<string, StateStats> {
    const out: Record<string, StateStats> = {};
    for (const [name, s] of this.states) out[name] = s.view();
    return out;
  }

  /**
   * What the node keeps of the execution started by message `msgId`, if it follows it (see
   * `recentExecutions`; of an Express start that ran twice, the first run).
   */
  executionHistory(msgId: number): ExecutionRecord | undefined {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const r = this.kept[i] as ExecutionRecord;
      if (r.msgId === msgId && !r.duplicate) return r;
    }
    return undefined;
  }

  /**
   * The executions followed, oldest first: up to `historyKept` running, then the last
   * `historyKept` that ended. Records of running ones grow as they go (steps, history).
   */
  recentExecutions(): readonly ExecutionRecord[] {
    return this.kept;
  }

  /** The definition new executions start with. */
  definition(): StateMachineDefinition {
    return this.compiled.definition as StateMachineDefinition;
  }

  /** Standard or Express, for new executions. */
  get type(): WorkflowType {
    return this.workflowType;
  }

  resetStatistics(): void {
    for (const h of Object.values(this.durations)) h.reset();
    for (const s of this.states.values()) s.time.reset();
  }

  stats(): NodeStats {
    const c = this.counts;
    const running = this.running.size;
    const s: NodeStats = {
      started: c.started,
      running,
      succeeded: c.succeeded,
      failed: c.failed,
      timedOut: c.timedOut,
      aborted: c.aborted,
      transitions: c.transitions,
      retries: c.retries,
      taskCalls: c.taskCalls,
      // What AWS bills (src/kit/cost.ts reads these): a Standard workflow each state transition,
      // retries included; an Express one each request (execution) and its duration, rounded up
      // to 100 ms per execution.
      stateTransitions: c.transitions + c.retries,
      executions: c.started,
      busyS: round3(c.billedDurationMs / 1000),
    };
    if (c.refused > 0) s.refused = c.refused;
    if (c.startThrottled > 0) s.startThrottled = c.startThrottled;
    if (c.executionLimitExceeded > 0) s.executionLimitExceeded = c.executionLimitExceeded;
    if (c.throttledTransitions > 0) s.throttledTransitions = c.throttledTransitions;
    if (c.duplicates > 0) s.duplicates = c.duplicates;
    for (const [status, key] of [
      ['SUCCEEDED', 'succeeded'],
      ['FAILED', 'failed'],
      ['TIMED_OUT', 'timedOut'],
    ] as const) {
      const h = this.durations[status];
      if (h.count === 0) continue;
      s[`${key}MeanMs`] = round1(h.mean());
      s[`${key}P95Ms`] = round1(h.percentile(0.95));
    }
    return s;
  }
}

/** The state machines of each run (its World), by node id: see {@link stateMachineNode}. */
const NODES = new WeakMap<World, Map<string, StateMachineNode>>();

/**
 * The state machine node `nodeId` of the run on `world`, for what only it can tell
 * (`stateStats`, `executionHistory`, `recentExecutions`, `definition`): a way in until the
 * assembly hands out node instances.
 */
export function stateMachineNode(world: World, nodeId: string): StateMachineNode | undefined {
  return NODES.get(world)?.get(nodeId);
}

/** The custodian of a message whose fate is recorded. */
const SETTLED: Custodian = { name: 'settled' };

/** The function's name from an ARN (with or without a version or alias) or a plain name. */
function functionName(fn: string): string {
  const parts = fn.split(':');
  const at = parts.indexOf('function');
  return at >= 0 && parts[at + 1] !== undefined ? (parts[at + 1] as string) : (parts[0] as string);
}

/** A failed Lambda invoke, as a Task sees it (AWS's error names). */
function lambdaError(r: Extract<Result, { ok: false }>, link: Link): SimulatedTaskResult {
  switch (r.error) {
    case 'throttled':
      return {
        error: 'Lambda.TooManyRequestsException',
        cause:
          'Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException)',
      };
    case 'timeout':
      return {
        error: 'Lambda.Unknown',
        cause: `The cause could not be determined because Lambda did not return an error type. Returned payload: ${JSON.stringify({ errorMessage: r.message ?? 'Task timed out' })}`,
      };
    case 'notFound':
      return {
        error: 'Lambda.ResourceNotFoundException',
        cause:
          'Function not found. (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)',
      };
    case 'refused':
      return {
        error: 'Lambda.ServiceException',
        cause:
          'The Lambda service could not take the invocation. (Service: AWSLambda; Status Code: 500; Error Code: ServiceException)',
      };
    default: {
      const errorType = link.config.str('errorType', 'Error');
      return {
        error: errorType,
        cause: JSON.stringify({
          errorType,
          errorMessage: r.message ?? 'function error',
          trace: [],
        }),
      };
    }
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function round1(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The batch of one message, when the caller over `link` sends batches (edge config `batchInput`). */
function batchOf(link: Link, trace: Trace): readonly Trace[] | undefined {
  return link.config.bool('batchInput', false) ? [trace] : undefined;
}

/** The `stepFunctions` kind. */
export const stepFunctionsKind: KindModule = {
  kind: 'stepFunctions',
  narrate: narrateStepFunctions,
  statKeys: [
    'started',
    'running',
    'succeeded',
    'failed',
    'timedOut',
    'aborted',
    'refused',
    'startThrottled',
    'executionLimitExceeded',
    'throttledTransitions',
    'duplicates',
    'transitions',
    'retries',
    'taskCalls',
    'stateTransitions',
    'executions',
    'busyS',
    'succeededMeanMs',
    'succeededP95Ms',
    'failedMeanMs',
    'failedP95Ms',
    'timedOutMeanMs',
    'timedOutP95Ms',
  ],
  create: (ctx) => new StateMachineNode(ctx),
};
