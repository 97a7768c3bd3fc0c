/**
 * The `stepFunctions` kind: executions started by messages, Tasks run on simulated Lambdas over
 * the kit's links, Standard and Express as documented, the fate of each message, and what the view
 * reads (per-state numbers, one execution followed).
 */
import { describe, expect, it } from 'vitest';
import { World } from '../../engine';
import {
  assemble,
  checkDefinition,
  type ConfigValue,
  type GraphEdge,
  type GraphNode,
} from '../index';
import type { PatternDefinition } from '../definition';
import { stateMachineNode } from './stepFunctions';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';

/** A Task calling function `fn` through lambda:invoke (or its plain ARN with `legacy`). */
function task(fn: string, rest: Record<string, unknown> = {}, legacy = false) {
  return legacy
    ? { Type: 'Task', Resource: ARN + fn, ...rest }
    : {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: ARN + fn, 'Payload.$': '$' },
        ...rest,
      };
}

interface Setup {
  definition: unknown;
  workflowType?: 'STANDARD' | 'EXPRESS';
  machine?: Record<string, ConfigValue>;
  /** Lambda functions: id → config. */
  functions?: Record<string, Record<string, ConfigValue>>;
  /** Edge config per function id. */
  edgeConfig?: Record<string, Record<string, ConfigValue>>;
  rate?: number;
  start?: 'async' | 'sync';
  body?: Record<string, ConfigValue>;
}

function pattern(s: Setup): PatternDefinition {
  const functions = s.functions ?? {};
  const nodes: GraphNode[] = [
    {
      id: 'orders',
      kind: 'user',
      label: 'Orders',
      position: { x: 0, y: 0 },
      config: {
        pattern: 'constant',
        ratePerS: s.rate ?? 1,
        payloads: [{ weight: 1, body: s.body ?? { n: 1 } }],
      },
    },
    {
      id: 'sm',
      kind: 'stepFunctions',
      label: 'State machine',
      position: { x: 200, y: 0 },
      config: {
        definition: s.definition as ConfigValue,
        workflowType: s.workflowType ?? 'STANDARD',
        ...s.machine,
      },
    },
    ...Object.entries(functions).map(([id, config], i): GraphNode => ({
      id,
      kind: 'lambda',
      label: id,
      position: { x: 400, y: i * 100 },
      config,
    })),
  ];
  const edges: GraphEdge[] = [
    { id: 'start', source: 'orders', target: 'sm', kind: s.start ?? 'async' },
    ...Object.keys(functions).map((id): GraphEdge => ({
      id: `${id}Task`,
      source: 'sm',
      target: id,
      kind: 'sync',
      config: { resource: ARN + id, ...s.edgeConfig?.[id] },
    })),
  ];
  return {
    id: 'sfn-test',
    title: 'Step Functions test',
    seedDiagram: 'none',
    nodes,
    edges,
    params: [],
    flows: [
      { id: 'ok', label: 'ok', description: 'ok', measure: { kind: 'ended', fate: 'completed' } },
    ],
    charts: [],
    explanation: { summary: 's', whenToUse: [], tradeOffs: [], whatToTry: [] },
  };
}

/** Runs `seconds` of traffic (constant: one message a second at the default rate). */
function run(s: Setup, seconds: number, seed = 1) {
  const def = pattern(s);
  expect(checkDefinition(def)).toEqual([]);
  const world = new World({ seed, recordHops: true, sampleIntervalMs: 1000, sampleCapacity: 60 });
  const built = assemble(def, {}, world, {});
  world.sim.runUntil(seconds * 1000);
  const machine = stateMachineNode(world, 'sm');
  if (!machine) throw new Error('no state machine');
  return { world, built, machine, stats: () => built.nodeStats().sm ?? {} };
}

const quick = { duration: { kind: 'constant', value: 100 }, coldStart: 0 };

describe('the stepFunctions kind', () => {
  it('runs one execution per message; the execution’s end settles the message', () => {
    const r = run(
      {
        definition: {
          StartAt: 'A',
          States: {
            A: task('fnA', {
              ResultSelector: { 'got.$': '$.Payload.got' },
              ResultPath: '$.a',
              Next: 'B',
            }),
            B: task('fnB', { ResultPath: '$.b', End: true }, true),
          },
        },
        functions: { fnA: quick, fnB: quick },
        edgeConfig: { fnA: { output: { 'got.$': '$.n', extra: 'x' } } },
      },
      10.5,
    );
    r.built.stopTraffic();
    r.world.sim.runUntil(20_000);
    const s = r.stats();
    expect(s).toMatchObject({ started: 10, running: 0, succeeded: 10, failed: 0 });
    expect(s.transitions).toBe(20);
    expect(r.world.ledger.summary()).toMatchObject({ created: 10, completed: 10, inSystem: 0 });
    // lambda:invoke wraps the function's result; a plain function ARN does not.
    const rec = r.machine.recentExecutions().at(-1);
    expect(rec?.output).toEqual({ n: 1, a: { got: 1 }, b: { n: 1, a: { got: 1 } } });
    // Task → Lambda calls are drawn on the edges.
    const hops = r.world.hops.drain().map((h) => h.edgeId);
    expect(hops).toContain('fnATask');
    expect(hops).toContain('fnBTask');
    expect(r.built.nodeStats().fnA?.invocations).toBe(10);
  });

  it('turns Lambda failures into the errors AWS names, for Retry and Catch to match', () => {
    const catchAll = (next: string, path: string) => [
      { ErrorEquals: ['States.ALL'], ResultPath: path, Next: next },
    ];
    const r = run(
      {
        definition: {
          StartAt: 'Boom',
          States: {
            Boom: task('boom', { Catch: catchAll('Slow', '$.err'), Next: 'Slow' }),
            Slow: task('slow', { Catch: catchAll('Report', '$.err2'), Next: 'Report' }),
            Report: { Type: 'Pass', End: true },
          },
        },
        functions: {
          boom: { ...quick, errorRate: 1 },
          slow: { ...quick, duration: { kind: 'constant', value: 5000 }, timeoutMs: 1000 },
        },
        edgeConfig: { boom: { errorType: 'PaymentDeclined' } },
      },
      1.5,
    );
    r.world.sim.runUntil(10_000);
    const out = r.machine.recentExecutions()[0]?.output as {
      err: { Error: string; Cause: string };
    };
    expect(out.err.Error).toBe('PaymentDeclined');
    expect(JSON.parse(out.err.Cause)).toMatchObject({ errorType: 'PaymentDeclined' });
    expect((out as unknown as { err2: { Error: string } }).err2.Error).toBe('Lambda.Unknown');
  });

  it('a throttled invoke is Lambda.TooManyRequestsException: the retries queue executions in the state', () => {
    const r = run(
      {
        definition: {
          StartAt: 'Work',
          States: {
            Work: task('busy', {
              Retry: [
                {
                  ErrorEquals: ['Lambda.TooManyRequestsException'],
                  IntervalSeconds: 1,
                  MaxAttempts: 10,
                  BackoffRate: 1.5,
                  JitterStrategy: 'FULL',
                },
              ],
              End: true,
            }),
          },
        },
        functions: {
          busy: {
            duration: { kind: 'constant', value: 1000 },
            reservedConcurrency: 2,
            coldStart: 0,
          },
        },
        rate: 10,
      },
      10,
    );
    const work = r.machine.stateStats().Work;
    expect(work?.retries).toBeGreaterThan(20);
    expect(work?.retrying).toBeGreaterThan(0);
    expect(work?.waiting).toBeLessThanOrEqual(2);
    expect(work?.inState).toBe((work?.waiting ?? 0) + (work?.retrying ?? 0));
    expect(r.built.nodeStats().busy?.throttles).toBeGreaterThan(20);
  });

  it('Standard keeps the history; Express keeps none and stops an execution after 5 minutes', () => {
    const definition = {
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 400, Next: 'Done' }, Done: { Type: 'Succeed' } },
    };
    const standard = run({ definition }, 1.5);
    standard.built.stopTraffic();
    standard.world.sim.runUntil(500_000);
    const sRec = standard.machine.executionHistory(standard.machine.recentExecutions()[0]!.msgId);
    expect(sRec).toMatchObject({ status: 'SUCCEEDED', workflowType: 'STANDARD' });
    expect(sRec?.history?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const express = run({ definition, workflowType: 'EXPRESS' }, 1.5);
    express.built.stopTraffic();
    express.world.sim.runUntil(500_000);
    const eRec = express.machine.recentExecutions()[0];
    expect(eRec).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      workflowType: 'EXPRESS',
    });
    expect((eRec?.endMs ?? 0) - (eRec?.startMs ?? 0)).toBe(300_000);
    expect(eRec?.history).toBeUndefined();
    expect(eRec?.steps.map((s) => s.type)).toEqual(['entered', 'aborted']);
    expect(express.world.ledger.summary().dropped).toEqual({ timedOut: 1 });
    // What each is billed by.
    expect(standard.stats()).toMatchObject({ stateTransitions: 2, executions: 1 });
    expect(express.stats().busyS).toBe(300);
  });

  it('StartSyncExecution answers at the end (Express); a Standard machine refuses it', () => {
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 2, End: true } } };
    const express = run({ definition, workflowType: 'EXPRESS', start: 'sync' }, 1.5);
    express.built.stopTraffic();
    express.world.sim.runUntil(10_000);
    expect(express.built.nodeStats().orders).toMatchObject({ sent: 1, ok: 1 });
    expect(express.world.ledger.summary()).toMatchObject({ completed: 1 });
    const standard = run({ definition, start: 'sync' }, 1.5);
    standard.built.stopTraffic();
    standard.world.sim.runUntil(10_000);
    expect(standard.stats()).toMatchObject({ started: 0, refused: 1 });
    expect(standard.built.notes().sm).toMatch(/StartSyncExecution/);
  });

  it('Express runs at least once: duplicates run the workflow again but settle nothing', () => {
    const r = run(
      {
        definition: { StartAt: 'A', States: { A: task('fnA', { End: true }) } },
        workflowType: 'EXPRESS',
        machine: { duplicateRate: 1 },
        functions: { fnA: quick },
        rate: 2,
      },
      5,
    );
    r.built.stopTraffic();
    r.world.sim.runUntil(10_000);
    const started = r.stats().started ?? 0;
    expect(r.stats().duplicates).toBe(started / 2);
    expect(r.built.nodeStats().fnA?.invocations).toBe(started);
    expect(r.world.ledger.summary()).toMatchObject({ completed: started / 2, inSystem: 0 });
  });

  it('answers Tasks no edge serves from taskResults, or fails them with States.TaskFailed', () => {
    const r = run(
      {
        definition: {
          StartAt: 'Known',
          States: {
            Known: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              ResultPath: '$.sent',
              Next: 'Unknown',
            },
            Unknown: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true },
          },
        },
        machine: {
          taskResults: { 'arn:aws:states:::sqs:sendMessage': { output: { MessageId: 'm-1' } } },
        },
      },
      1.5,
    );
    const rec = r.machine.recentExecutions()[0];
    expect(rec).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    const sent = rec?.steps.find((s) => s.type === 'exited' && s.state === 'Known');
    expect(sent).toMatchObject({ output: { n: 1, sent: { MessageId: 'm-1' } } });
    expect(r.built.graveyard().sm?.[0]?.detail).toMatch(/FAILED with States.TaskFailed/);
  });

  it('follows one execution state by state, and its steps agree with AWS’s history', () => {
    const r = run(
      {
        definition: {
          StartAt: 'Split',
          States: {
            Split: {
              Type: 'Parallel',
              Branches: [
                {
                  StartAt: 'A',
                  States: { A: task('fnA', { OutputPath: '$.Payload', End: true }) },
                },
                { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
              ],
              Next: 'Done',
            },
            Done: { Type: 'Succeed' },
          },
        },
        functions: { fnA: quick },
      },
      1.5,
    );
    const rec = r.machine.executionHistory(r.machine.recentExecutions()[0]!.msgId)!;
    expect(rec.status).toBe('SUCCEEDED');
    const entered = rec.steps.flatMap((s) => (s.type === 'entered' ? [[s.state, s.input]] : []));
    const history = rec.history!.flatMap((e) =>
      e.stateEnteredEventDetails
        ? [[e.stateEnteredEventDetails.name, JSON.parse(e.stateEnteredEventDetails.input)]]
        : [],
    );
    expect(entered).toEqual(history);
    const exited = rec.steps.flatMap((s) => (s.type === 'exited' ? [[s.state, s.output]] : []));
    const historyExited = rec.history!.flatMap((e) =>
      e.stateExitedEventDetails
        ? [[e.stateExitedEventDetails.name, JSON.parse(e.stateExitedEventDetails.output)]]
        : [],
    );
    expect(exited).toEqual(historyExited);
    const scheduled = rec.steps.find((s) => s.type === 'taskScheduled');
    const scheduledEvent = rec.history!.find((e) => e.type === 'TaskScheduled');
    expect(scheduled).toMatchObject({
      input: JSON.parse(scheduledEvent!.taskScheduledEventDetails!.parameters),
    });
    // Time in state: A took the function's 100 ms plus the network both ways.
    const a = r.machine.stateStats().A!;
    expect(a).toMatchObject({ inState: 0, entered: 1, exited: 1 });
    expect(a.meanMs).toBeGreaterThan(100);
    expect(a.meanMs).toBeLessThan(120);
  });

  it('shows the variables in scope where a state is entered', () => {
    const r = run(
      {
        definition: {
          StartAt: 'Set',
          States: {
            Set: { Type: 'Pass', Assign: { customer: 'c-1', 'n.$': '$.n' }, Next: 'Use' },
            Use: { Type: 'Pass', Parameters: { 'who.$': '$customer' }, End: true },
          },
        },
      },
      1.5,
    );
    const rec = r.machine.recentExecutions()[0]!;
    const entered = rec.steps.filter((s) => s.type === 'entered');
    expect(entered[0]).not.toHaveProperty('variables');
    expect(entered[1]).toMatchObject({ state: 'Use', variables: { customer: 'c-1', n: 1 } });
    expect(rec.output).toEqual({ who: 'c-1' });
  });

  it('refuses an invalid definition with the problems and their paths', () => {
    expect(() => run({ definition: { StartAt: 'X', States: { A: { Type: 'Pass' } } } }, 1)).toThrow(
      /definition is invalid:[\s\S]*\/StartAt: state 'X' does not exist/,
    );
  });
});
