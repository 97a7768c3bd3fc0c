/**
 * Executions inside a discrete-event Simulation: timers on the simulation's queue, randomness from
 * an injected Rng, Tasks answered later by simulated services, events for observers, and the
 * recorded AWS executions giving the same outcomes as on the interpreter's own clock.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng, Simulation } from '../../engine';
import {
  compileDefinition,
  DEFAULT_START_TIME,
  historyProblems,
  replayTasks,
  runExecution,
  SimulationClock,
  startSimulatedExecution,
  type RecordedTaskOutcome,
  type SimulatedExecutionEvent,
  type SimulatedTaskHandler,
  type StateMachineDefinition,
} from './index';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const SLOW = 10_000;

/** A simulated Lambda: answers `latencyMs` later, failing with `Flaky` the first `failures` times. */
function flakyLambda(sim: Simulation, latencyMs: number, failures: number): SimulatedTaskHandler {
  let calls = 0;
  return (task, done) => {
    const fail = calls++ < failures;
    sim.schedule(
      latencyMs,
      () =>
        done(fail ? { error: 'Flaky', cause: `call ${calls}` } : { output: { ok: task.input } }),
      null,
    );
  };
}

const waitThenRetry: StateMachineDefinition = {
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 10, Next: 'Call' },
    Call: {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { 'n.$': '$.n' },
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

/** Runs the simulation until it has nothing left to do (never past the last event). */
function drain(sim: Simulation): void {
  while (sim.step());
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an execution inside a Simulation', () => {
  it('ends at exactly the simulated time its Wait, task latency and Retry back-off add up to', () => {
    const sim = new Simulation(1);
    const events: SimulatedExecutionEvent[] = [];
    const ex = startSimulatedExecution(
      sim,
      sim.rng.split('sfn'),
      waitThenRetry,
      { n: 7 },
      {
        taskHandler: flakyLambda(sim, 500, 2),
        onEvent: (e) => events.push(e),
        history: true,
      },
    );
    expect(ex.status).toBe('RUNNING');
    expect(ex.currentStates()).toEqual(['Pause']);

    // Wait 10 s; attempt 1 fails at 10.5 s; +2 s; attempt 2 fails at 13 s; +6 s; attempt 3
    // succeeds at 19.5 s.
    sim.runUntil(19_499);
    expect(ex.status).toBe('RUNNING');
    expect(ex.currentStates()).toEqual(['Call']);
    sim.runUntil(19_500);
    expect(ex.result()).toMatchObject({ status: 'SUCCEEDED', output: { ok: { n: 7 } } });
    expect(ex.endTime).toBe(19_500);
    expect(sim.pending).toBe(0);

    const retries = events.filter((e) => e.type === 'Retry');
    expect(retries.map((e) => [e.time, e.retryCount, e.delayMs, e.error])).toEqual([
      [10_500, 1, 2_000, 'Flaky'],
      [13_000, 2, 6_000, 'Flaky'],
    ]);
    const entered = events.flatMap((e) => (e.type === 'StateEntered' ? [[e.state, e.time]] : []));
    expect(entered).toEqual([
      ['Pause', 0],
      ['Call', 10_000],
      ['Done', 19_500],
    ]);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'ExecutionFinished', time: 19_500, status: 'SUCCEEDED' });
    expect(last?.execution).toBe(ex);

    // The history's timestamps are the fixed epoch plus simulated time.
    expect(historyProblems(ex.history)).toEqual([]);
    const stamps = ex.history.map((e) => ex.clock.toSimTime(e.timestamp));
    expect(stamps[0]).toBe(0);
    expect(stamps[stamps.length - 1]).toBe(19_500);
    expect(ex.history[0]?.timestamp).toBe(DEFAULT_START_TIME);
    expect(ex.history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp)).toEqual(
      [10_000, 12_500, 19_000].map((t) => DEFAULT_START_TIME + t),
    );
  });

  it('gives identical histories and events for the same seed', () => {
    const def: StateMachineDefinition = {
      StartAt: 'Ids',
      States: {
        Ids: {
          Type: 'Pass',
          Parameters: { 'id.$': 'States.UUID()', 'dice.$': 'States.MathRandom(1, 7)' },
          Next: 'Call',
        },
        Call: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 4, JitterStrategy: 'FULL' }],
          End: true,
        },
      },
    };
    const run = (seed: string) => {
      const sim = new Simulation(seed);
      const events: unknown[] = [];
      const ex = startSimulatedExecution(
        sim,
        sim.rng.split('sfn'),
        def,
        {},
        {
          taskHandler: flakyLambda(sim, 250, 3),
          onEvent: ({ execution: _, ...e }) => events.push(e),
          history: true,
        },
      );
      drain(sim);
      expect(ex.status).toBe('SUCCEEDED');
      return { history: ex.history, events, end: ex.endTime, fingerprint: sim.fingerprint() };
    };
    const a = run('seed-a');
    expect(run('seed-a')).toEqual(a);
    const b = run('seed-b');
    expect(b.history).not.toEqual(a.history);
    expect(b.end).not.toBe(a.end);
  });

  it('takes task results delivered later by a simulated service', () => {
    const sim = new Simulation(3);
    const pending: { at: number; input: unknown; done: (r: { output: unknown }) => void }[] = [];
    const ex = startSimulatedExecution(
      sim,
      sim.rng,
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.a', Next: 'B' },
          B: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.b', End: true },
        },
      },
      { x: 1 },
      { taskHandler: (task, done) => void pending.push({ at: sim.now, input: task.input, done }) },
    );
    expect(pending).toHaveLength(1);
    expect(ex.currentStates()).toEqual(['A']);
    // The "Lambda" answers 1.2 s later, from an event of the simulation.
    sim.schedule(1_200, () => pending[0]?.done({ output: 'first' }), null);
    sim.runUntil(1_199);
    expect(ex.currentStates()).toEqual(['A']);
    sim.runUntil(1_200);
    expect(ex.currentStates()).toEqual(['B']);
    expect(pending[1]).toMatchObject({ at: 1_200, input: { x: 1, a: 'first' } });
    sim.runUntil(60_000); // nothing answers B: the execution waits (no TimeoutSeconds)
    expect(ex.status).toBe('RUNNING');
    pending[1]?.done({ output: 'second' });
    expect(ex.outcome()).toEqual({
      status: 'SUCCEEDED',
      output: { x: 1, a: 'first', b: 'second' },
    });
    expect(ex.endTime).toBe(60_000);
    expect(ex.history).toEqual([]); // history is off by default
  });

  it('draws FULL jitter from the injected Rng: same seed same delays, other seed other delays', () => {
    const random = vi.spyOn(Math, 'random');
    const def: StateMachineDefinition = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [
            {
              ErrorEquals: ['Flaky'],
              IntervalSeconds: 1,
              BackoffRate: 2,
              MaxAttempts: 5,
              JitterStrategy: 'FULL',
            },
          ],
          End: true,
        },
      },
    };
    const compiled = compileDefinition(def);
    const delays = (seed: string) => {
      const sim = new Simulation(1);
      const out: number[] = [];
      const ex = startSimulatedExecution(
        sim,
        new Rng(seed),
        compiled,
        {},
        {
          taskHandler: flakyLambda(sim, 100, Infinity),
          onEvent: (e) => {
            if (e.type === 'Retry') out.push(e.delayMs);
          },
        },
      );
      drain(sim);
      expect(ex.outcome()).toMatchObject({ status: 'FAILED', error: 'Flaky' });
      // The first attempt and five retries, 100 ms each, plus the back-offs, exactly.
      expect(ex.endTime).toBe(6 * 100 + out.reduce((a, b) => a + b, 0));
      return out;
    };
    const a = delays('jitter-1');
    expect(a).toHaveLength(5);
    expect(delays('jitter-1')).toEqual(a);
    expect(delays('jitter-2')).not.toEqual(a);
    // Exactly the injected stream's draws: delay k = round(1 s * 2^k * draw k).
    const rng = new Rng('jitter-1');
    expect(a).toEqual([0, 1, 2, 3, 4].map((k) => Math.round(1000 * 2 ** k * rng.next())));
    expect(random).not.toHaveBeenCalled();
  });

  it('runs many executions of one compiled definition interleaved on one clock', () => {
    const sim = new Simulation(9);
    const compiled = compileDefinition(waitThenRetry);
    const clock = new SimulationClock(sim);
    const finished: [string, number][] = [];
    const executions = Array.from({ length: 50 }, (_, i) => {
      sim.runUntil(i * 1_000); // one start a second
      return startSimulatedExecution(
        sim,
        sim.rng.split(`ex${i}`),
        compiled,
        { n: i },
        {
          clock,
          taskHandler: flakyLambda(sim, 500, i % 3),
          onEvent: (e) => {
            if (e.type === 'ExecutionFinished') finished.push([e.execution.name, e.time]);
          },
        },
      );
    });
    drain(sim);
    expect(executions.every((ex) => ex.status === 'SUCCEEDED')).toBe(true);
    // Each execution's retries depend on when it called the shared flaky function, not on i.
    for (const ex of executions) {
      const took = (ex.endTime as number) - ex.startTime;
      expect([10_500, 13_000, 19_500]).toContain(took);
    }
    expect(finished).toHaveLength(50);
    expect(executions.map((ex) => ex.name).slice(0, 2)).toEqual(['execution-1', 'execution-2']);
    expect(sim.pending).toBe(0);
  });

  it('binds JSONata $now, $millis, $random, $uuid and $shuffle to the simulation', () => {
    const random = vi.spyOn(Math, 'random');
    const def: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 90, Next: 'Look' },
        Look: {
          Type: 'Pass',
          Output: {
            now: '{% $now() %}',
            millis: '{% $millis() %}',
            day: "{% $now('[Y0001]-[M01]-[D01]') %}",
            r: '{% $random() %}',
            seeded: '{% $random(42) = $random(42) %}',
            id: '{% $uuid() %}',
            shuffled: '{% $sort($shuffle([1, 2, 3, 4, 5])) %}',
          },
          End: true,
        },
      },
    };
    const run = (seed: string) => {
      const sim = new Simulation(1);
      const ex = startSimulatedExecution(
        sim,
        new Rng(seed),
        def,
        {},
        { epochMs: Date.UTC(2030, 5, 1) },
      );
      sim.runUntil(90_000);
      return ex.outcome().output as Record<string, unknown>;
    };
    const a = run('j');
    expect(a).toMatchObject({
      now: '2030-06-01T00:01:30.000Z',
      millis: Date.UTC(2030, 5, 1) + 90_000,
      day: '2030-06-01',
      seeded: true,
      shuffled: [1, 2, 3, 4, 5],
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('j')).toEqual(a);
    const b = run('k');
    expect([b.r, b.id]).not.toEqual([a.r, a.id]);
    expect(random).not.toHaveBeenCalled();
  });

  it('reports catches, and times a task out on the simulation clock (late answers ignored)', () => {
    const sim = new Simulation(2);
    const events: SimulatedExecutionEvent[] = [];
    let cancelled = 0;
    let late: ((r: { output: unknown }) => void) | undefined;
    const ex = startSimulatedExecution(
      sim,
      sim.rng,
      {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: LAMBDA,
            TimeoutSeconds: 5,
            Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Fallback' }],
            Next: 'Done',
          },
          Fallback: { Type: 'Pass', Result: 'fallback', End: true },
          Done: { Type: 'Succeed' },
        },
      },
      {},
      {
        taskHandler: (_task, done) => {
          late = done;
          return () => cancelled++;
        },
        onEvent: (e) => events.push(e),
      },
    );
    sim.runUntil(5_000);
    expect(ex.outcome()).toEqual({ status: 'SUCCEEDED', output: 'fallback' });
    expect(cancelled).toBe(1);
    late?.({ output: 'too late' });
    expect(ex.outcome()).toEqual({ status: 'SUCCEEDED', output: 'fallback' });
    expect(events.map((e) => e.type)).toEqual([
      'StateEntered',
      'Caught',
      'StateExited',
      'StateEntered',
      'StateExited',
      'ExecutionFinished',
    ]);
    expect(events[1]).toMatchObject({
      type: 'Caught',
      time: 5_000,
      state: 'Call',
      error: 'States.Timeout',
      next: 'Fallback',
    });
  });

  it('stops an execution, calling off its timers', () => {
    const sim = new Simulation(4);
    const ex = startSimulatedExecution(sim, sim.rng, waitThenRetry, {});
    expect(sim.pending).toBe(1);
    sim.runUntil(3_000);
    ex.stop('Operator', 'stopped by hand');
    expect(ex.outcome()).toEqual({ status: 'ABORTED' });
    expect(ex.endTime).toBe(3_000);
    expect(sim.pending).toBe(0);
  });

  it("rethrows an observer's exception from the simulation, without failing the execution", () => {
    const sim = new Simulation(5);
    const ex = startSimulatedExecution(
      sim,
      sim.rng,
      waitThenRetry,
      { n: 1 },
      {
        taskHandler: flakyLambda(sim, 500, 0),
        onEvent: (e) => {
          if (e.type === 'StateEntered' && e.state === 'Call') throw new Error('observer bug');
        },
      },
    );
    expect(() => sim.runUntil(SLOW)).toThrow('observer bug');
    expect(ex.status).toBe('RUNNING');
    sim.runUntil(SLOW + 500);
    expect(ex.outcome()).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('counts events without keeping them: same outcome and quota with history off', () => {
    const loop: StateMachineDefinition = {
      StartAt: 'Again',
      States: { Again: { Type: 'Pass', Next: 'Again' } },
    };
    const run = (history: boolean) => {
      const sim = new Simulation(6);
      const ex = startSimulatedExecution(
        sim,
        sim.rng,
        loop,
        {},
        { history, maxHistoryEvents: 500 },
      );
      return { outcome: ex.outcome(), count: ex.execution.recorder.count, kept: ex.history.length };
    };
    const on = run(true);
    const off = run(false);
    expect(on.outcome).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(off.outcome).toEqual(on.outcome);
    expect(off.count).toBe(on.count);
    expect(on.kept).toBe(on.count);
    expect(off.kept).toBe(0);
  });
});

interface Case {
  id: string;
  definition: StateMachineDefinition;
  input: unknown;
  taskEvents: RecordedTaskOutcome[];
  s3Objects?: Record<string, string>;
}

describe('the recorded AWS executions, inside a Simulation', () => {
  const file = resolve(
    import.meta.dirname,
    '../../../test/conformance/stepfunctions/execution-cases.json',
  );
  const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];

  it('end exactly as on the interpreter’s own clock, with the history kept or not', () => {
    expect(cases).toHaveLength(235);
    for (const c of cases) {
      const reference = runExecution(c.definition, c.input, {
        taskHandler: replayTasks(c.taskEvents),
        ...(c.s3Objects ? { s3Objects: c.s3Objects } : {}),
      });
      const { history: referenceHistory, ...expected } = reference;
      const compiled = compileDefinition(c.definition);
      for (const history of [true, false]) {
        const sim = new Simulation(c.id);
        const replay = replayTasks(c.taskEvents);
        const ex = startSimulatedExecution(sim, sim.rng, compiled, c.input, {
          taskHandler: (task, _done, callbacks) => replay(task, callbacks),
          history,
          name: 'execution',
          ...(c.s3Objects ? { s3Objects: c.s3Objects } : {}),
        });
        drain(sim);
        const { history: events, ...outcome } = ex.result();
        // No recorded case draws randomness, so the outcomes must agree exactly.
        expect(outcome, c.id).toEqual(expected);
        if (history) {
          expect(events, c.id).toEqual(referenceHistory);
        } else {
          expect(events).toEqual([]);
          expect(ex.execution.recorder.count, c.id).toBe(referenceHistory.length);
        }
      }
    }
  }, 30_000);
});
