/**
 * Parallel and Map as XState nodes: the state's children (all branches, or the iterations up to
 * MaxConcurrency) are spawned child actors of the compiled branch / processor machine; their
 * `xstate.done.actor.*` events bring the outputs back, in order, and the first failure that is not
 * tolerated fails the state (leaving it stops the children still running). Retry re-runs all.
 */
import type { AnyStateMachine } from 'xstate';
import { ErrorNames, failure } from './errors';
import { HistoryRecorder } from './history';
import {
  act,
  backingOff,
  enqueue,
  leave,
  open,
  routed,
  settle,
  type BranchOutput,
  type Ctx,
  type EnqueueArgs,
  type NodeConfig,
} from './nodes';
import type { Branch, Visit } from './runtime';
import { prepareInput } from './states/common';
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
import type { StateDefinition, SubMachineDefinition } from './types';

/**
 * Bookkeeping of one attempt of a Parallel or Map. It is private to the attempt and updated in
 * place (a fresh one per attempt), so the machine context only holds the reference.
 */
export interface Fan {
  readonly plan: MapPlan | null;
  readonly outputs: unknown[];
  /** Children still running: actor id → index and branch. */
  readonly running: Map<string, { index: number; branch: Branch }>;
  readonly total: number;
  nextIndex: number;
  completed: number;
}

/** Compiles a Parallel branch or Map processor into a child machine. */
export type ChildCompiler = (
  sub: SubMachineDefinition,
  queryLanguage: 'JSONPath' | 'JSONata',
) => AnyStateMachine;

/** Stops every child still running (a failed or retried Parallel/Map, or leaving the state). */
const stopChildren = enqueue(({ context, enqueue: q }) => {
  const fan = context.fan;
  if (!fan || fan.running.size === 0) return;
  for (const id of fan.running.keys()) q.stopChild(id);
  fan.running.clear();
});

/** The node of a Parallel or Map state. */
export function fanOutNode(
  name: string,
  def: StateDefinition,
  compile: ChildCompiler,
  inherited: 'JSONPath' | 'JSONata',
  stepping: boolean,
): NodeConfig {
  const isMap = def.Type === 'Map';
  const ql = def.QueryLanguage ?? inherited;
  const children = isMap
    ? [compile(processorOf(def), ql)]
    : (def.Branches ?? []).map((b) => compile(b, ql));
  const processor = children[0] as AnyStateMachine;
  return {
    initial: 'start',
    entry: act(({ context, self }) => {
      const opened = open(context, name, def, self);
      if (!('visit' in opened)) return opened;
      const visit = opened.visit as Visit;
      const failed = prepareInput(visit);
      if (failed) return { visit, fan: null, ...settle(context, failed, self) };
      return { visit, fan: null, route: null, backoff: false };
    }),
    exit: stopChildren,
    states: {
      start: {
        entry: enqueue((a) => (isMap ? startIterations(a, processor) : startBranches(a, children))),
        always: [
          { guard: routed, target: 'done' },
          { guard: backingOff, target: 'backoff' },
          { target: 'running' },
        ],
      },
      running: {
        on: {
          'xstate.done.actor.*': {
            actions: enqueue((a) => (isMap ? iterationDone(a, processor) : branchDone(a))),
          },
          'xstate.error.actor.*': {
            actions: act(({ context, event, self }) => {
              const f = failure(ErrorNames.Runtime, String((event as { error?: unknown }).error));
              const v = context.visit as Visit;
              return settle(
                context,
                isMap ? mapFailed(v, context.fan?.plan ?? null, f) : parallelFailed(v, f),
                self,
              );
            }),
          },
        },
        always: leave(stepping),
      },
      backoff: {
        entry: stopChildren,
        after: { retry: { target: 'start', actions: act(() => ({ backoff: false })) } },
      },
      done: { entry: stopChildren },
    },
  };
}

function childBranch(parent: Branch, inline: boolean, ql: 'JSONPath' | 'JSONata'): Branch {
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

function spawn(
  { context, enqueue: q }: EnqueueArgs,
  fan: Fan,
  machine: AnyStateMachine,
  index: number,
  branch: Branch,
  input: unknown,
): void {
  const id = `c${++context.branch.env.serial}`;
  fan.running.set(id, { index, branch });
  q.spawnChild(machine, { id, input: { branch, input, vars: { ...context.vars } } });
}

function startBranches(a: EnqueueArgs, machines: AnyStateMachine[]): void {
  const { context, enqueue: q, self } = a;
  if (context.route !== null) return;
  const visit = context.visit as Visit;
  const started = startParallel(visit);
  if ('kind' in started) return q.assign(settle(context, started, self));
  if (machines.length === 0) return q.assign(settle(context, parallelSucceeded(visit, []), self));
  const ql = visit.def.QueryLanguage ?? context.branch.queryLanguage;
  const fan: Fan = {
    plan: null,
    outputs: new Array<unknown>(machines.length),
    running: new Map(),
    total: machines.length,
    nextIndex: machines.length,
    completed: 0,
  };
  machines.forEach((machine, index) =>
    spawn(a, fan, machine, index, childBranch(context.branch, true, ql), started.input),
  );
  q.assign({ fan });
}

function finished(
  context: Ctx,
  event: EnqueueArgs['event'],
): { index: number; branch: Branch; out: BranchOutput } | null {
  const id = event.type.slice('xstate.done.actor.'.length);
  const entry = context.fan?.running.get(id);
  if (!entry) return null;
  context.fan?.running.delete(id);
  return { ...entry, out: (event as { output: BranchOutput }).output };
}

function branchDone({ context, event, enqueue: q, self }: EnqueueArgs): void {
  const done = finished(context, event);
  const fan = context.fan;
  if (!done || !fan) return;
  const visit = context.visit as Visit;
  if (!done.out.ok) return q.assign(settle(context, parallelFailed(visit, done.out.failure), self));
  fan.outputs[done.index] = done.out.output;
  if (++fan.completed === fan.total)
    q.assign(settle(context, parallelSucceeded(visit, fan.outputs), self));
}

function startIterations(a: EnqueueArgs, machine: AnyStateMachine): void {
  const { context, enqueue: q, self } = a;
  if (context.route !== null) return;
  const visit = context.visit as Visit;
  const plan = startMap(visit);
  if (!isPlan(plan)) return q.assign(settle(context, plan, self));
  if (plan.items.length === 0) return q.assign(settle(context, mapSucceeded(visit, plan), self));
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
  while (fan.nextIndex < limit) startIteration(a, fan, visit, machine);
  q.assign({ fan });
}

function startIteration(a: EnqueueArgs, fan: Fan, visit: Visit, machine: AnyStateMachine): void {
  const plan = fan.plan as MapPlan;
  const parent = a.context.branch;
  const index = fan.nextIndex++;
  if (!plan.distributed) {
    parent.history.record(parent.chain, 'MapIterationStarted', {
      mapIterationStartedEventDetails: { name: visit.name, index },
    });
  }
  const ql = plan.processor.QueryLanguage ?? visit.def.QueryLanguage ?? parent.queryLanguage;
  spawn(a, fan, machine, index, childBranch(parent, !plan.distributed, ql), plan.items[index]);
}

function iterationDone(a: EnqueueArgs, machine: AnyStateMachine): void {
  const { context, event, enqueue: q, self } = a;
  const done = finished(context, event);
  const fan = context.fan;
  if (!done || !fan) return;
  const plan = fan.plan as MapPlan;
  const visit = context.visit as Visit;
  const parent = context.branch;
  const { index, out } = done;
  const inline = !plan.distributed;
  // The Map's event chain continues from the iteration's last event, as in AWS.
  if (inline) parent.chain.last = done.branch.chain.last;
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
            mapIterationAbortedEventDetails: { name: visit.name, index: other.index },
          });
        }
      }
      return q.assign(settle(context, mapFailed(visit, plan, fatal), self));
    }
  }
  if (++fan.completed === fan.total)
    return q.assign(settle(context, mapSucceeded(visit, plan), self));
  if (fan.nextIndex < fan.total) startIteration(a, fan, visit, machine);
}
