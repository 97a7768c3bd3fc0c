/**
 * Driving executions: virtual time, asynchronous task answers, stepping, timeouts, stopping, and
 * the shape of the history.
 */
import { describe, expect, it } from 'vitest';
import {
  historyProblems,
  runExecution,
  startExecution,
  VirtualClock,
  type StateMachineDefinition,
  type TaskCallbacks,
  type TaskInvocation,
} from './index';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

const chain: StateMachineDefinition = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { n: 2 }, ResultPath: '$.prep', Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { 'n.$': '$.prep.n' },
      ResultPath: '$.work',
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 30, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('an execution on a virtual clock', () => {
  it('waits for an asynchronous task answer, then for the Wait timer', () => {
    const clock = new VirtualClock(1_000_000);
    const calls: { task: TaskInvocation; cb: TaskCallbacks }[] = [];
    const ex = startExecution(
      chain,
      { id: 1 },
      { clock, taskHandler: (task, cb) => void calls.push({ task, cb }) },
    );
    expect(ex.status).toBe('RUNNING');
    expect(ex.currentStates()).toEqual(['Work']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.task.input).toEqual({ n: 2 });
    expect(calls[0]?.task.resource).toBe(LAMBDA);

    clock.advanceBy(5_000); // nothing due: the task has no timeout
    expect(ex.status).toBe('RUNNING');
    calls[0]?.cb.succeed({ doubled: 4 });
    expect(ex.currentStates()).toEqual(['Pause']);
    expect(clock.nextDueTime()).toBe(1_005_000 + 30_000);

    clock.advanceBy(29_999);
    expect(ex.status).toBe('RUNNING');
    clock.advanceBy(1);
    expect(ex.result()).toMatchObject({
      status: 'SUCCEEDED',
      output: { id: 1, prep: { n: 2 }, work: { doubled: 4 } },
    });

    const types = ex.history.map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const at = (type: string) => ex.history.find((e) => e.type === type)?.timestamp;
    expect(at('TaskSucceeded')).toBe(1_005_000);
    expect(at('WaitStateExited')).toBe(1_035_000);
    expect(historyProblems(ex.history)).toEqual([]);
  });

  it('accepts callbacks used detached from their object, answered later on the clock', () => {
    const clock = new VirtualClock(0);
    const later: (() => void)[] = [];
    const ex = startExecution(
      chain,
      {},
      {
        clock,
        taskHandler: (_t, { succeed }) => void later.push(() => succeed('late but fine')),
      },
    );
    clock.advanceBy(1_000);
    later.forEach((f) => f());
    clock.advanceBy(30_000);
    expect(ex.result()).toMatchObject({ status: 'SUCCEEDED', output: { work: 'late but fine' } });
  });

  it('answers given synchronously complete within the same call', () => {
    const result = runExecution(chain, {}, { taskHandler: (_t, cb) => cb.succeed('ok') });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ prep: { n: 2 }, work: 'ok' });
  });

  it('records details the way AWS does', () => {
    const result = runExecution(
      chain,
      { id: 1 },
      { taskHandler: (_t, cb) => cb.succeed({ r: true }) },
    );
    const scheduled = result.history.find((e) => e.type === 'TaskScheduled');
    expect(scheduled?.taskScheduledEventDetails).toEqual({
      resource: 'invoke',
      resourceType: 'lambda',
      region: 'us-east-1',
      parameters: '{"n":2}',
    });
    const entered = result.history.find((e) => e.type === 'PassStateEntered');
    expect(entered?.stateEnteredEventDetails).toEqual({
      name: 'Prepare',
      input: '{"id":1}',
      inputDetails: { truncated: false },
    });
    expect(result.history.at(-1)?.executionSucceededEventDetails?.output).toBe(
      JSON.stringify(result.output),
    );
    expect(result.history[1]?.previousEventId).toBe(0);
    expect(result.history[2]?.previousEventId).toBe(2);
  });

  it('ignores an answer that arrives after the task timed out', () => {
    const clock = new VirtualClock(0);
    let late: TaskCallbacks | undefined;
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 3, End: true } },
    };
    const ex = startExecution(def, {}, { clock, taskHandler: (_t, cb) => void (late = cb) });
    clock.advanceBy(3_000);
    expect(ex.result()).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    late?.succeed('too late');
    expect(ex.status).toBe('FAILED');
    expect(ex.history.map((e) => e.type).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
  });

  it('fails a task whose heartbeats stop, and keeps one whose heartbeats continue', () => {
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 100, HeartbeatSeconds: 10, End: true },
      },
    };
    const clock = new VirtualClock(0);
    let cb: TaskCallbacks | undefined;
    const ex = startExecution(def, {}, { clock, taskHandler: (_t, c) => void (cb = c) });
    for (let i = 0; i < 5; i++) {
      clock.advanceBy(9_000);
      cb?.heartbeat();
    }
    expect(ex.status).toBe('RUNNING');
    clock.advanceBy(10_000);
    expect(ex.result()).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('cancels the task when its attempt is abandoned', () => {
    const clock = new VirtualClock(0);
    let cancelled = 0;
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 1, End: true } },
    };
    startExecution(def, {}, { clock, taskHandler: () => () => void cancelled++ });
    clock.advanceBy(1_000);
    expect(cancelled).toBe(1);
  });

  it('times the whole execution out after TimeoutSeconds', () => {
    const def: StateMachineDefinition = {
      TimeoutSeconds: 10,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    };
    const result = runExecution(def, {});
    expect(result.status).toBe('TIMED_OUT');
    expect(result.history.at(-1)?.type).toBe('ExecutionTimedOut');
    expect(result.history.at(-1)?.timestamp).toBe(result.history[0]!.timestamp + 10_000);
  });

  it('stops (aborts) on request', () => {
    const clock = new VirtualClock(0);
    const ex = startExecution(chain, {}, { clock, taskHandler: () => undefined });
    ex.stop('Stopped', 'by the operator');
    expect(ex.result().status).toBe('ABORTED');
    expect(ex.history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Stopped', cause: 'by the operator' },
    });
  });

  it('leaves an execution RUNNING when a task never answers and nothing is scheduled', () => {
    expect(runExecution(chain, {}, { taskHandler: () => undefined }).status).toBe('RUNNING');
  });

  it('streams events to a listener as they happen', () => {
    const seen: string[] = [];
    runExecution(
      chain,
      {},
      { taskHandler: (_t, cb) => cb.succeed(1), onEvent: (e) => seen.push(e.type) },
    );
    expect(seen[0]).toBe('ExecutionStarted');
    expect(seen.at(-1)).toBe('ExecutionSucceeded');
  });

  it('fails the execution when the history quota is exceeded (runaway loops end)', () => {
    const def: StateMachineDefinition = {
      StartAt: 'Loop',
      States: { Loop: { Type: 'Pass', Next: 'Loop' } },
    };
    const result = runExecution(def, {}, { maxHistoryEvents: 100 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toContain('maximum number of history events (100)');
  });
});

describe('stepping through an execution', () => {
  it('takes one state transition per step, and ends where an unstepped run ends', () => {
    const clock = new VirtualClock(0);
    const ex = startExecution(
      chain,
      { id: 1 },
      { clock, stepping: true, taskHandler: (_t, cb) => cb.succeed(7) },
    );
    const visited: string[][] = [];
    for (let guard = 0; guard < 50 && !ex.done; guard++) {
      visited.push(ex.currentStates());
      if (!ex.step()) clock.runNext();
    }
    expect(visited.map((v) => v.join())).toEqual(['Prepare', 'Work', 'Pause', 'Pause', 'Done']);
    const straight = runExecution(chain, { id: 1 }, { taskHandler: (_t, cb) => cb.succeed(7) });
    expect(ex.result().output).toEqual(straight.output);
    expect(ex.history.map((e) => e.type)).toEqual(straight.history.map((e) => e.type));
  });

  it('steps the branches of a Parallel one transition at a time', () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {
              StartAt: 'A1',
              States: { A1: { Type: 'Pass', Next: 'A2' }, A2: { Type: 'Pass', End: true } },
            },
            { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };
    const ex = startExecution(def, 5, { stepping: true });
    expect(ex.currentStates().sort()).toEqual(['A1', 'B1', 'P']);
    let steps = 0;
    while (ex.step()) steps++;
    expect(ex.result()).toMatchObject({ status: 'SUCCEEDED', output: [5, 5] });
    expect(steps).toBe(4); // A1→A2, A2→end of branch, B1→end of branch, P→end of execution
  });
});

describe('the engine (what the statecharts it replaced got wrong, and what it adds)', () => {
  it('a heartbeat keeps the attempt alive without starting the Task again', () => {
    const def: StateMachineDefinition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 100, HeartbeatSeconds: 10, End: true },
      },
    };
    const clock = new VirtualClock(0);
    let calls = 0;
    let cb: TaskCallbacks | undefined;
    const ex = startExecution(
      def,
      {},
      {
        clock,
        taskHandler: (_t, c) => {
          calls++;
          cb = c;
        },
      },
    );
    for (let i = 0; i < 3; i++) {
      clock.advanceBy(9_000);
      cb?.heartbeat();
    }
    cb?.succeed('done');
    expect(ex.result()).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
    expect(calls).toBe(1);
    expect(ex.history.filter((e) => e.type === 'TaskStateEntered')).toHaveLength(1);
  });

  it('names a Wait state that ends at once as the current state while stepping', () => {
    const def: StateMachineDefinition = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 0, Next: 'P' }, P: { Type: 'Pass', End: true } },
    };
    const ex = startExecution(def, {}, { stepping: true });
    expect(ex.currentStates()).toEqual(['W']);
    ex.step();
    expect(ex.currentStates()).toEqual(['P']);
  });

  it('reports failed and aborted visits, retries starting, and abandons Task attempts it stops', () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Slow',
              States: { Slow: { Type: 'Task', Resource: LAMBDA, End: true } },
            },
            {
              StartAt: 'Flaky',
              States: {
                Flaky: {
                  Type: 'Task',
                  Resource: 'flaky',
                  Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1, IntervalSeconds: 1 }],
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    };
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const cancelled: string[] = [];
    const ex = startExecution(
      def,
      {},
      {
        clock,
        observer: {
          stateFailed: (n, _t, e) => seen.push(`failed ${n} ${e}`),
          stateAborted: (n) => seen.push(`aborted ${n}`),
          retryStarted: (n, _t, k) => seen.push(`retry ${n} #${k}`),
          retrying: (n) => seen.push(`backoff ${n}`),
        },
        taskHandler: (task, cb) => {
          if (task.resource === 'flaky') clock.setTimeout(() => cb.fail('Boom', 'again'), 100);
          return () => cancelled.push(task.stateName);
        },
      },
    );
    clock.advanceBy(10_000);
    expect(ex.result()).toMatchObject({ status: 'FAILED', error: 'Boom' });
    expect(seen).toEqual([
      'backoff Flaky',
      'retry Flaky #1',
      'failed Flaky Boom',
      'aborted Slow',
      'failed P Boom',
    ]);
    // The slow task's attempt was abandoned when its branch was stopped.
    expect(cancelled).toEqual(['Slow']);
  });

  it('caps the execution at maxDurationSeconds (an Express workflow’s 5 minutes)', () => {
    const def: StateMachineDefinition = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 600, End: true } },
    };
    const capped = runExecution(def, {}, { maxDurationSeconds: 300 });
    expect(capped).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((capped.history.at(-1)?.timestamp ?? 0) - (capped.history[0]?.timestamp ?? 0)).toBe(
      300_000,
    );
    const definitionWins = runExecution(
      { ...def, TimeoutSeconds: 60 },
      {},
      { maxDurationSeconds: 300 },
    );
    expect(
      (definitionWins.history.at(-1)?.timestamp ?? 0) - (definitionWins.history[0]?.timestamp ?? 0),
    ).toBe(60_000);
    expect(runExecution(def, {}, { maxDurationSeconds: 31_536_000 }).status).toBe('SUCCEEDED');
  });

  it('keeps the event order of Parallel branches: each branch chains from ParallelStateStarted', () => {
    const def: StateMachineDefinition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };
    const h = runExecution(def, {}).history;
    const started = h.find((e) => e.type === 'ParallelStateStarted')?.id;
    const firsts = h.filter((e) => e.type === 'PassStateEntered').map((e) => e.previousEventId);
    expect(firsts).toEqual([started, started]);
  });
});
