/**
 * The Task node: each attempt asks the TaskHandler (through `TaskAnswer`'s callbacks) and waits
 * for its answer, a heartbeat or a timeout, all on the execution's clock.
 */
import type { AnyActorRef } from 'xstate';
import { act, leave, open, settle, type Args, type Ctx, type NodeConfig } from './nodes';
import type { Visit } from './runtime';
import { prepareInput } from './states/common';
import {
  isAttempt,
  scheduleTask,
  taskFailed,
  taskSucceeded,
  taskTimedOut,
  type TaskAttempt,
} from './states/task';
import type { StateDefinition } from './types';

/**
 * Task: each attempt asks the TaskHandler and waits for its answer or a timeout. Without Retry
 * the node is a single XState state (the common case, and the hot path); with Retry the attempt
 * runs in a `run` sub-state that a failure leaves for `backoff`, whose timer starts the next one.
 */
export function taskNode(name: string, def: StateDefinition, stepping: boolean): NodeConfig {
  const timed = def.TimeoutSeconds !== undefined || def.TimeoutSecondsPath !== undefined;
  const beats = def.HeartbeatSeconds !== undefined || def.HeartbeatSecondsPath !== undefined;
  const retries = (def.Retry?.length ?? 0) > 0;
  const waiting = (a: Args) => a.context.route === null && !a.context.backoff;
  const answered = (a: Args) =>
    waiting(a) && a.context.attempt?.token === (a.event as { token?: string }).token;
  const timeout = (heartbeat: boolean) =>
    act(({ context, self }) => {
      context.cancel?.();
      return {
        cancel: null,
        ...settle(
          context,
          taskTimedOut(context.visit as Visit, context.attempt as TaskAttempt, heartbeat),
          self,
        ),
      };
    });
  const attemptConfig: NodeConfig = {
    exit: ({ context }: Args) => context.cancel?.(),
    on: {
      TASK_OK: {
        guard: answered,
        actions: act(({ context, event, self }) => ({
          cancel: null,
          ...settle(
            context,
            taskSucceeded(
              context.visit as Visit,
              context.attempt as TaskAttempt,
              (event as { output: unknown }).output,
            ),
            self,
          ),
        })),
      },
      TASK_ERR: {
        guard: answered,
        actions: act(({ context, event, self }) => {
          const e = event as { error?: string; cause?: string };
          return {
            cancel: null,
            ...settle(
              context,
              taskFailed(context.visit as Visit, context.attempt as TaskAttempt, e.error, e.cause),
              self,
            ),
          };
        }),
      },
      ...(beats ? { TASK_HB: { guard: answered, target: '.beating', reenter: true } } : {}),
    },
    ...(timed ? { after: { taskTimeout: { guard: waiting, actions: timeout(false) } } } : {}),
    ...(beats
      ? {
          initial: 'beating',
          states: { beating: { after: { heartbeat: { guard: waiting, actions: timeout(true) } } } },
        }
      : {}),
  };
  const entry = act(({ context, self }) => {
    const opened = open(context, name, def, self);
    if (!('visit' in opened)) return opened;
    const visit = opened.visit as Visit;
    const failed = prepareInput(visit);
    if (failed) return { visit, ...settle(context, failed, self) };
    // The first attempt starts right here (one context update on the hot path).
    return startAttempt(context, visit, self, { visit, route: null, backoff: false });
  });
  if (!retries) return { ...attemptConfig, entry };
  return {
    initial: 'run',
    entry,
    states: {
      run: { ...attemptConfig, always: leave(stepping) },
      backoff: {
        after: {
          retry: {
            target: 'run',
            actions: act(({ context, self }) =>
              startAttempt(context, context.visit as Visit, self, { backoff: false }),
            ),
          },
        },
      },
      done: {},
    },
  };
}

/** Schedules a Task attempt and calls the handler; a synchronous answer settles at once. */
function startAttempt(
  context: Ctx,
  visit: Visit,
  self: AnyActorRef,
  into: Partial<Ctx>,
): Partial<Ctx> {
  const scheduled = scheduleTask(visit);
  if (!isAttempt(scheduled)) return settle(context, scheduled, self, into);
  const answer = new TaskAnswer(self, scheduled.token);
  into.attempt = scheduled;
  into.cancel = null;
  try {
    const cancel = context.branch.env.taskHandler(scheduled.invocation, answer);
    if (typeof cancel === 'function') into.cancel = cancel;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    answer.fail(err.name, err.message);
  }
  answer.calling = false;
  const sync = answer.answer;
  if (!sync) return into;
  into.cancel = null;
  const outcome =
    sync.type === 'TASK_OK'
      ? taskSucceeded(visit, scheduled, sync.output)
      : taskFailed(visit, scheduled, sync.error, sync.cause);
  return settle(context, outcome, self, into);
}

/**
 * The callbacks a TaskHandler answers through. An answer given during the handler call is kept
 * and settled in the same step; a later one is sent to the actor as an event. Only the first
 * answer counts.
 */
class TaskAnswer {
  calling = true;
  answer:
    | { type: 'TASK_OK'; output: unknown; error?: undefined; cause?: undefined }
    | { type: 'TASK_ERR'; output?: undefined; error?: string; cause?: string }
    | null = null;

  constructor(
    private readonly self: AnyActorRef,
    private readonly token: string,
  ) {}

  // Arrow properties, so a handler may pass `cb.succeed` around detached from `cb`.
  readonly succeed = (output: unknown): void => this.reply({ type: 'TASK_OK', output });

  readonly fail = (error?: string, cause?: string): void =>
    this.reply({ type: 'TASK_ERR', error, cause });

  readonly heartbeat = (): void => {
    if (!this.calling && !this.answer && this.live())
      this.self.send({ type: 'TASK_HB', token: this.token });
  };

  private live(): boolean {
    return this.self.getSnapshot().status === 'active';
  }

  private reply(answer: NonNullable<TaskAnswer['answer']>): void {
    if (this.answer) return;
    this.answer = answer;
    // A late answer to a finished or stopped execution is dropped, as AWS ignores it.
    if (!this.calling && this.live()) this.self.send({ ...answer, token: this.token });
  }
}
