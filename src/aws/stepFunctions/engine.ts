/**
 * The interpreter's engine: a definition compiled once into a `Program` (a table of its states,
 * with the Parallel branches and Map processors compiled alongside), and each execution run as a
 * small tree of `Frame`s stepped by plain method calls: the execution itself, plus one frame per
 * Parallel branch or Map iteration in flight. The state modules (`states/`) do each state's data
 * work; a frame only decides what happens next (the next state, a timer, a Task answer awaited,
 * children spawned) on the injected clock.
 *
 * It keeps, event for event, the order of the XState statecharts it replaced (engine.reference.test
 * checks 400 random workflows): a frame's work runs on until it must wait; each frame handles its
 * messages (timers, Task answers, children ending, steps) one at a time, in order, and keeps those
 * that come while it is busy or has not begun; a frame begins (sets its timers) after the children
 * it spawned on its way, and children spawned later begin once the message in hand is handled. It
 * costs no actor, snapshot or transition search per state: a transition is a lookup and a call.
 */
import { ErrorNames, failure, reportedCause, toFailure, type Failure } from './errors';
import { HistoryRecorder, NOT_TRUNCATED } from './history';
import type { Branch, Env, Outcome, Vars, Visit } from './runtime';
import { enterState, failVisit, inputText, prepareInput } from './states/common';
import { finishWait, runChoice, runFail, runPass, runSucceed, waitDelayMs } from './states/flow';
import {
  isPlan,
  iterationFailed,
  mapFailed,
  mapSucceeded,
  processorOf,
  startMap,
  type MapPlan,
} from './states/map';
import { parallelFailed, parallelSucceeded, startParallel } from './states/parallel';
import {
  isAttempt,
  scheduleTask,
  taskFailed,
  taskSucceeded,
  taskTimedOut,
  type TaskAttempt,
} from './states/task';
import type {
  StateDefinition,
  StateMachineDefinition,
  SubMachineDefinition,
  TaskCallbacks,
} from './types';

type QueryLanguage = 'JSONPath' | 'JSONata';

// ---------------------------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------------------------

/** What kind of work a state does. */
const FLOW = 0;
const TASK = 1;
const WAIT = 2;
const PARALLEL = 3;
const MAP = 4;

/** One state of a compiled program. */
export interface StateProgram {
  readonly name: string;
  readonly def: StateDefinition;
  readonly kind: number;
  /** Pass, Choice, Succeed, Fail: all their work, at once. */
  readonly run: ((v: Visit) => Outcome) | null;
  /** Parallel: one program per branch; Map: the processor. */
  readonly children: readonly Program[];
}

/** A compiled state machine, Parallel branch or Map processor. */
export interface Program {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, StateProgram>;
}

const FLOW_RUN: Partial<Record<StateDefinition['Type'], (v: Visit) => Outcome>> = {
  Pass: runPass,
  Choice: runChoice,
  Succeed: runSucceed,
  Fail: runFail,
};

function compile(sub: SubMachineDefinition | StateMachineDefinition): Program {
  const states = new Map<string, StateProgram>();
  for (const name of Object.keys(sub.States)) {
    const def = sub.States[name] as StateDefinition;
    let kind = FLOW;
    let children: Program[] = [];
    if (def.Type === 'Task') kind = TASK;
    else if (def.Type === 'Wait') kind = WAIT;
    else if (def.Type === 'Parallel') {
      kind = PARALLEL;
      children = (def.Branches ?? []).map(compile);
    } else if (def.Type === 'Map') {
      kind = MAP;
      children = [compile(processorOf(def))];
    }
    states.set(name, { name, def, kind, run: FLOW_RUN[def.Type] ?? null, children });
  }
  return { startAt: sub.StartAt, states };
}

const programs = new WeakMap<StateMachineDefinition, Program>();

/** The program of a (validated) definition, compiled once per definition object. */
export function programOf(definition: StateMachineDefinition): Program {
  let program = programs.get(definition);
  if (!program) {
    program = compile(definition);
    programs.set(definition, program);
  }
  return program;
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

/** How a frame (the execution, a branch, an iteration) ended. */
export type FrameOutput =
  { ok: true; output: unknown; vars: Vars } | { ok: false; failure: Failure };

/** How the whole execution ended. */
export type RunEnd =
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; failure: Failure }
  | { status: 'TIMED_OUT' }
  | { status: 'ABORTED'; error?: string; cause?: string };

/** What a frame is doing between two calls into it. */
const IDLE = 0;
const WAITING = 1; // a Wait state's timer
const ANSWER = 2; // a Task attempt awaiting its answer
const BACKOFF = 3; // a Retry back-off
const CHILDREN = 4; // a Parallel's branches or a Map's iterations
const PARKED = 5; // stepping: the state is done, its transition awaits `step()`

const ACTIVE = 0;
const DONE = 1;
const STOPPED = 2;

/** The timers a frame sets. */
const EXECUTION_TIMER = 0;
const WAIT_TIMER = 1;
const RETRY_TIMER = 2;
const TASK_TIMER = 3;
const HEARTBEAT_TIMER = 4;

/** Parallel/Map bookkeeping of one attempt. */
interface Fan {
  readonly plan: MapPlan | null;
  readonly outputs: unknown[];
  /** Children still running, in the order they started, with their index. */
  readonly running: Map<Frame, number>;
  readonly total: number;
  nextIndex: number;
  completed: number;
}

/** A message for a frame: the function that handles it and its argument. */
type Job = (arg: never) => void;

/** One execution's engine: the root frame, the execution's time limit and how it ended. */
export class Run {
  readonly root: Frame;
  end: RunEnd | null = null;
  private timeoutTimer: unknown = null;

  constructor(
    readonly env: Env,
    readonly rootBranch: Branch,
    program: Program,
    input: unknown,
    private readonly timeoutMs: number | undefined,
    private readonly onEnd: () => void,
  ) {
    this.root = new Frame(this, program, rootBranch, input, {}, null);
  }

  /** Starts the execution (its first states run at once, up to where they must wait). */
  start(): void {
    const root = this.root;
    if (this.timeoutMs !== undefined) root.defer(EXECUTION_TIMER, 0);
    root.start();
    root.begin();
  }

  clearTimer(id: unknown): void {
    if (id !== null) this.env.clock.clearTimeout(id);
  }

  /** Sets the execution's TimeoutSeconds timer (once the root frame begins). */
  beginTimeout(): void {
    if (this.timeoutMs !== undefined && this.end === null)
      this.timeoutTimer = this.root.timerFor(this.timeoutMs, timeOut, this);
  }

  /** The root frame ended: record the terminal event and finish. */
  rootEnded(out: FrameOutput): void {
    const frame = this.root;
    if (out.ok) {
      this.record('ExecutionSucceeded', frame);
      this.finish({ status: 'SUCCEEDED', output: out.output });
    } else {
      this.record('ExecutionFailed', frame, out.failure);
      this.finish({ status: 'FAILED', failure: out.failure });
    }
  }

  /** TimeoutSeconds of the execution ran out. */
  timedOut(): void {
    if (this.end) return;
    this.timeoutTimer = null;
    this.root.stop();
    this.record('ExecutionTimedOut', this.root);
    this.finish({ status: 'TIMED_OUT' });
  }

  /** StopExecution. */
  abort(error: string | undefined, cause: string | undefined): void {
    if (this.end) return;
    this.root.stop();
    this.rootBranch.history.record(this.rootBranch.chain, 'ExecutionAborted', {
      executionAbortedEventDetails: {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      },
    });
    this.finish({
      status: 'ABORTED',
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
  }

  /** An unexpected exception in the execution's own frame: FAILED with States.Runtime. */
  crash(error: unknown): void {
    if (this.end) return;
    this.root.stop();
    this.finish({
      status: 'FAILED',
      failure: failure(ErrorNames.Runtime, String(error)),
    });
  }

  private finish(end: RunEnd): void {
    this.end = end;
    this.clearTimer(this.timeoutTimer);
    this.timeoutTimer = null;
    this.onEnd();
  }

  /** The terminal history event (its details only when someone reads the history). */
  private record(
    type: 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionTimedOut',
    frame: Frame,
    f?: Failure,
  ): void {
    const { history, chain } = this.rootBranch;
    if (!history.enabled) history.record(chain, type);
    else if (type === 'ExecutionSucceeded') {
      history.record(chain, type, {
        executionSucceededEventDetails: {
          output: inputText(this.rootBranch, frame.lastData),
          outputDetails: NOT_TRUNCATED,
        },
      });
    } else if (type === 'ExecutionFailed') {
      const cause = f ? reportedCause(f) : undefined;
      history.record(chain, type, {
        executionFailedEventDetails: {
          ...(f?.error !== undefined ? { error: f.error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        },
      });
    } else {
      history.record(chain, type, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
    }
  }
}

const timeOut = (run: Run): void => run.timedOut();

/**
 * The callbacks a TaskHandler answers through. An answer given during the handler call is kept
 * and settled in the same step; a later one is a message to the frame. Only the first answer
 * counts, and one that comes after the attempt was given up (a timeout, the execution ended) is
 * ignored, as AWS ignores it.
 */
class TaskAnswer implements TaskCallbacks {
  calling = true;
  ok = false;
  answered = false;
  output: unknown;
  error: string | undefined;
  cause: string | undefined;

  constructor(
    private readonly frame: Frame,
    readonly attempt: TaskAttempt,
  ) {}

  // Functions of their own, so a handler may pass `cb.succeed` around detached from `cb`.
  readonly succeed: (output: unknown) => void = succeedOf(this);
  readonly fail: (error?: string, cause?: string) => void = failOf(this);
  readonly heartbeat: () => void = heartbeatOf(this);

  answerOk(output: unknown): void {
    if (this.answered) return;
    this.answered = true;
    this.ok = true;
    this.output = output;
    this.deliver();
  }

  answerError(error: string | undefined, cause: string | undefined): void {
    if (this.answered) return;
    this.answered = true;
    this.error = error;
    this.cause = cause;
    this.deliver();
  }

  beat(): void {
    if (!this.calling && !this.answered && this.frame.status === ACTIVE)
      this.frame.deliver(beat, this);
  }

  private deliver(): void {
    if (!this.calling && this.frame.status === ACTIVE) this.frame.deliver(answered, this);
  }

  /** The frame this answer belongs to, if it still waits for exactly this attempt. */
  waiting(): Frame | null {
    const f = this.frame;
    return f.status === ACTIVE && f.phase === ANSWER && f.answer === this ? f : null;
  }
}

// (Returned, not assigned, so that no name is attached to each new function.)
function succeedOf(a: TaskAnswer): (output: unknown) => void {
  return (output) => a.answerOk(output);
}
function failOf(a: TaskAnswer): (error?: string, cause?: string) => void {
  return (error, cause) => a.answerError(error, cause);
}
function heartbeatOf(a: TaskAnswer): () => void {
  return () => a.beat();
}

const answered = (a: TaskAnswer): void => a.waiting()?.taskAnswered(a);
const beat = (a: TaskAnswer): void => a.waiting()?.heartbeat();

/**
 * One thread of an execution: the execution itself, a Parallel branch or a Map iteration. It
 * visits one state at a time, and stops where it must wait (a timer, a Task answer, its children).
 */
export class Frame {
  status = ACTIVE;
  phase = IDLE;
  /** The state being visited (or last visited, while parked or after the end). */
  visit: Visit | null = null;
  /** The visit has been entered and has neither exited nor failed yet. */
  private open = false;
  private data: unknown;
  private vars: Vars;
  private next: StateProgram | null = null;
  private driving = false;
  private timer: unknown = null;
  private taskTimer: unknown = null;
  private beatTimer: unknown = null;
  answer: TaskAnswer | null = null;
  private cancel: (() => void) | null = null;
  private fan: Fan | null = null;
  private parked: Outcome | null = null;
  private current: StateProgram | null = null;
  /**
   * Until `begin`, the timers the frame asks for are kept here (kind, ms) and set at `begin`,
   * after those of the children it spawned meanwhile: the order in which the statecharts this
   * engine replaced set them (an actor's timers start with the actor, after its children's), which
   * decides which of two timers due at the same instant fires first.
   */
  private started = false;
  private deferred: number[] | null = null;
  /**
   * Messages (timers, Task answers, children finishing, steps) are handled one at a time, in
   * order: one that comes while the frame is busy (or has not begun) waits in the mailbox.
   */
  private mailbox: unknown[] | null = null;
  private busy = true;
  /** Children spawned while handling the current message: they begin once it is handled. */
  private spawned: Frame[] | null = null;
  /** How this frame ended before it began: its parent hears of it when it begins. */
  private held: { fn: Job; arg: unknown } | null = null;

  constructor(
    readonly run: Run,
    readonly program: Program,
    readonly branch: Branch,
    input: unknown,
    vars: Vars,
    private readonly parent: Frame | null,
  ) {
    this.data = input;
    this.vars = vars;
  }

  /** Enters the first state (its timers wait for `begin`). */
  start(): void {
    this.drive(this.program.states.get(this.program.startAt) as StateProgram);
  }

  /** Keeps a timer for `begin`. */
  defer(kind: number, ms: number): void {
    (this.deferred ??= []).push(kind, ms);
  }

  /** The frame starts: the children it spawned so far start first, then its own timers are set. */
  begin(): void {
    if (this.started) return;
    this.started = true;
    const held = this.held;
    if (held) {
      // It ended before it began: now its parent hears of it.
      this.held = null;
      (this.parent as Frame).deliver(held.fn as (a: unknown) => void, held.arg);
      return;
    }
    if (this.status !== ACTIVE) return;
    // Children still running begin first, then the frame's own timers are set, then children
    // that already ended report it, and the frame handles what came meanwhile.
    const children = this.fan ? [...this.fan.running.keys()] : [];
    for (const child of children) if (child.status === ACTIVE) child.begin();
    const timers = this.deferred;
    this.deferred = null;
    if (timers)
      for (let i = 0; i < timers.length && this.status === ACTIVE; i += 2)
        this.setTimer(timers[i] as number, timers[i + 1] as number);
    for (const child of children) child.begin();
    this.drain();
  }

  /** Handles `fn(arg)` now, or after what the frame is busy with (or once it begins). */
  deliver<A>(fn: (arg: A) => void, arg: A): void {
    if (this.busy) {
      (this.mailbox ??= []).push(fn, arg);
      return;
    }
    this.busy = true;
    try {
      fn(arg);
      this.beginSpawned();
    } finally {
      this.drain();
    }
  }

  /** Handles the messages waiting in the mailbox, then is ready for the next one. */
  private drain(): void {
    this.busy = true;
    try {
      const box = this.mailbox;
      if (box) {
        for (let i = 0; i < box.length; i += 2) {
          if (this.status !== ACTIVE) break;
          (box[i] as Job)(box[i + 1] as never);
          this.beginSpawned();
        }
        this.mailbox = null;
      }
    } finally {
      this.busy = false;
    }
  }

  /** The children spawned while handling the last message begin (their timers are set). */
  private beginSpawned(): void {
    const frames = this.spawned;
    if (!frames) return;
    this.spawned = null;
    for (let i = 0; i < frames.length; i++) (frames[i] as Frame).begin();
  }

  /** A timer on the execution's clock whose expiry is a message to this frame. */
  timerFor<A>(ms: number, fn: (arg: A) => void, arg: A): unknown {
    return this.run.env.clock.setTimeout(() => this.deliver(fn, arg), ms);
  }

  /** Sets one of the frame's timers now, or at `begin` if the frame has not started yet. */
  private setTimer(kind: number, ms: number): void {
    if (!this.started) {
      this.defer(kind, ms);
      return;
    }
    switch (kind) {
      case WAIT_TIMER:
        this.timer = this.timerFor(ms, waitOver, this);
        break;
      case RETRY_TIMER:
        this.timer = this.timerFor(ms, retryNow, this);
        break;
      case TASK_TIMER:
        this.taskTimer = this.timerFor(ms, taskTimeout, this);
        break;
      case HEARTBEAT_TIMER:
        this.beatTimer = this.timerFor(ms, heartbeatTimeout, this);
        break;
      default:
        this.run.beginTimeout();
    }
  }

  /** Names of the states being worked on in this frame and its children, depth first. */
  currentStates(out: string[]): void {
    if (this.status !== ACTIVE) return;
    if (this.visit) out.push(this.visit.name);
    if (this.fan) for (const child of this.fan.running.keys()) child.currentStates(out);
  }

  /** Visits `state` and the states after it until one must wait (unless already doing so). */
  private drive(state: StateProgram): void {
    this.next = state;
    if (this.driving) return;
    this.driving = true;
    try {
      while (this.next !== null && this.status === ACTIVE) {
        const s = this.next;
        this.next = null;
        this.enter(s);
      }
    } catch (e) {
      this.next = null;
      this.crash(e);
    } finally {
      this.driving = false;
    }
  }

  /** An exception escaped a state's work: the frame fails with States.Runtime. */
  private crash(e: unknown): void {
    if (this.status !== ACTIVE) return;
    if (!this.parent) {
      this.run.crash(e);
      return;
    }
    this.stop();
    this.report(childCrashed, { frame: this.parent, child: this, error: e });
  }

  private enter(s: StateProgram): void {
    this.current = s;
    const branch = this.branch;
    const env = branch.env;
    if (branch.history.count >= env.maxHistoryEvents) {
      this.settle({
        kind: 'fail',
        failure: failure(
          ErrorNames.Runtime,
          `The execution reached the maximum number of history events (${env.maxHistoryEvents}).`,
        ),
      });
      return;
    }
    const visit = enterState(branch, s.name, s.def, this.data, this.vars);
    this.visit = visit;
    this.open = true;
    switch (s.kind) {
      case FLOW:
        this.settle((s.run as (v: Visit) => Outcome)(visit));
        return;
      case TASK: {
        const failed = prepareInput(visit);
        if (failed) this.settle(failed);
        else this.startAttempt(visit);
        return;
      }
      case WAIT:
        this.enterWait(visit);
        return;
      default: {
        const failed = prepareInput(visit);
        this.fan = null;
        if (failed) this.settle(failed);
        else this.startChildren();
      }
    }
  }

  // --- Wait ------------------------------------------------------------------------------------

  private enterWait(visit: Visit): void {
    let delayMs: number;
    try {
      delayMs = waitDelayMs(visit, this.branch.env.clock.now());
    } catch (e) {
      this.settle(failVisit(visit, toFailure(e)));
      return;
    }
    if (delayMs <= 0) {
      this.settle(finishWait(visit));
      return;
    }
    this.phase = WAITING;
    this.setTimer(WAIT_TIMER, delayMs);
  }

  /** The Wait state's time is up. */
  waitOver(): void {
    if (this.status !== ACTIVE || this.phase !== WAITING) return;
    this.timer = null;
    this.phase = IDLE;
    this.settle(finishWait(this.visit as Visit));
  }

  // --- Task ------------------------------------------------------------------------------------

  private startAttempt(visit: Visit): void {
    const scheduled = scheduleTask(visit);
    if (!isAttempt(scheduled)) {
      this.settle(scheduled);
      return;
    }
    const answer = new TaskAnswer(this, scheduled);
    this.answer = answer;
    this.cancel = null;
    this.phase = ANSWER;
    try {
      const cancel = this.branch.env.taskHandler(scheduled.invocation, answer);
      if (typeof cancel === 'function') this.cancel = cancel;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      answer.fail(err.name, err.message);
    }
    answer.calling = false;
    if (answer.answered) {
      this.cancel = null;
      this.taskAnswered(answer);
      return;
    }
    if (scheduled.timeoutMs !== undefined) this.setTimer(TASK_TIMER, scheduled.timeoutMs);
    if (scheduled.heartbeatMs !== undefined) this.setTimer(HEARTBEAT_TIMER, scheduled.heartbeatMs);
  }

  /** The attempt's answer arrived (synchronously or later). */
  taskAnswered(a: TaskAnswer): void {
    this.endAttempt();
    const visit = this.visit as Visit;
    this.settle(
      a.ok
        ? taskSucceeded(visit, a.attempt, a.output)
        : taskFailed(visit, a.attempt, a.error, a.cause),
    );
  }

  /** A heartbeat: HeartbeatSeconds starts again. */
  heartbeat(): void {
    const ms = this.answer?.attempt.heartbeatMs;
    if (ms === undefined) return;
    this.run.clearTimer(this.beatTimer);
    this.setTimer(HEARTBEAT_TIMER, ms);
  }

  /** TimeoutSeconds or HeartbeatSeconds ran out before the answer. */
  taskTimedOut(heartbeat: boolean): void {
    if (this.status !== ACTIVE || this.phase !== ANSWER) return;
    if (heartbeat) this.beatTimer = null;
    else this.taskTimer = null;
    const attempt = (this.answer as TaskAnswer).attempt;
    const cancel = this.cancel;
    this.endAttempt();
    cancel?.();
    this.settle(taskTimedOut(this.visit as Visit, attempt, heartbeat));
  }

  /** The attempt is over: its timers go, and its answer object no longer counts. */
  private endAttempt(): void {
    this.phase = IDLE;
    this.answer = null;
    this.cancel = null;
    this.run.clearTimer(this.taskTimer);
    this.run.clearTimer(this.beatTimer);
    this.taskTimer = null;
    this.beatTimer = null;
  }

  // --- Parallel and Map ------------------------------------------------------------------------

  private startChildren(): void {
    const s = this.current as StateProgram;
    if (s.kind === PARALLEL) this.startBranches(s);
    else this.startIterations();
  }

  private startBranches(s: StateProgram): void {
    const visit = this.visit as Visit;
    const started = startParallel(visit);
    if ('kind' in started) {
      this.settle(started);
      return;
    }
    const programs = s.children;
    if (programs.length === 0) {
      this.settle(parallelSucceeded(visit, []));
      return;
    }
    const ql = visit.def.QueryLanguage ?? this.branch.queryLanguage;
    const fan: Fan = {
      plan: null,
      outputs: new Array<unknown>(programs.length),
      running: new Map(),
      total: programs.length,
      nextIndex: programs.length,
      completed: 0,
    };
    this.fan = fan;
    this.phase = CHILDREN;
    // Every branch's chain starts at ParallelStateStarted (as in AWS): make them all, then run them.
    const branches = programs.map(() => {
      ++this.branch.env.serial; // children count in the serial that task tokens follow
      return childBranch(this.branch, true, ql);
    });
    for (let index = 0; index < programs.length; index++) {
      if (this.fan !== fan || this.status !== ACTIVE) return;
      this.spawn(fan, programs[index] as Program, index, branches[index] as Branch, started.input);
    }
  }

  private startIterations(): void {
    const visit = this.visit as Visit;
    const plan = startMap(visit);
    if (!isPlan(plan)) {
      this.settle(plan);
      return;
    }
    if (plan.items.length === 0) {
      this.settle(mapSucceeded(visit, plan));
      return;
    }
    const total = plan.items.length;
    const limit = plan.maxConcurrency > 0 ? Math.min(plan.maxConcurrency, total) : total;
    const fan: Fan = {
      plan,
      outputs: plan.results,
      running: new Map(),
      total,
      nextIndex: 0,
      completed: 0,
    };
    this.fan = fan;
    this.phase = CHILDREN;
    this.startIterationsUpTo(fan, limit);
  }

  /**
   * Starts the iterations up to index `limit` (exclusive): every MapIterationStarted first, then
   * the iterations in index order, as the statecharts this engine replaced recorded them.
   */
  private startIterationsUpTo(fan: Fan, limit: number): void {
    const plan = fan.plan as MapPlan;
    const visit = this.visit as Visit;
    const parent = this.branch;
    const ql = plan.processor.QueryLanguage ?? visit.def.QueryLanguage ?? parent.queryLanguage;
    const processor = (this.current as StateProgram).children[0] as Program;
    const first = fan.nextIndex;
    const branches: Branch[] = [];
    while (fan.nextIndex < limit) {
      const index = fan.nextIndex++;
      if (!plan.distributed) {
        parent.history.record(parent.chain, 'MapIterationStarted', {
          mapIterationStartedEventDetails: { name: visit.name, index },
        });
      }
      ++parent.env.serial; // children count in the serial that task tokens follow
      branches.push(childBranch(parent, !plan.distributed, ql));
    }
    for (let k = 0; k < branches.length; k++) {
      if (this.fan !== fan || this.status !== ACTIVE) return;
      const index = first + k;
      this.spawn(fan, processor, index, branches[k] as Branch, plan.items[index]);
    }
  }

  private spawn(fan: Fan, program: Program, index: number, branch: Branch, input: unknown): void {
    const child = new Frame(this.run, program, branch, input, { ...this.vars }, this);
    fan.running.set(child, index);
    child.start();
    // A child of a frame that has begun begins once the message in hand is handled; one spawned
    // before begins with its parent.
    if (this.started) (this.spawned ??= []).push(child);
  }

  /** A child finished (a message: handled once the frame is free). */
  childDone(child: Frame, out: FrameOutput): void {
    const fan = this.fan;
    if (this.status !== ACTIVE || this.phase !== CHILDREN || !fan) return;
    const index = fan.running.get(child);
    if (index === undefined) return;
    fan.running.delete(child);
    const visit = this.visit as Visit;
    if (!fan.plan) {
      if (!out.ok) {
        this.settle(parallelFailed(visit, out.failure));
        return;
      }
      fan.outputs[index] = out.output;
      if (++fan.completed === fan.total) this.settle(parallelSucceeded(visit, fan.outputs));
      return;
    }
    const plan = fan.plan;
    const parent = this.branch;
    const inline = !plan.distributed;
    // The Map's event chain continues from the iteration's last event, as in AWS.
    if (inline) parent.chain.last = child.branch.chain.last;
    const details = { name: visit.name, index };
    if (out.ok) {
      plan.results[index] = out.output;
      if (inline)
        parent.history.record(
          parent.chain,
          'MapIterationSucceeded',
          { mapIterationSucceededEventDetails: details },
          false,
        );
    } else {
      if (inline)
        parent.history.record(parent.chain, 'MapIterationFailed', {
          mapIterationFailedEventDetails: details,
        });
      const fatal =
        out.failure.error === ErrorNames.Runtime
          ? out.failure
          : iterationFailed(plan, index, out.failure);
      if (fatal) {
        if (inline) {
          for (const other of fan.running.values()) {
            parent.history.record(parent.chain, 'MapIterationAborted', {
              mapIterationAbortedEventDetails: { name: visit.name, index: other },
            });
          }
        }
        this.settle(mapFailed(visit, plan, fatal));
        return;
      }
    }
    if (++fan.completed === fan.total) {
      this.settle(mapSucceeded(visit, plan));
      return;
    }
    if (fan.nextIndex < fan.total) this.startIterationsUpTo(fan, fan.nextIndex + 1);
  }

  /** A child's work threw: the Parallel or Map fails with States.Runtime. */
  childCrashed(child: Frame, error: unknown): void {
    const fan = this.fan;
    if (this.status !== ACTIVE || this.phase !== CHILDREN || !fan || !fan.running.has(child))
      return;
    fan.running.delete(child);
    const f = failure(ErrorNames.Runtime, String(error));
    const v = this.visit as Visit;
    this.settle(fan.plan ? mapFailed(v, fan.plan, f) : parallelFailed(v, f));
  }

  /** Stops every child still running. */
  private stopChildren(): void {
    const fan = this.fan;
    if (!fan || fan.running.size === 0) return;
    for (const child of fan.running.keys()) child.stop();
    fan.running.clear();
  }

  // --- Outcomes --------------------------------------------------------------------------------

  /**
   * Applies an outcome: a retry waits out its back-off and runs the state's work again; anything
   * else is the state's end, taken at once or, when stepping, at the next `step()`.
   */
  private settle(out: Outcome): void {
    this.stopChildren();
    if (out.kind === 'retry') {
      this.phase = BACKOFF;
      this.setTimer(RETRY_TIMER, out.delayMs);
      return;
    }
    this.phase = IDLE;
    const visit = this.visit;
    if (this.open) {
      this.open = false;
      if (out.kind === 'fail' && visit) {
        const f = out.failure;
        this.branch.env.observer?.stateFailed?.(visit.name, visit.def.Type, f.error, f.cause);
      }
    }
    const gate = this.branch.env.gate;
    if (gate) {
      this.phase = PARKED;
      this.parked = out;
      gate.park(this);
      return;
    }
    this.follow(out);
  }

  /** The back-off is over: the state's work runs again. */
  retry(): void {
    if (this.status !== ACTIVE || this.phase !== BACKOFF) return;
    this.timer = null;
    this.phase = IDLE;
    const visit = this.visit as Visit;
    this.branch.env.observer?.retryStarted?.(visit.name, visit.def.Type, visit.retryCount);
    if ((this.current as StateProgram).kind === TASK) this.startAttempt(visit);
    else this.startChildren();
  }

  /** Whether this frame waits for a step (the gate skips frames stopped meanwhile). */
  get active(): boolean {
    return this.status === ACTIVE;
  }

  /** Stepping: takes the transition this frame is parked on. */
  step(): void {
    if (this.status !== ACTIVE || this.phase !== PARKED) return;
    const out = this.parked as Exclude<Outcome, { kind: 'retry' }>;
    this.parked = null;
    this.phase = IDLE;
    this.follow(out);
  }

  private follow(out: Exclude<Outcome, { kind: 'retry' }>): void {
    if (out.kind === 'next') {
      this.data = out.output;
      this.vars = out.vars;
      this.drive(this.program.states.get(out.next) as StateProgram);
      return;
    }
    if (out.kind === 'end') {
      this.data = out.output;
      this.vars = out.vars;
      this.complete({ ok: true, output: out.output, vars: out.vars });
      return;
    }
    this.complete({ ok: false, failure: out.failure });
  }

  private complete(out: FrameOutput): void {
    this.status = DONE;
    const parent = this.parent;
    if (!parent) this.run.rootEnded(out);
    else this.report(childFinished, { frame: parent, child: this, out });
  }

  /** Tells the parent how this frame ended: now, or when this frame begins. */
  private report<A>(fn: (arg: A) => void, arg: A): void {
    if (this.started) (this.parent as Frame).deliver(fn, arg);
    else this.held = { fn: fn as Job, arg };
  }

  /** The output the execution's last state produced (ExecutionSucceeded's details). */
  get lastData(): unknown {
    return this.data;
  }

  /**
   * Stops this frame and its children where they are (the enclosing state failed, the execution
   * timed out or was stopped): timers are called off, a Task attempt in flight is abandoned (its
   * cancel function is called), and the visit still open is reported aborted.
   */
  stop(): void {
    if (this.status !== ACTIVE) return;
    this.status = STOPPED;
    this.next = null;
    const run = this.run;
    run.clearTimer(this.timer);
    run.clearTimer(this.taskTimer);
    run.clearTimer(this.beatTimer);
    this.timer = this.taskTimer = this.beatTimer = null;
    this.deferred = null;
    this.mailbox = null;
    this.spawned = null;
    const cancel = this.cancel;
    this.cancel = null;
    this.answer = null;
    this.stopChildren();
    if (this.open && this.visit) {
      this.open = false;
      this.branch.env.observer?.stateAborted?.(this.visit.name, this.visit.def.Type);
    }
    cancel?.();
  }
}

const waitOver = (f: Frame): void => f.waitOver();
const retryNow = (f: Frame): void => f.retry();
const taskTimeout = (f: Frame): void => f.taskTimedOut(false);
const heartbeatTimeout = (f: Frame): void => f.taskTimedOut(true);
const childFinished = (a: { frame: Frame; child: Frame; out: FrameOutput }): void =>
  a.frame.childDone(a.child, a.out);
const childCrashed = (a: { frame: Frame; child: Frame; error: unknown }): void =>
  a.frame.childCrashed(a.child, a.error);

function childBranch(parent: Branch, inline: boolean, ql: QueryLanguage): Branch {
  // A distributed Map's children are separate executions in AWS, with their own history.
  const history = inline
    ? parent.history
    : new HistoryRecorder(() => parent.env.clock.now(), undefined, parent.history.keep);
  return {
    env: parent.env,
    history,
    chain: { last: history.count },
    queryLanguage: ql,
    memo: {},
  };
}
