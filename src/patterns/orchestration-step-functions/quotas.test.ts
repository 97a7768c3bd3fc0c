import { describe, expect, it } from 'vitest';
import type { Pattern } from '../../kit';
import { defaultParams } from '../params';
import { createRun } from '../runtime';
import { orchestrationStepFunctions as pattern } from './index';

function run(p: Pattern, params: Record<string, number | boolean>, ms: number) {
  const r = createRun(p, { ...defaultParams(p), ...params }, { seed: 5 });
  r.advanceTo(ms);
  return r;
}

describe('Standard workflow quotas', () => {
  it('StartExecution past its token bucket is refused with ThrottlingException, counted and lost as throttled', () => {
    const r = run(pattern, { executionRate: 200, startExecutionQuota: 50 }, 20_000);
    const s = r.nodeStats().stateMachine!;
    // 1,300 in the bucket, then 50 a second: about 1,300 + 50 × 20 starts of about 4,000 offered.
    expect(s.started).toBeGreaterThan(2100);
    expect(s.started).toBeLessThan(2450);
    expect(s.startThrottled).toBeGreaterThan(1400);
    const dropped = r.world.ledger.summary().dropped.throttled ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThanOrEqual(s.startThrottled!);
  }, 60_000);

  it('throttled state transitions slow executions down instead of failing them', () => {
    const fast = run(
      pattern,
      {
        executionRate: 40,
        orderErrorRate: 0,
        invoiceErrorRate: 0,
        inventoryErrorRate: 0,
        logisticsErrorRate: 0,
        notificationErrorRate: 0,
      },
      60_000,
    );
    const slow = run(
      pattern,
      {
        executionRate: 40,
        stateTransitionQuota: 100,
        orderErrorRate: 0,
        invoiceErrorRate: 0,
        inventoryErrorRate: 0,
        logisticsErrorRate: 0,
        notificationErrorRate: 0,
      },
      60_000,
    );
    const f = fast.nodeStats().stateMachine!;
    const s = slow.nodeStats().stateMachine!;
    expect(f.throttledTransitions ?? 0).toBe(0);
    expect(s.throttledTransitions).toBeGreaterThan(0);
    expect(s.failed).toBe(0);
    expect(s.succeededMeanMs!).toBeGreaterThan(2 * f.succeededMeanMs!);
  }, 60_000);

  it('past the open executions quota StartExecution fails with ExecutionLimitExceeded', () => {
    const limited: Pattern = {
      ...pattern,
      nodes: pattern.nodes.map((n) =>
        n.id === 'stateMachine' ? { ...n, config: { ...n.config, maxOpenExecutions: 10 } } : n,
      ),
    };
    const r = run(limited, { executionRate: 100 }, 10_000);
    const s = r.nodeStats().stateMachine!;
    expect(s.executionLimitExceeded).toBeGreaterThan(0);
    expect(s.running).toBeLessThanOrEqual(10);
  }, 60_000);
});
