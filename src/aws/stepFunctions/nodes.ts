/**
 * The XState side of one ASL state: the machine context, the events, shared action helpers, and
 * the nodes of the flow states and Wait (Task is in taskNode.ts, Parallel/Map in fanout.ts). A
 * node's entry does the state's synchronous work through the state modules; waiting (Wait timers,
 * Task answers, retry back-off, branches and iterations) is XState's, so every timer runs on the
 * injected clock and every branch is a child actor.
 *
 * Whatever the type, a node ends by setting `route` (next state, END or FAIL); the transitions the
 * compiler attaches to the node then fire, either at once (`always`) or on the next STEP.
 */
import { assign, enqueueActions, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { ErrorNames, failure, toFailure, type Failure } from './errors';
import type { Branch, Outcome, Vars, Visit } from './runtime';
import type { Fan } from './fanout';
import { enterState, failVisit } from './states/common';
import { finishWait, runChoice, runFail, runPass, runSucceed, waitDelayMs } from './states/flow';
import type { TaskAttempt } from './states/task';
import type { StateDefinition } from './types';

/** Route markers for "the branch ends here" (succeeded / failed); no state name can be these. */
export const END = '\u0000END';
export const FAIL = '\u0000FAIL';

/** What a compiled machine (top level, branch or iteration) is started with. */
export interface BranchInput {
  branch: Branch;
  input: unknown;
  vars: Vars;
}

/** What a compiled machine finishes with. */
export type BranchOutput =
  | { ok: true; output: unknown; vars: Vars }
  | { ok: false; failure: Failure; timedOut?: boolean; aborted?: boolean };

/** The machine context. Everything but `branch` is scratch for the state being visited. */
export interface Ctx {
  branch: Branch;
  /** The raw input of the state being entered; once routed, the output for the next one. */
  data: unknown;
  vars: Vars;
  route: string | null;
  backoff: boolean;
  delayMs: number;
  visit: Visit | null;
  failure: Failure | null;
  attempt: TaskAttempt | null;
  cancel: (() => void) | null;
  /** Parallel/Map bookkeeping of the current attempt (see fanout.ts). */
  fan: Fan | null;
}

/** Events a compiled machine handles. */
export type Ev =
  | { type: 'STEP' }
  | { type: 'ABORT'; error?: string; cause?: string }
  | { type: 'TASK_OK'; token: string; output: unknown }
  | { type: 'TASK_ERR'; token: string; error?: string; cause?: string }
  | { type: 'TASK_HB'; token: string }
  | { type: string; output?: unknown; error?: unknown };

/** What XState passes to guards and actions. */
export type Args = { context: Ctx; event: Ev; self: AnyActorRef };
/** What XState passes to `enqueueActions`. */
export type EnqueueArgs = Args & {
  enqueue: {
    assign(partial: Partial<Ctx>): void;
    spawnChild(src: AnyStateMachine, options: { id: string; input: BranchInput }): void;
    stopChild(id: string): void;
  };
};
/** A node configuration, in XState's config shape (built dynamically, so loosely typed). */
export type NodeConfig = Record<string, unknown>;

/** An `assign` action from a function returning the context update. */
export const act = (fn: (a: Args) => Partial<Ctx>) => assign(fn as never);
/** An `enqueueActions` action. */
export const enqueue = (fn: (a: EnqueueArgs) => void) => enqueueActions(fn as never);
/** Guards: the visit has decided where to go / is waiting to retry. */
export const routed = ({ context }: Args) => context.route !== null;
export const backingOff = ({ context }: Args) => context.backoff;
/**
 * Leaving a waiting sub-state once the route is set: when stepping, park in `done` (which stops
 * timers and children while the STEP is awaited); otherwise the route transitions fire at once
 * and the extra hop would only cost time. A retry always goes to `backoff`.
 */
export function leave(stepping: boolean, backoff = true): unknown[] {
  const out: unknown[] = stepping ? [{ guard: routed, target: 'done' }] : [];
  if (backoff) out.push({ guard: backingOff, target: 'backoff' });
  return out;
}

/** The context a machine starts with. */
export function initialContext(input: BranchInput): Ctx {
  return {
    branch: input.branch,
    data: input.input,
    vars: input.vars,
    route: null,
    backoff: false,
    delayMs: 0,
    visit: null,
    failure: null,
    attempt: null,
    cancel: null,
    fan: null,
  };
}

/**
 * Applies an outcome to the context. A retry leaves the route open and asks for the back-off
 * sub-state; anything else sets the route and, when stepping, parks the actor until STEP.
 */
export function settle(
  context: Ctx,
  out: Outcome,
  self: AnyActorRef,
  into: Partial<Ctx> = {},
): Partial<Ctx> {
  if (out.kind === 'retry') {
    into.backoff = true;
    into.delayMs = out.delayMs;
    into.route = null;
    return into;
  }
  context.branch.env.gate?.park(self);
  into.backoff = false;
  if (out.kind === 'fail') {
    into.route = FAIL;
    into.failure = out.failure;
  } else {
    into.route = out.kind === 'end' ? END : out.next;
    into.data = out.output;
    into.vars = out.vars;
  }
  return into;
}

const HISTORY_LIMIT_CAUSE = (n: number) =>
  `The execution reached the maximum number of history events (${n}).`;

/** Opens a visit, unless the history quota is used up (then the route is FAIL already). */
export function open(
  context: Ctx,
  name: string,
  def: StateDefinition,
  self: AnyActorRef,
): { visit: Visit } | Partial<Ctx> {
  const { branch } = context;
  if (branch.history.count >= branch.env.maxHistoryEvents) {
    return settle(
      context,
      {
        kind: 'fail',
        failure: failure(ErrorNames.Runtime, HISTORY_LIMIT_CAUSE(branch.env.maxHistoryEvents)),
      },
      self,
    );
  }
  return { visit: enterState(branch, name, def, context.data, context.vars) };
}

/** Pass, Choice, Succeed and Fail: all work happens on entry. */
export function flowNode(name: string, def: StateDefinition): NodeConfig {
  const run = { Pass: runPass, Choice: runChoice, Succeed: runSucceed, Fail: runFail }[
    def.Type as 'Pass'
  ];
  return {
    entry: act(({ context, self }) => {
      const opened = open(context, name, def, self);
      if (!('visit' in opened)) return opened;
      const visit = opened.visit as Visit;
      return settle(context, run(visit), self, { visit });
    }),
  };
}

/** Wait: computes the delay on entry, then lets the clock run it out. */
export function waitNode(name: string, def: StateDefinition, stepping: boolean): NodeConfig {
  return {
    initial: 'waiting',
    entry: act(({ context, self }) => {
      const opened = open(context, name, def, self);
      if (!('visit' in opened)) return opened;
      const visit = opened.visit as Visit;
      let delayMs: number;
      try {
        delayMs = waitDelayMs(visit, context.branch.env.clock.now());
      } catch (e) {
        return settle(context, failVisit(visit, toFailure(e)), self);
      }
      if (delayMs <= 0) return settle(context, finishWait(visit), self);
      return { visit, delayMs, route: null, backoff: false };
    }),
    states: {
      waiting: {
        after: {
          delay: {
            guard: (a: Args) => !routed(a),
            actions: act(({ context, self }) =>
              settle(context, finishWait(context.visit as Visit), self),
            ),
          },
        },
        always: leave(stepping, false),
      },
      done: {},
    },
  };
}
