/**
 * Compiles a state machine definition (or a Parallel branch / Map processor) into an XState
 * machine: one XState state per ASL state, joined by guarded transitions on the `route` the
 * state's work produced, plus final states for success and failure (and, at the top level,
 * timeout and abort). Timers are XState delayed transitions, so they run on whatever clock the
 * actor was created with; branches and iterations are child actors.
 */
import { createMachine, type AnyStateMachine } from 'xstate';
import { reportedCause } from './errors';
import { NOT_TRUNCATED } from './history';
import { fanOutNode } from './fanout';
import { taskNode } from './taskNode';
import {
  END,
  FAIL,
  flowNode,
  initialContext,
  waitNode,
  type BranchInput,
  type BranchOutput,
  type Ctx,
  type Ev,
  type NodeConfig,
} from './nodes';
import { inputText } from './states/common';
import type { StateDefinition, StateMachineDefinition, SubMachineDefinition } from './types';

/** How to compile. */
export interface CompileOptions {
  /** Park after every state until STEP (the UI's step-through); otherwise run on at once. */
  stepping?: boolean;
}

type Args = { context: Ctx; event: Ev };

/** Names of the final XState states (the snapshot's `value` once the actor is done). */
export const FINAL_SUCCEEDED = '$succeeded';
export const FINAL_FAILED = '$failed';
export const FINAL_TIMED_OUT = '$timedOut';
export const FINAL_ABORTED = '$aborted';

function targetsOf(def: StateDefinition): string[] {
  const targets = new Set<string>();
  if (def.Next !== undefined) targets.add(def.Next);
  if (def.Default !== undefined) targets.add(def.Default);
  for (const rule of def.Choices ?? []) if (rule.Next !== undefined) targets.add(rule.Next);
  for (const c of def.Catch ?? []) targets.add(c.Next);
  return [...targets];
}

function routesOf(def: StateDefinition, keys: Map<string, string>): unknown[] {
  const routes: unknown[] = targetsOf(def).map((name) => ({
    guard: ({ context }: Args) => context.route === name,
    target: keys.get(name),
    reenter: true,
  }));
  routes.push({ guard: ({ context }: Args) => context.route === END, target: FINAL_SUCCEEDED });
  routes.push({ guard: ({ context }: Args) => context.route === FAIL, target: FINAL_FAILED });
  return routes;
}

function nodeFor(
  name: string,
  def: StateDefinition,
  ql: 'JSONPath' | 'JSONata',
  stepping: boolean,
): NodeConfig {
  const compileChild = (sub: SubMachineDefinition, inherited: 'JSONPath' | 'JSONata') =>
    compile(sub, { root: false, stepping, queryLanguage: sub.QueryLanguage ?? inherited });
  switch (def.Type) {
    case 'Task':
      return taskNode(name, def, stepping);
    case 'Wait':
      return waitNode(name, def, stepping);
    case 'Parallel':
    case 'Map':
      return fanOutNode(name, def, compileChild, ql, stepping);
    default:
      return flowNode(name, def);
  }
}

interface Internal {
  root: boolean;
  stepping: boolean;
  queryLanguage: 'JSONPath' | 'JSONata';
  timeoutSeconds?: number;
}

function recordEnd(
  type: 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionTimedOut' | 'ExecutionAborted',
) {
  return ({ context, event }: Args) => {
    const { history, chain } = context.branch;
    if (!history.enabled) history.record(chain, type);
    else if (type === 'ExecutionSucceeded') {
      history.record(chain, type, {
        executionSucceededEventDetails: {
          output: inputText(context.branch, context.data),
          outputDetails: NOT_TRUNCATED,
        },
      });
    } else if (type === 'ExecutionFailed') {
      const f = context.failure;
      const cause = f ? reportedCause(f) : undefined;
      history.record(chain, type, {
        executionFailedEventDetails: {
          ...(f?.error !== undefined ? { error: f.error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        },
      });
    } else if (type === 'ExecutionTimedOut') {
      history.record(chain, type, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
    } else {
      const e = event as { error?: string; cause?: string };
      history.record(chain, type, {
        executionAbortedEventDetails: {
          ...(e.error !== undefined ? { error: e.error } : {}),
          ...(e.cause !== undefined ? { cause: e.cause } : {}),
        },
      });
    }
  };
}

function outputOf({ context }: Args): BranchOutput {
  if (context.route === END) return { ok: true, output: context.data, vars: context.vars };
  return { ok: false, failure: context.failure ?? { error: undefined, cause: undefined } };
}

function compile(
  sub: SubMachineDefinition | StateMachineDefinition,
  opts: Internal,
): AnyStateMachine {
  const names = Object.keys(sub.States);
  const keys = new Map(names.map((n, i) => [n, `s${i}`]));
  const states: Record<string, NodeConfig> = {};
  names.forEach((name) => {
    const def = sub.States[name] as StateDefinition;
    const routes = routesOf(def, keys);
    const node = nodeFor(name, def, opts.queryLanguage, opts.stepping);
    states[keys.get(name) as string] = {
      ...node,
      ...(opts.stepping ? { on: { ...(node.on as object), STEP: routes } } : { always: routes }),
    };
  });
  states[FINAL_SUCCEEDED] = {
    type: 'final',
    ...(opts.root ? { entry: recordEnd('ExecutionSucceeded') } : {}),
  };
  states[FINAL_FAILED] = {
    type: 'final',
    ...(opts.root ? { entry: recordEnd('ExecutionFailed') } : {}),
  };
  const config: NodeConfig = {
    id: 'asl',
    context: ({ input }: { input: BranchInput }) => initialContext(input),
    initial: keys.get(sub.StartAt),
    states,
    output: outputOf,
  };
  if (opts.root) {
    states[FINAL_TIMED_OUT] = {
      type: 'final',
      entry: recordEnd('ExecutionTimedOut'),
    };
    states[FINAL_ABORTED] = { type: 'final', entry: recordEnd('ExecutionAborted') };
    config.on = { ABORT: { target: `.${FINAL_ABORTED}` } };
    if (opts.timeoutSeconds !== undefined)
      config.after = { execution: { target: `.${FINAL_TIMED_OUT}` } };
  }
  const timeoutMs = (opts.timeoutSeconds ?? 0) * 1000;
  const implementations = {
    delays: {
      delay: ({ context }: Args) => context.delayMs,
      retry: ({ context }: Args) => context.delayMs,
      taskTimeout: ({ context }: Args) => context.attempt?.timeoutMs ?? 0,
      heartbeat: ({ context }: Args) => context.attempt?.heartbeatMs ?? 0,
      execution: () => timeoutMs,
    },
  };
  return createMachine(config as never, implementations as never) as unknown as AnyStateMachine;
}

const cache = new WeakMap<StateMachineDefinition, Map<boolean, AnyStateMachine>>();

/**
 * The XState machine for a (validated) definition. Its input is a `BranchInput`, its output a
 * `BranchOutput`; the top-level machine also records the terminal history event and accepts
 * `{type: 'ABORT'}`. Compiled machines are cached per definition object.
 */
export function compileStateMachine(
  definition: StateMachineDefinition,
  options: CompileOptions = {},
): AnyStateMachine {
  const stepping = options.stepping ?? false;
  let byMode = cache.get(definition);
  if (!byMode) {
    byMode = new Map();
    cache.set(definition, byMode);
  }
  let machine = byMode.get(stepping);
  if (!machine) {
    machine = compile(definition, {
      root: true,
      stepping,
      queryLanguage: definition.QueryLanguage ?? 'JSONPath',
      ...(definition.TimeoutSeconds !== undefined
        ? { timeoutSeconds: definition.TimeoutSeconds }
        : {}),
    });
    byMode.set(stepping, machine);
  }
  return machine;
}
