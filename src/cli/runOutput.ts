import { stateMachineNode, type StateStats } from '../kit/kinds/stepFunctions';
import type { Pattern, RunSummary, ScenarioRun } from '../patterns';

/** Each state machine's per-state counts and time in state, by node id. */
export function stateMachineStats(
  run: ScenarioRun,
  pattern: Pattern,
): Record<string, Record<string, StateStats>> {
  const states: Record<string, Record<string, StateStats>> = {};
  for (const node of pattern.nodes) {
    const machine =
      node.kind === 'stepFunctions' ? stateMachineNode(run.world, node.id) : undefined;
    if (machine) states[node.id] = machine.stateStats();
  }
  return states;
}

/** A run's summary as `--json` prints it: a state machine's states go with its node's numbers. */
export function summaryJson(
  summary: RunSummary,
  states: Record<string, Record<string, StateStats>>,
): RunSummary & { nodes: Record<string, unknown> } {
  const nodes: Record<string, unknown> = { ...summary.nodes };
  for (const [id, perState] of Object.entries(states))
    nodes[id] = { ...summary.nodes[id], states: perState };
  return { ...summary, nodes } as RunSummary & { nodes: Record<string, unknown> };
}
