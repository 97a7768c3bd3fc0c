import { describe, expect, it } from 'vitest';
import { readPath } from '../aws/stepFunctions';
import type { ExecutionRecord } from '../kit';
import { findPattern } from '../patterns';
import { createSimulator, type Simulator } from './createSimulator';
import { createManualTicker } from './manualTicker';
import {
  ExecutionFollower,
  stateMachineOf,
  stepExecution,
  visitIO,
  workflowNodeId,
} from './workflow';

const pattern = findPattern('orchestration-step-functions')!;

function setup(params: Record<string, number | boolean> = {}) {
  let wall = 0;
  const sim = createSimulator({
    pattern,
    params,
    seed: 3,
    ticker: createManualTicker(),
    wallClock: () => (wall += 0.001),
  });
  const nodeId = workflowNodeId(pattern)!;
  return { sim, nodeId, node: () => stateMachineOf(sim.run, nodeId)! };
}

/** Runs until the first followed execution starts; returns it. */
function firstExecution(sim: Simulator, nodeId: string): ExecutionRecord {
  sim.advanceUntil(() => (stateMachineOf(sim.run, nodeId)?.recentExecutions().length ?? 0) > 0);
  return stateMachineOf(sim.run, nodeId)!.recentExecutions()[0]!;
}

/** AWS's history as JSON values: entered inputs, scheduled parameters, exited outputs, in order. */
function historyValues(record: ExecutionRecord) {
  const entered: unknown[] = [];
  const parameters: unknown[] = [];
  const exited: unknown[] = [];
  for (const e of record.history ?? []) {
    if (e.stateEnteredEventDetails) entered.push(JSON.parse(e.stateEnteredEventDetails.input));
    if (e.taskScheduledEventDetails)
      parameters.push(JSON.parse(e.taskScheduledEventDetails.parameters));
    if (e.stateExitedEventDetails) exited.push(JSON.parse(e.stateExitedEventDetails.output));
  }
  return { entered, parameters, exited };
}

describe('following one execution', () => {
  it('Step shows the followed execution one recorded step at a time, the run paused', () => {
    const { sim, nodeId } = setup({ executionRate: 50 });
    const record = firstExecution(sim, nodeId);
    const follower = new ExecutionFollower(nodeId, record.msgId, record);
    let shown = follower.revealed;
    let guard = 0;
    while (!follower.done(sim.run) && guard++ < 200) {
      const t = sim.run.now;
      expect(follower.step(sim)).toBe(true);
      expect(sim.store.getState().status).toBe('paused');
      expect(sim.run.now).toBeGreaterThanOrEqual(t);
      expect(follower.revealed).toBe(shown + 1);
      const view = follower.view(sim.run)!;
      expect(view.steps).toHaveLength(shown + 1);
      // The rest of the run went no further than this execution's newest step.
      expect(sim.run.now).toBe(Math.max(t, record.steps[record.steps.length - 1]!.t));
      shown++;
    }
    expect(record.status).toBe('SUCCEEDED');
    expect(follower.view(sim.run)!.status).toBe('SUCCEEDED');
    expect(follower.step(sim)).toBe(false);
  }, 30_000);

  it("each visit's stages equal the interpreter's values (its history) and chain to the output", () => {
    const { sim, nodeId, node } = setup();
    const record = firstExecution(sim, nodeId);
    while (record.status === 'RUNNING') stepExecution(sim, nodeId, record.msgId);
    expect(record.status).toBe('SUCCEEDED');
    const h = historyValues(record);
    const definition = node().definition();
    const shown = {
      entered: [] as unknown[],
      parameters: [] as unknown[],
      exited: [] as unknown[],
    };
    record.steps.forEach((s, i) => {
      if (s.type !== 'entered') return;
      const io = visitIO(record, definition, i)!;
      const stage = (label: string) => io.stages.find((x) => x.label === label)?.value;
      shown.entered.push(stage('Raw input'));
      if (io.stateType === 'Task') shown.parameters.push(stage('Effective input'));
      if (io.status === 'exited') shown.exited.push(stage('Output'));
      const combined = io.stages.find((x) => x.label === 'After ResultPath');
      if (combined && io.status === 'exited') {
        // The recomputed ResultSelector → ResultPath stages, with OutputPath, give the output.
        const outputPath = definitionState(definition, io.state).OutputPath;
        const out =
          outputPath === undefined
            ? combined.value
            : readPath(outputPath as string, combined.value, { context: {}, variables: {} });
        expect(out).toEqual(stage('Output'));
      }
    });
    // Parallel branches interleave; compare as multisets of JSON texts.
    const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(sorted(shown.entered)).toEqual(sorted(h.entered));
    expect(sorted(shown.parameters)).toEqual(sorted(h.parameters));
    expect(sorted(shown.exited)).toEqual(sorted(h.exited));
    expect(shown.parameters.length).toBe(5);
  }, 30_000);

  it('shows retries and the catch of a failing InvoiceService as they happen', () => {
    const { sim, nodeId, node } = setup({ invoiceErrorRate: 100 });
    const record = firstExecution(sim, nodeId);
    const follower = new ExecutionFollower(nodeId, record.msgId, record);
    const seen: string[] = [];
    while (follower.step(sim)) {
      const last = record.steps[follower.revealed - 1];
      if (last && (last.type === 'retry' || last.type === 'caught'))
        seen.push(`${last.type}:${last.state}`);
    }
    expect(seen).toEqual(['retry:InvoiceService', 'retry:InvoiceService', 'caught:Fulfilment']);
    expect(record.status).toBe('FAILED');
    const at = record.steps.findIndex((s) => s.type === 'entered' && s.state === 'InvoiceService');
    const io = visitIO(record, node().definition(), at)!;
    expect(io.events.map((e) => e.type)).toEqual(['retry', 'retry']);
    expect(io.status).toBe('failed');
  }, 30_000);
});

function definitionState(definition: { States: Record<string, unknown> }, name: string) {
  const find = (states: Record<string, unknown>): Record<string, unknown> | undefined => {
    for (const [n, d] of Object.entries(states) as [string, Record<string, unknown>][]) {
      if (n === name) return d;
      for (const b of (d.Branches as { States: Record<string, unknown> }[] | undefined) ?? []) {
        const r = find(b.States);
        if (r) return r;
      }
    }
    return undefined;
  };
  return find(definition.States)!;
}
