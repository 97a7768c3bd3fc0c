import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionOf, stateMachineNode } from '../../kit';
import { defaultParams } from '../params';
import { createRun } from '../runtime';
import { checkImportedDefinition, importedPattern, taskServices } from './imported';
import { SAMPLE } from './sample';
import { ORDER_WORKFLOW } from './workflow';

describe('imported workflows', () => {
  it('finds one service per Task resource (the function for lambda:invoke)', () => {
    expect(taskServices(SAMPLE.definition)).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:Pricer',
      'arn:aws:states:::sqs:sendMessage',
    ]);
    expect(taskServices(ORDER_WORKFLOW)).toHaveLength(5);
  });

  it('makes a pattern that passes the kit checks and runs the definition', () => {
    const pattern = importedPattern(SAMPLE);
    expect(checkDefinition(definitionOf(pattern))).toEqual([]);
    const run = createRun(pattern, { ...defaultParams(pattern), executionRate: 2 }, { seed: 1 });
    run.advanceTo(20_000);
    const node = stateMachineNode(run.world, 'stateMachine')!;
    const done = node.recentExecutions().find((r) => r.status !== 'RUNNING')!;
    expect(done.status).toBe('SUCCEEDED');
    // Pricer's result template read the input; the Choice took the expensive path.
    expect(done.steps.some((s) => s.type === 'entered' && s.state === 'Approve')).toBe(true);
    const approve = done.steps.find((s) => s.type === 'taskScheduled' && s.state === 'Approve');
    expect(approve && 'input' in approve ? approve.input : undefined).toEqual({
      QueueUrl: 'q',
      MessageBody: '{"price":150,"item":"lamp"}',
    });
  });

  it('names the path of each problem of an invalid definition', () => {
    const bad = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Nowhere' } },
    });
    const r = checkImportedDefinition(bad);
    expect(r.definition).toBeUndefined();
    expect(r.problems.map((p) => p.path)).toContain('/States/A/Next');
    expect(checkImportedDefinition('{ not json').problems[0]?.message).toMatch(/not JSON/);
  });
});
